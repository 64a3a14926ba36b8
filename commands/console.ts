import type {Argv, CommandModule} from 'yargs';
import {InputError} from '../src/core/errors.js';
import type {Lang} from '../src/core/lang.js';
import {cliText} from '../src/i18n/cli.js';
import {runHandler, type GlobalArgs} from './context.js';

export interface ConsoleArgs extends GlobalArgs {
	demo?: boolean;
}

export function consoleCommand(lang: Lang): CommandModule<GlobalArgs, ConsoleArgs> {
	return {
		command: ['console', '$0'],
		describe: cliText(lang, 'cmd.console'),
		builder: (y: Argv<GlobalArgs>) =>
			// The demo runs only when asked for: a counter whose hub setting is missing must not
			// open a mock hub that looks like the real one (issue 12).
			y.option('demo', {type: 'boolean', describe: cliText(lang, 'opt.demo')}) as Argv<ConsoleArgs>,
		handler: (args) => openConsole(args),
	};
}

/** The console command's work; also called directly by src/cli/main.ts's fast path. */
export function openConsole(args: ConsoleArgs): Promise<void> {
	// runHandler's strict settings read comes first: broken settings stop the console (exit 5)
	// before the terminal is checked or anything opens.
	return runHandler(args, async (ctx) => {
		const demo = args.demo === true;
		if (!demo && !ctx.settings.hubUrl) throw new InputError('no_hub');
		// A full-screen console on a pipe would hang or throw in raw mode: refuse clearly instead
		// (docs/architecture.md#raw-mode-on-a-pipe).
		if (!process.stdin.isTTY || !process.stdout.isTTY) throw new InputError('no_tty');
		const {startConsole} = await import('../src/wiring/start.js');
		// The demo hub's pace (one case status step every 20 s) can be quickened for demos and
		// the real-terminal tests: TONGBAN_DEMO_STEP_MS (milliseconds per step, at least 100).
		const step = Number(process.env.TONGBAN_DEMO_STEP_MS);
		const demoStepMs = Number.isInteger(step) && step >= 100 ? step : undefined;
		await startConsole({lang: ctx.lang, dataDir: ctx.dataDir, settings: ctx.settings, demo, ...(demoStepMs ? {demoStepMs} : {})});
	});
}
