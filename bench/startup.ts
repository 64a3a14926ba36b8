/**
 * Start-up figures: time from launch to the first frame on a real pseudo-terminal, and the RSS
 * at that moment, for `tongban console --demo` beside `node -e 0` and a minimal Ink hello-world
 * built the same way (both bundled by scripts/bundle.mjs), all measured in the same run. The pty comes from util-linux `script`.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {launcherLine} from './launcher.js';
import {median, type Section} from './stats.js';

const distRoot = fileURLToPath(new URL('..', import.meta.url));

interface LaunchResult {
	ms: number;
	rssMb?: number;
	/** When a second marker was asked for: time and RSS when it appeared. */
	readyMs?: number;
	readyRssMb?: number;
}

function rssOfChildNode(scriptPid: number): number | undefined {
	try {
		const children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
		for (const pid of children) {
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			const m = /VmRSS:\s+(\d+) kB/.exec(status);
			if (m) return Number(m[1]) / 1024;
		}
	} catch {
		// The process may already be gone; the caller records no RSS for this run.
	}
	return undefined;
}

/** Pids of `script`'s children (the measured process runs in its own session on the pty). */
function childPids(scriptPid: number): number[] {
	try {
		return readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/** Launches `command` on a pty and resolves when `marker` appears on its output (or it exits). */
function launch(command: string, marker: string | undefined, env: NodeJS.ProcessEnv, readyMarker?: string, deadlineMs = 20_000): Promise<LaunchResult> {
	return new Promise((resolvePromise, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], {
			env: {...process.env, ...env, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let output = '';
		let done = false;
		const timer = setTimeout(() => finish(new Error(`no first frame within ${deadlineMs} ms: ${command}`)), deadlineMs);
		const finish = (error?: Error, result?: LaunchResult) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			// Kill the measured process itself, not only `script`: a console left to wind down
			// on SIGHUP would still be loading its services while the next launch is timed.
			for (const pid of childPids(child.pid!)) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
			child.kill('SIGKILL');
			const settle = () => (error ? reject(error) : resolvePromise(result!));
			if (child.exitCode !== null || child.signalCode !== null) settle();
			else child.once('exit', settle);
		};
		let first: LaunchResult | undefined;
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			if (!first && marker && output.includes(marker)) {
				first = {ms, rssMb: rssOfChildNode(child.pid!)};
				if (!readyMarker) finish(undefined, first);
			}
			if (first && readyMarker && output.includes(readyMarker)) {
				finish(undefined, {...first, readyMs: ms, readyRssMb: rssOfChildNode(child.pid!)});
			}
		});
		child.on('exit', () => {
			if (done) return;
			if (!marker) finish(undefined, {ms: Number(process.hrtime.bigint() - started) / 1e6});
			else finish(new Error(`exited before the first frame: ${command}\n${output.slice(-500)}`));
		});
	});
}

