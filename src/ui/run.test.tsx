import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {createFakeServices} from '../test-utils/fixtures.js';
import {ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, RENDER_MAX_FPS, runConsole, SHOW_CURSOR} from './run.js';

/** A TTY-like stdout that records everything written. */
class FakeStdout extends EventEmitter {
	isTTY = true;
	columns = 80;
	rows = 24;
	output = '';
	write = (chunk: string) => {
		this.output += chunk;
		return true;
	};
}

/** A TTY-like stdin in the shape Ink reads from ('readable' + read()). */
class FakeStdin extends EventEmitter {
	isTTY = true;
	private pending: string | null = null;
	rawMode = false;
	setRawMode = vi.fn((mode: boolean) => {
		this.rawMode = mode;
	});
	setEncoding() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => {
		const data = this.pending;
		this.pending = null;
		return data;
	};
	press(data: string) {
		this.pending = data;
		this.emit('readable');
	}
}

/** Lets React's scheduler (setImmediate, not faked) and Ink's input handling run. */
async function turns(): Promise<void> {
	for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

function start() {
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	const done = runConsole(createFakeServices(), {
		lang: 'zh-CN',
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	return {stdout, stdin, done};
}

describe('runConsole', () => {
	it('enters the alternate screen, renders, and on q leaves it, shows the cursor and resolves', async () => {
		const {stdout, stdin, done} = start();
		expect(stdout.output.startsWith(ENTER_ALT_SCREEN)).toBe(true);
		await vi.waitFor(() => expect(stdout.output).toContain('事项检索'));
		expect(stdin.setRawMode).toHaveBeenCalledWith(true);
		stdin.press('q');
		await done;
		expect(stdout.output.endsWith(LEAVE_ALT_SCREEN + SHOW_CURSOR)).toBe(true);
		// Raw mode is given back when the app unmounts.
		expect(stdin.rawMode).toBe(false);
	});

	it('ctrl-c quits the same way (exitOnCtrlC is off: the keymap handles it)', async () => {
		const {stdout, stdin, done} = start();
		await vi.waitFor(() => expect(stdout.output).toContain('事项检索'));
		stdin.press('\u0003');
		await done;
		expect(stdout.output.endsWith(LEAVE_ALT_SCREEN + SHOW_CURSOR)).toBe(true);
	});

	it('does not quit on q typed into the search field', async () => {
		const {stdout, stdin, done} = start();
		await vi.waitFor(() => expect(stdout.output).toContain('事项检索'));
		stdin.press('/');
		// The hint line switches to the input's keys once the field has focus.
		await vi.waitFor(() => expect(stdout.output).toContain('转到结果列表'));
		stdin.press('q');
		await vi.waitFor(() => expect(stdout.output).toContain('检索> q'));
		expect(stdout.output).not.toContain(LEAVE_ALT_SCREEN);
		stdin.press('\u0003');
		await done;
	});

	it('draws a key that comes right after a frame within the short render window, not after 30 fps', async () => {
		// Only the timers Ink's frame throttle runs on are faked: its window passes only when moved
		// (vi.waitFor would move them, so the frames are awaited as turns of the event loop).
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		try {
			const window = Math.ceil(1000 / RENDER_MAX_FPS);
			expect(window).toBeLessThan(Math.ceil(1000 / 30));
			const {stdout, stdin, done} = start();
			await vi.waitFor(() => expect(stdout.output).toContain('事项检索'));
			stdin.press('/');
			await turns();
			vi.advanceTimersByTime(window);
			await turns();
			expect(stdout.output).toContain('转到结果列表');
			// The frame of '/' has just been drawn, so this key falls inside the window.
			stdin.press('q');
			await turns();
			vi.advanceTimersByTime(window);
			await turns();
			expect(stdout.output).toContain('检索> q');
			stdin.press('\u0003');
			vi.advanceTimersByTime(window);
			await done;
		} finally {
			vi.useRealTimers();
		}
	});
});
