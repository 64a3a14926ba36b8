/**
 * Idle CPU (issue 17.3): the console on the demo (mock hub, emulated card reader and camera),
 * signed in and left alone on the search view, with its clock, its polls of the hub and the
 * reader running, on a real pty at 80x24; beside it for the same window the Ink hello-world
 * (bench/fixtures/ink-hello.tsx). CPU is user + system time from /proc/PID/stat over the window,
 * as a share of one core.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {launcherFlags} from './launcher.js';
import {PtyProgram, cpuSeconds, signInDemoClerk} from './pty.js';
import type {Section} from './stats.js';

const distRoot = fileURLToPath(new URL('..', import.meta.url));

export async function benchIdle(opts: {seconds?: number} = {}): Promise<Section> {
	const seconds = opts.seconds ?? 60;
	const node = process.execPath;
	const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-idle-'));
	let tongban: PtyProgram | undefined;
	let hello: PtyProgram | undefined;
	try {
		// The console as installed: under the bin's node flags (bench/launcher.ts).
		tongban = new PtyProgram([node, ...launcherFlags(), join(distRoot, 'bundle', 'tongban.js'), 'console', '--demo'].join(' '), {TONGBAN_DATA_DIR: dataDir});
		hello = new PtyProgram(`${node} ${join(distRoot, 'bundle-hello', 'ink-hello.js')}`, {});
		await hello.waitFor((o) => o.includes('hello from ink'));
		await signInDemoClerk(tongban, 60_000);
		await tongban.waitFor((o) => o.includes('就绪'), 0, 60_000);
		// Let the start-up work (deferred module loads, the first polls) finish before the window.
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		const pids = {tongban: tongban.programPid()!, hello: hello.programPid()!};
		const before = {tongban: cpuSeconds(pids.tongban), hello: cpuSeconds(pids.hello)};
		const drawnBefore = tongban.output.length;
		const started = process.hrtime.bigint();
		await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
		const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
		const share = (k: 'tongban' | 'hello') => (100 * (cpuSeconds(pids[k]) - before[k])) / elapsed;
		const drawn = Buffer.byteLength(tongban.output.slice(drawnBefore));
		return {
			title: `Idle CPU over ${seconds} s, signed in on the search view (demo: clock, hub and reader polls on)`,
			rows: [
				{what: 'ink hello-world (same build)', 'CPU % of one core': share('hello').toFixed(2), 'bytes drawn': '-'},
				{what: 'tongban console --demo, idle', 'CPU % of one core': share('tongban').toFixed(2), 'bytes drawn': drawn},
			],
			notes: [
				`user + system time from /proc/PID/stat over ${elapsed.toFixed(1)} s, both programs on their own 80x24 pty at the same time; the window starts 5 s after the reader turned ready. Target: console <= 1%.`,
				'The clock tick of /proc is 10 ms, so a figure is good to about 0.02% over 60 s.',
			],
		};
	} finally {
		await tongban?.kill();
		await hello?.kill();
		rmSync(dataDir, {recursive: true, force: true});
	}
}
