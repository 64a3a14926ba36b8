/**
 * Entry of the full-screen console. Ink 6 has no alternate-screen option, so we switch to the
 * alternate screen ourselves around the app, and always switch back and show the cursor on the way
 * out, whether the app quit normally or failed
 * (docs/architecture.md#leaving-the-terminal-as-it-was).
 */
import {render} from 'ink';
import {App} from './App.js';
import type {Lang} from './i18n/index.js';
import type {ConsoleServices} from './services.js';

export const ENTER_ALT_SCREEN = '\u001B[?1049h';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const SHOW_CURSOR = '\u001B[?25h';

/** Frames per second Ink may draw at most (its throttle window is 1000 / this ms). */
export const RENDER_MAX_FPS = 250;

export interface RunConsoleOptions {
	lang: 'zh-CN' | 'en';
	/** Defaults to process.stdin / process.stdout; tests pass fakes. */
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	/** Aborting closes the console (e.g. its services failed to start). */
	signal?: AbortSignal;
}

/** Renders the console and resolves once the operator quits (q, ctrl-c or :quit). */
export async function runConsole(services: ConsoleServices, options: RunConsoleOptions): Promise<void> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const lang: Lang = options.lang;
	stdout.write(ENTER_ALT_SCREEN);
	try {
		const instance = render(<App services={services} lang={lang} />, {
			stdin,
			stdout,
			// ctrl-c is routed through the keymap like q, so quitting always restores the terminal.
			exitOnCtrlC: false,
			// A stray console.log would corrupt the frame; logs go to files, not the screen.
			patchConsole: false,
			// Ink throttles frames to maxFps (30 by default) and its throttle re-arms on every commit
			// while its timer is pending: a key that comes within ~33 ms of the last frame (a fast
			// typist, or a timer the busy event loop runs late) waited a whole window before it
			// showed. The console's frames come from keys and a few service events, so a short
			// window costs nothing and keys show at once (bench/keys.ts, docs/performance.md).
			maxFps: RENDER_MAX_FPS,
		});
		// A terminal closed or a service manager stopping us: leave the same way as q does.
		const stop = () => instance.unmount();
		process.once('SIGTERM', stop);
		process.once('SIGHUP', stop);
		options.signal?.addEventListener('abort', stop, {once: true});
		if (options.signal?.aborted) stop();
		try {
			await instance.waitUntilExit();
		} finally {
			process.off('SIGTERM', stop);
			process.off('SIGHUP', stop);
			options.signal?.removeEventListener('abort', stop);
			instance.cleanup();
		}
	} finally {
		stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
	}
}
