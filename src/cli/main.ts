#!/usr/bin/env -S node --max-semi-space-size=8
/**
 * tongban's entry point. A plain `tongban` or `tongban console [--lang L] [--data-dir D] [--demo]`
 * opens the console straight away: counter staff start it many times a day on slow terminals,
 * and loading yargs and every command module first would add a visible delay before the first
 * frame. Every other command line (including --help and any mistake) goes through yargs.
 *
 * The launcher line caps V8's young generation at 2 MB per semi-space (the default lets it grow to
 * 16 MB, two of them): the console's allocations are small and short-lived, so the bigger nursery
 * only kept ~25 MB of mostly empty pages resident on thin terminals (all services up: 131 -> ~108
 * MB; first frame and time to ready unchanged within noise; docs/performance.md, issue 17.4). The
 * flag has to be on node's command line: V8 sizes the heap before any script runs, and setting it
 * from code later has no effect. `node dist/bundle/tongban.js` still works, without the cap.
 */
import {openConsole} from '../../commands/console.js';
import {consoleFastPath} from './fast-path.js';

// `tongban items search … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw error;
	});
}

const argv = process.argv.slice(2);
const fast = consoleFastPath(argv);
const run = fast ? openConsole(fast) : import('./yargs.js').then(({main}) => main(argv));
run.catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
