import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {createFakeServices} from '../test-utils/fixtures.js';
import {ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, runConsole, SHOW_CURSOR} from './run.js';

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
});
