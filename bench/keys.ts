/**
 * Keystroke latency on a real pty at 80x24 (issue 17.3): the time from a key written to the
 * terminal until the frame that shows it arrives, while queries are typed into the console's
 * search over a 1M-row catalog, beside a minimal Ink app that echoes keys (bench/fixtures/
 * ink-echo.tsx, bundled by the same esbuild step), both running side by side and typed into in
 * turns, query by query. Each key is written after the previous frame settled. The typed text is
 * recognised in the output as the field's text followed by its cursor (an inverse block), which
 * both programs draw the same way.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeSyntheticCatalogDir} from './catalog-files.js';
import {launcherFlags} from './launcher.js';
import {PtyProgram, signInDemoClerk} from './pty.js';
import {median, percentile, type Section} from './stats.js';

const distRoot = fileURLToPath(new URL('..', import.meta.url));

/** What clerks type: Chinese (one character per IME commit), pinyin, initials, a region term, codes. */
const QUERIES = ['公积金提取', 'gjjtq', 'yanglao', 'ylbx', '社保转移 武侯', 'shebaoka', '身份证补领', 'sfzbl', '异地就医', 'ydjy 成都', '990120', 'hukou qianyi'];

/** The field's text, then the inverse block Ink draws as its cursor. */
const INVERSE = '\u001B[7m';
const shows = (text: string) => (output: string) => output.includes(`${text}${INVERSE}`);

/** The search field focused and empty: its prompt, then straight the cursor block. */
const FOCUSED_EMPTY = /检索> (?:\u001B\[[0-9;]*m)*\u001B\[7m/;

/** Quiet time after which a frame counts as settled before the next key. */
const SETTLE_MS = 40;

async function typeQuery(app: PtyProgram, query: string, samples: number[]): Promise<void> {
	const chars = [...query];
	for (let i = 0; i < chars.length; i++) {
		const typed = chars.slice(0, i + 1).join('');
		const from = app.output.length;
		const sent = Number(process.hrtime.bigint()) / 1e6;
		app.write(chars[i]!);
		const shown = await app.waitFor(shows(typed), from);
		samples.push(shown - sent);
		await app.settle(SETTLE_MS);
	}
	// Clear the field (not timed), back to an empty query.
	for (let i = chars.length - 1; i >= 0; i--) {
		const from = app.output.length;
		app.write('\u007F');
		await app.waitFor(shows(chars.slice(0, i).join('')), from);
		await app.settle(SETTLE_MS);
	}
}

export async function benchKeys(opts: {rows?: number; rounds?: number} = {}): Promise<Section> {
	const rows = opts.rows ?? 1_000_000;
	const rounds = opts.rounds ?? 5;
	const node = process.execPath;
	const work = mkdtempSync(join(tmpdir(), 'tongban-bench-keys-'));
	const catalogDir = join(work, 'catalog');
	const dataDir = join(work, 'data');
	let tongban: PtyProgram | undefined;
	let echo: PtyProgram | undefined;
	try {
		writeSyntheticCatalogDir(catalogDir, rows);
		const cli = join(distRoot, 'bundle', 'tongban.js');
		const env = {TONGBAN_DATA_DIR: dataDir};
		execFileSync(node, [cli, 'config', 'set', 'catalogDir', catalogDir], {env: {...process.env, ...env}, stdio: 'ignore'});
		// The console as installed: under the bin's node flags (bench/launcher.ts).
		tongban = new PtyProgram([node, ...launcherFlags(), cli, 'console', '--demo'].join(' '), env);
		echo = new PtyProgram(`${node} ${join(distRoot, 'bundle-hello', 'ink-echo.js')}`, {});
		await echo.waitFor((o) => o.includes('echo>'));

		// Sign in as the demo clerk (behind the sign-in, this first start validates and indexes the
		// catalog), open the search, and wait for the catalog to answer a query.
		await signInDemoClerk(tongban, 600_000);
		let from = tongban.output.length;
		tongban.write('/');
		await tongban.waitFor((o) => FOCUSED_EMPTY.test(o), from);
		from = tongban.output.length;
		tongban.write('gjj');
		await tongban.waitFor((o) => /共 [1-9]\d* 条|超过 \d+ 条/.test(o), from, 600_000);
		await tongban.settle(500);
		tongban.write('\u007F\u007F\u007F');
		await tongban.settle(500);

		const samples = {tongban: [] as number[], echo: [] as number[]};
		// A warm-up round for both (JIT, first renders of each result shape), not recorded.
		await typeQuery(tongban, QUERIES[0]!, []);
		await typeQuery(echo, QUERIES[0]!, []);
		for (let round = 0; round < rounds; round++) {
			for (const query of QUERIES) {
				// Alternate which one goes first, so drift in the machine's load hits both alike.
				const order = (round + QUERIES.indexOf(query)) % 2 === 0 ? [tongban, echo] : [echo, tongban];
				for (const app of order) await typeQuery(app, query, app === tongban ? samples.tongban : samples.echo);
			}
		}
		const p = (k: 'tongban' | 'echo', q: number) => percentile(samples[k], q);
		const row = (what: string, k: 'tongban' | 'echo') => ({
			what,
			keystrokes: samples[k].length,
			'p50 ms': median(samples[k]).toFixed(2),
			'p99 ms': p(k, 99).toFixed(2),
			'max ms': p(k, 100).toFixed(2),
			'p99 x echo': (p(k, 99) / p('echo', 99)).toFixed(2),
		});
		return {
			title: `Keystroke latency: key to the frame showing it, 80x24 pty (${rows / 1_000_000}M-row catalog)`,
			rows: [row('ink echo app (same build)', 'echo'), row(`tongban console --demo, search over ${rows / 1_000_000}M rows`, 'tongban')],
			notes: [
				`${QUERIES.length} queries (Chinese one character per key, pinyin, initials, a region term, a code) typed one key at a time, ${rounds} rounds, the console and the echo app alternating query by query; each key is written once the previous frame has been quiet for ${SETTLE_MS} ms. Target: console p99 <= 1.2x the echo app.`,
				'Time from the write to the pty (util-linux `script`) until the output holds the typed text followed by the cursor block; both programs run at the same time on their own pty.',
				'The console searches the synthetic catalog (bench/catalog-files.ts) through the catalogDir setting, validated and indexed on its first start before timing begins.',
			],
		};
	} finally {
		await tongban?.kill();
		await echo?.kill();
		rmSync(work, {recursive: true, force: true});
	}
}
