/**
 * `npm run bench`: runs every benchmark section, prints medians and ratios against the baselines
 * measured in the same run, and records the tables in docs/performance.md (between markers, so
 * the prose around them stays).
 *   npm run bench -- --only search,startup   run some sections
 *   npm run bench -- --quick                 smaller sizes, for a smoke run (not recorded)
 *   npm run bench -- --no-record             full sizes, printed only (docs untouched)
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {fileURLToPath} from 'node:url';
import {launcherFlags} from './launcher.js';
import type {Section} from './stats.js';

type Runner = (quick: boolean) => Promise<Section>;

const sections: Record<string, Runner> = {
	search: (quick) => benchSearchInChildren(quick),
	relevance: async () => (await import('./relevance.js')).benchRelevance(),
	audit: async (quick) => (await import('./audit.js')).benchAudit({quick}),
	camera: async (quick) => (await import('./camera.js')).benchCamera({quick}),
	hub: async (quick) => (await import('./hub.js')).benchHub({quick}),
	outbox: async (quick) => (await import('./outbox.js')).benchOutbox({quick}),
	idreader: async (quick) => (await import('./idreader.js')).benchIdReader({quick}),
	crash: async (quick) => (await import('./crash.js')).benchCrash({quick}),
	idbatch: async (quick) => (await import('./idbatch.js')).benchIdBatch({quick}),
	startup: async (quick) => (await import('./startup.js')).benchStartup({runs: quick ? 3 : 15}),
	keys: async (quick) => (await import('./keys.js')).benchKeys(quick ? {rows: 100_000, rounds: 1} : {}),
	idle: async (quick) => (await import('./idle.js')).benchIdle(quick ? {seconds: 10} : {}),
	day: async (quick) => (await import('./day-report.js')).benchDayReport({quick}),
};

/** Runs bench/search-main.js in a child with `flags` and returns its section. */
function searchChild(flags: string[], args: string[]): Section {
	const main = fileURLToPath(new URL('./search-main.js', import.meta.url));
	const out = execFileSync(process.execPath, ['--expose-gc', ...flags, main, '--json', ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24});
	return JSON.parse(out.trim().split('\n').pop()!) as Section;
}

/**
 * The search index lives in the console process, so its figures are taken under the flags the
 * bin gives node (bench/launcher.ts); a build-and-memory run under node's default flags, in the
 * same bench run, is the baseline that shows what the flags change.
 */
async function benchSearchInChildren(quick: boolean): Promise<Section> {
	const sizes = quick ? ['--quick'] : [];
	const flags = launcherFlags();
	const section = searchChild(flags, sizes);
	const plain = searchChild([], [...sizes, '--index-only']);
	const rows: Section['rows'] = [];
	for (const row of section.rows) {
		rows.push(row);
		const base = row.engine === 'tongban index' ? plain.rows.find((r) => r.rows === row.rows) : undefined;
		if (base) rows.push({...base, engine: 'baseline: tongban index, node default flags', 'p99 ratio': ''});
	}
	const note = `Run under the bin's node flags (${flags.join(' ') || 'none'}, from its launcher line), as in the console; the baseline rows build the same index under node's default flags in a separate process of the same run (the same catalog, build, memory and keystroke passes; no naive or fuse.js).`;
	return {...section, rows, notes: [...section.notes, note]};
}

function table(section: Section): string {
	const cols = [...new Set(section.rows.flatMap((r) => Object.keys(r)))];
	const lines = [`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`];
	for (const row of section.rows) lines.push(`| ${cols.map((c) => String(row[c] ?? '')).join(' | ')} |`);
	return [`### ${section.title}`, '', ...lines, '', ...section.notes.map((n) => `- ${n}`)].join('\n');
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const quick = args.includes('--quick');
	const onlyArg = args.find((a) => a.startsWith('--only'));
	const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1]!).split(',') : Object.keys(sections);
	const results: Array<{name: string; markdown: string}> = [];
	for (const name of only) {
		const runner = sections[name];
		if (!runner) throw new Error(`unknown bench section "${name}"; known: ${Object.keys(sections).join(', ')}`);
		process.stderr.write(`bench: running ${name}${quick ? ' (quick)' : ''}...\n`);
		const section = await runner(quick);
		const markdown = table(section);
		process.stdout.write(`${markdown}\n\n`);
		results.push({name, markdown});
	}
	if (!quick && !args.includes('--no-record')) record(results);
}

/** Replaces each section's block in docs/performance.md (or appends it). */
function record(results: Array<{name: string; markdown: string}>): void {
	const file = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
	let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
	const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
	for (const {name, markdown} of results) {
		const start = `<!-- bench:${name}:start -->`;
		const end = `<!-- bench:${name}:end -->`;
		const block = `${start}\n_Measured: ${machine}_\n\n${markdown}\n${end}`;
		const re = new RegExp(`${start}[\\s\\S]*?${end}`);
		doc = re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`;
	}
	writeFileSync(file, doc);
	process.stderr.write(`bench: recorded in ${file}\n`);
}

await main();
