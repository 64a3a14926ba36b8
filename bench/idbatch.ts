/**
 * `tongban id validate --file` over 100,000 numbers (issue 16.8: "100k numbers in well under a
 * minute"), through the built binary, NDJSON to a pipe, beside a baseline measured in the same
 * run: a node process that reads the same file line by line and writes one JSON line per number
 * without checking it (the I/O and start-up floor). Peak RSS (VmHWM) of each, so the bounded
 * memory shows as a figure too.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {idCheckChar} from '../src/core/identity/idnumber.js';
import {median, type Section} from './stats.js';

const cli = fileURLToPath(new URL('../bundle/tongban.js', import.meta.url));

const BASELINE = `const rl = require('readline').createInterface({input: require('fs').createReadStream(process.argv[1]), crlfDelay: Infinity});
let n = 0; rl.on('line', (l) => { n++; process.stdout.write(JSON.stringify({line: n, number: l, valid: true}) + '\\n'); });`;

/** Citizen numbers of real regions and dates; every tenth with a wrong check character. */
function numbers(count: number): string {
	const regions = ['110105', '440305', '510107', '310104', '420106'];
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const year = 1940 + (i % 60);
		const month = String(1 + (i % 12)).padStart(2, '0');
		const day = String(1 + (i % 28)).padStart(2, '0');
		const first17 = `${regions[i % regions.length]}${year}${month}${day}${String(i % 1000).padStart(3, '0')}`;
		const check = idCheckChar(first17);
		out.push(first17 + (i % 10 === 9 ? (check === '1' ? '2' : '1') : check));
	}
	return `${out.join('\n')}\n`;
}

interface Run {
	seconds: number;
	peakMb: number;
	lines: number;
}

function peakOf(pid: number): number {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

function measure(args: string[]): Promise<Run> {
	return new Promise((resolvePromise, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'ignore']});
		let lines = 0;
		let peakMb = 0;
		child.stdout.on('data', (chunk: Buffer) => {
			for (const byte of chunk) if (byte === 10) lines++;
			peakMb = Math.max(peakMb, peakOf(child.pid!));
		});
		const poll = setInterval(() => (peakMb = Math.max(peakMb, peakOf(child.pid!))), 20);
		child.on('error', reject);
		child.on('close', () => {
			clearInterval(poll);
			resolvePromise({seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb, lines});
		});
	});
}

export async function benchIdBatch(options: {quick: boolean}): Promise<Section> {
	const count = options.quick ? 10_000 : 100_000;
	const runs = options.quick ? 1 : 3;
	const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-id-'));
	try {
		const file = join(dir, 'numbers.txt');
		writeFileSync(file, numbers(count));
		const tenth = join(dir, 'tenth.txt');
		writeFileSync(tenth, numbers(count / 10));
		const base: Run[] = [];
		const batch: Run[] = [];
		const small: Run[] = [];
		for (let i = 0; i < runs; i++) {
			base.push(await measure(['-e', BASELINE, file]));
			batch.push(await measure([cli, 'id', 'validate', '--file', file, '--json', '--data-dir', dir]));
			small.push(await measure([cli, 'id', 'validate', '--file', tenth, '--json', '--data-dir', dir]));
		}
		for (const r of batch) if (r.lines !== count) throw new Error(`id validate wrote ${r.lines} lines for ${count} numbers`);
		const row = (name: string, rs: Run[], n = count) => ({
			process: name,
			numbers: n,
			'median s': median(rs.map((r) => r.seconds)).toFixed(2),
			'numbers/s': Math.round(count / median(rs.map((r) => r.seconds))),
			'peak RSS MB': median(rs.map((r) => r.peakMb)).toFixed(0),
		});
		const ratio = median(batch.map((r) => r.seconds)) / median(base.map((r) => r.seconds));
		return {
			title: `id validate, ${count.toLocaleString('en')} numbers (--file, NDJSON)`,
			rows: [row('baseline: node readline, one JSON line each, no check, no backpressure', base), row('tongban id validate --file --json', small, count / 10), row('tongban id validate --file --json', batch)],
			notes: [`ratio to the baseline: ${ratio.toFixed(2)}x (median of ${runs})`, 'every tenth number has a wrong check character; exit 1 as designed', 'bounded memory: the peak RSS at ten times the numbers stays near the smaller run (the rest is the bundle and garbage not yet collected); a test runs a 128 MB line on a 40 MB heap'],
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
