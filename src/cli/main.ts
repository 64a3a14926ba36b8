#!/usr/bin/env node
/**
 * tongban's entry point. A plain `tongban` or `tongban console [--lang L] [--data-dir D] [--demo]`
 * opens the console straight away: counter staff start it many times a day on slow terminals,
 * and loading yargs and every command module first would add a visible delay before the first
 * frame. Every other command line (including --help and any mistake) goes through yargs.
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