export async function benchStartup(opts: {runs?: number} = {}): Promise<Section> {
	const runs = opts.runs ?? 15;
	const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-'));
	const node = process.execPath;
	// Both bundled by scripts/bundle.mjs with the same esbuild options.
	const cli = join(distRoot, 'bundle', 'tongban.js');
	const hello = join(distRoot, 'bundle-hello', 'ink-hello.js');
	// The console is launched as installed: the bin itself, whose launcher line gives node its
	// flags (src/cli/main.ts); `env` finds node on PATH, so this run's node goes first.
	const env = {TONGBAN_DATA_DIR: dataDir, PATH: `${dirname(node)}:${process.env.PATH ?? ''}`};
	const consoleCmd = `${cli} console --demo`;
	// The same bundle started by `node` without the launcher's flags: what the flags change.
	const plainCmd = `${node} ${cli} console --demo`;
	try {
		// The first launch ever validates the catalog and builds the search-index cache.
		// First frame: the top bar. Ready: the demo reader reports "就绪" once the hub, the
		// catalog, the audit log and the emulated devices behind the sign-in screen are up.
		const cold = await launch(consoleCmd, '通办', env, '就绪');
		const samples: Record<string, LaunchResult[]> = {nodeE0: [], hello: [], console: [], plain: [], firstRun: []};
		for (let i = 0; i < runs; i++) {
			// Interleave them so that machine noise hits them alike.
			samples.nodeE0!.push(await launch(`${node} -e 0`, undefined, env));
			samples.hello!.push(await launch(`${node} ${hello}`, 'hello from ink', env));
			samples.console!.push(await launch(consoleCmd, '通办', env, '就绪'));
			samples.plain!.push(await launch(plainCmd, '通办', env, '就绪'));
			// A first run each time: a new, empty data folder (one sample alone was mostly noise).
			const fresh = mkdtempSync(join(tmpdir(), 'tongban-bench-first-'));
			try {
				samples.firstRun!.push(await launch(consoleCmd, '通办', {TONGBAN_DATA_DIR: fresh}));
			} finally {
				rmSync(fresh, {recursive: true, force: true});
			}
		}
		const med = (k: string) => median(samples[k]!.map((s) => s.ms));
		const rss = (k: string) => median(samples[k]!.filter((s) => s.rssMb !== undefined).map((s) => s.rssMb!));
		const base = med('hello');
		const ready = (what: string, k: string) => ({
			what,
			'median ms': median(samples[k]!.map((s) => s.readyMs ?? Number.NaN)).toFixed(0),
			'x ink hello': (median(samples[k]!.map((s) => s.readyMs ?? Number.NaN)) / base).toFixed(2),
			'RSS MB': median(samples[k]!.filter((s) => s.readyRssMb !== undefined).map((s) => s.readyRssMb!)).toFixed(0),
		});
		return {
			title: 'Start-up: launch to first frame at 80x24 (pty via script)',
			rows: [
				{what: 'node -e 0', 'median ms': med('nodeE0').toFixed(0), 'x ink hello': (med('nodeE0') / base).toFixed(2), 'RSS MB': '-'},
				{what: 'ink hello-world (same build)', 'median ms': base.toFixed(0), 'x ink hello': '1.00', 'RSS MB': rss('hello').toFixed(0)},
				{what: 'tongban console --demo (warm)', 'median ms': med('console').toFixed(0), 'x ink hello': (med('console') / base).toFixed(2), 'RSS MB': rss('console').toFixed(0)},
				ready('tongban console --demo (warm), all services up', 'console'),
				{what: 'baseline: node tongban.js console --demo (no launcher flags)', 'median ms': med('plain').toFixed(0), 'x ink hello': (med('plain') / base).toFixed(2), 'RSS MB': rss('plain').toFixed(0)},
				ready('baseline: node tongban.js console --demo (no launcher flags), all services up', 'plain'),
				{what: 'tongban console --demo (first run: empty data folder)', 'median ms': med('firstRun').toFixed(0), 'x ink hello': (med('firstRun') / base).toFixed(2), 'RSS MB': rss('firstRun').toFixed(0)},
				{what: 'tongban console --demo (first run), all services up (validates the catalog, builds caches)', 'median ms': (cold.readyMs ?? Number.NaN).toFixed(0), 'x ink hello': ((cold.readyMs ?? Number.NaN) / base).toFixed(2), 'RSS MB': cold.readyRssMb?.toFixed(0) ?? '-'},
			],
			notes: [
				`${runs} interleaved runs each; targets: console <= 1.3x the Ink hello-world, RSS <= 120 MB (first run included, issue 17.5).`,
				'First run: each of its launches gets a new, empty data folder; the console draws its first frame before it validates the catalog and builds its caches behind it (one launch, timed to all services up).',
				'"node -e 0" is timed to exit; the others to the first appearance of their first frame on the pty.',
				'The console draws its first frame (sign-in) before loading the catalog, hub client, audit log and demo devices; "all services up" is when the reader state in its top bar turns ready.',
				`The console rows launch the bin as installed (\`${launcherLine(cli)}\`); the baseline rows start the same bundle with plain \`node\`, interleaved in the same run, to show what the launcher's flags change.`,
			],
		};
	} finally {
		rmSync(dataDir, {recursive: true, force: true});
	}
}
