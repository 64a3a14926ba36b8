/**
 * Command tests: run the BUILT binary (dist/bundle/tongban.js, produced by `npm test`'s build step)
 * as a user or a script would, and check output, files and exit codes.
 */
import {execFile} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bundle', 'tongban.js');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
	return new Promise((resolvePromise) => {
		execFile(
			process.execPath,
			[cli, ...args],
			{env: {...process.env, ...env, FORCE_COLOR: '0'}, timeout: 30_000},
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolvePromise({code, stdout, stderr});
			},
		);
	});
}

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-cli-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

beforeAll(() => {
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first (npm test does)`);
});

interface JsonHit {
	basicCode: string;
	implementationCode: string;
	name: string;
	region: {code: string; name: string};
	matches: Array<{term: string; field: string; kind: string; text: string}>;
}

describe('tongban items search', () => {
	it('finds items by Chinese text and says what matched', async () => {
		const r = await run(['items', 'search', '养老', '--json', '--data-dir', tempDir()]);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout) as {hits: JsonHit[]};
		expect(out.hits.length).toBeGreaterThan(0);
		for (const hit of out.hits) {
			expect(hit.matches[0]?.term).toBe('养老');
			expect(hit.implementationCode).toHaveLength(31);
		}
		expect(out.hits.some((h) => h.name.includes('养老'))).toBe(true);
	});

	it('finds items by pinyin initials within a province filter', async () => {
		const r = await run(['items', 'search', 'gjj', '--region', '51', '--json', '--data-dir', tempDir()]);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout) as {hits: JsonHit[]};
		expect(out.hits.length).toBeGreaterThan(0);
		for (const hit of out.hits) expect(hit.region.code.startsWith('51')).toBe(true);
		expect(out.hits[0]!.name).toContain('公积金');
	});

	it('prints a table whose lines fit the 160 columns used when output is piped', async () => {
		const r = await run(['items', 'search', '社保卡', '--data-dir', tempDir()]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('社会保障卡');
		const {default: stringWidth} = await import('string-width');
		for (const line of r.stdout.trimEnd().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(160);
	});

	it('exits 1 with a message when nothing matches', async () => {
		const r = await run(['items', 'search', '完全不存在的事项名称', '--data-dir', tempDir()]);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('没有找到');
	});

	it('rejects a bad filter with exit 2 and a specific message', async () => {
		const r = await run(['items', 'search', '养老', '--region', '5x', '--data-dir', tempDir()]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('行政区划代码');
		const mode = await run(['items', 'search', '养老', '--mode', 'fax', '--data-dir', tempDir(), '--lang', 'en']);
		expect(mode.code).toBe(2);
		expect(mode.stderr).toContain('Invalid handling mode "fax"');
	});

	it('reports errors as JSON on stdout with --json', async () => {
		const r = await run(['items', 'search', '养老', '--limit', '0', '--json', '--data-dir', tempDir()]);
		expect(r.code).toBe(2);
		expect(JSON.parse(r.stdout)).toMatchObject({error: {code: 'bad_limit'}});
	});
});

describe('tongban items show', () => {
	it('shows an item by basic code and an implementation by implementation code', async () => {
		const dataDir = tempDir();
		const found = JSON.parse((await run(['items', 'search', '公积金', '--json', '--data-dir', dataDir])).stdout) as {hits: JsonHit[]};
		const hit = found.hits[0]!;
		const basic = await run(['items', 'show', hit.basicCode, '--data-dir', dataDir]);
		expect(basic.code).toBe(0);
		expect(basic.stdout).toContain(hit.name);
		expect(basic.stdout).toContain(hit.implementationCode);
		const impl = await run(['items', 'show', hit.implementationCode, '--json', '--data-dir', dataDir]);
		expect(impl.code).toBe(0);
		const json = JSON.parse(impl.stdout) as {implementation: {materials: unknown[]; promisedLimit: {value: number}}};
		expect(json.implementation.materials.length).toBeGreaterThan(0);
		expect(json.implementation.promisedLimit.value).toBeGreaterThanOrEqual(0);
		const text = await run(['items', 'show', hit.implementationCode, '--data-dir', dataDir]);
		expect(text.stdout).toContain('申请材料');
		expect(text.stdout).toContain('受理条件');
	});

	it('distinguishes a malformed code (exit 2) from an unknown one (exit 1)', async () => {
		const bad = await run(['items', 'show', '12-34', '--data-dir', tempDir()]);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('不是事项编码');
		const unknown = await run(['items', 'show', '990000000000', '--data-dir', tempDir()]);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('990000000000');
	});
});

describe('tongban config', () => {
	it('sets, gets and lists values in a 0600 file', async () => {
		const dataDir = tempDir();
		const set = await run(['config', 'set', 'idleLockMinutes', '15', '--data-dir', dataDir]);
		expect(set.code).toBe(0);
		const got = await run(['config', 'get', 'idleLockMinutes', '--json', '--data-dir', dataDir]);
		expect(JSON.parse(got.stdout)).toEqual({key: 'idleLockMinutes', value: 15});
		const path = (await run(['config', 'path', '--data-dir', dataDir])).stdout.trim();
		expect(path).toBe(join(dataDir, 'config.json'));
		expect(statSync(path).mode & 0o777).toBe(0o600);
		const list = JSON.parse((await run(['config', 'list', '--json', '--data-dir', dataDir])).stdout) as {settings: Record<string, unknown>};
		expect(list.settings.idleLockMinutes).toBe(15);
		expect(list.settings.lang).toBe('zh-CN');
	});

	it('rejects invalid values and unknown keys with a clear message and exit 2', async () => {
		const dataDir = tempDir();
		const bad = await run(['config', 'set', 'idleLockMinutes', '0', '--data-dir', dataDir]);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('1 到 240');
		const key = await run(['config', 'set', 'colour', 'red', '--data-dir', dataDir]);
		expect(key.code).toBe(2);
		expect(key.stderr).toContain('colour');
		expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
	});

	it('uses the saved language for messages', async () => {
		const dataDir = tempDir();
		expect((await run(['config', 'set', 'lang', 'en', '--data-dir', dataDir])).code).toBe(0);
		const r = await run(['items', 'search', 'no-such-thing-at-all', '--data-dir', dataDir]);
		expect(r.stderr).toContain('No items match');
	});
});

describe('usage and terminals', () => {
	it('refuses to open the console without a TTY (exit 2, clear message)', async () => {
		const r = await run(['console', '--data-dir', tempDir()]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('交互式终端');
	});

	it('refuses --no-demo without a hub to talk to (exit 2, says how to set one)', async () => {
		for (const argv of [['console', '--no-demo'], ['--no-demo']]) {
			const r = await run([...argv, '--data-dir', tempDir()]);
			expect(r.code).toBe(2);
			expect(r.stderr).toContain('tongban config set hubUrl');
		}
	});

	it('exits 2 on an unknown command or option', async () => {
		const r = await run(['items', 'frobnicate', '--data-dir', tempDir()]);
		expect(r.code).toBe(2);
		const opt = await run(['items', 'search', 'x', '--colour', '--data-dir', tempDir()]);
		expect(opt.code).toBe(2);
	});
});

describe('catalog validation and the last good catalog', () => {
	function copyCatalog(): string {
		const dir = tempDir();
		cpSync(join(root, 'data', 'catalog'), dir, {recursive: true});
		return dir;
	}

	function firstImplFile(dir: string): string {
		return join(dir, 'impl-11.json');
	}

	it('names the file, record and field of a malformed record and keeps serving the last good catalog', async () => {
		const catalogDir = copyCatalog();
		const dataDir = tempDir();
		expect((await run(['config', 'set', 'catalogDir', catalogDir, '--data-dir', dataDir])).code).toBe(0);
		expect((await run(['items', 'search', '养老', '--data-dir', dataDir])).code).toBe(0);

		const file = firstImplFile(catalogDir);
		const json = JSON.parse(readFileSync(file, 'utf8')) as {implementations: Array<Record<string, unknown>>};
		json.implementations[1]!.promisedLimit = {value: 'soon', unit: 'working_day'};
		writeFileSync(file, JSON.stringify(json));

		const r = await run(['items', 'search', '养老', '--json', '--data-dir', dataDir]);
		expect(r.code).toBe(0);
		expect(r.stderr).toContain('impl-11.json');
		expect(r.stderr).toContain('implementations[1]');
		expect(r.stderr).toContain('promisedLimit.value');
		expect(r.stderr).toContain('上次有效的目录');
		expect((JSON.parse(r.stdout) as {hits: unknown[]}).hits.length).toBeGreaterThan(0);
	});

	it('fails with exit 5 and the location when there is no good catalog to fall back on', async () => {
		const catalogDir = copyCatalog();
		const dataDir = tempDir();
		writeFileSync(firstImplFile(catalogDir), '{"province": "11", "implementations": [');
		expect((await run(['config', 'set', 'catalogDir', catalogDir, '--data-dir', dataDir])).code).toBe(0);
		const r = await run(['items', 'search', '养老', '--data-dir', dataDir]);
		expect(r.code).toBe(5);
		expect(r.stderr).toContain('impl-11.json');
		expect(r.stderr).toContain('不是有效的 JSON');
	});
});

describe('tongban eligibility check (built binary)', () => {
	it('refuses a pension transfer for someone drawing a pension, naming the rule and its source', async () => {
		const r = await run(['eligibility', 'check', '990120000001', '--id', '110105198503152348', '--item-region', '110000', '--region', '440305', '--valid-until', '2030-01-01', '--demo', '--json', '--data-dir', tempDir()]);
		expect(r.code).toBe(1);
		const out = JSON.parse(r.stdout) as {result: string; ruleVersion: string; applicant: {idNumber: string}; reasons: Array<{ruleId: string; outcome: string; source: string}>};
		expect(out.result).toBe('not_eligible');
		expect(out.ruleVersion).toMatch(/^\d{4}\./);
		expect(out.applicant.idNumber).toBe('110105********2348');
		expect(r.stdout).not.toContain('110105198503152348');
		const failed = out.reasons.find((reason) => reason.outcome === 'fail');
		expect(failed?.ruleId).toBe('not-drawing-pension');
		expect(failed?.source).toContain('国办发〔2009〕66号');
	});

	it('rejects an invalid ID number with exit 2 and says what is wrong', async () => {
		const r = await run(['eligibility', 'check', '990120000001', '--id', '110105198503152349', '--demo', '--data-dir', tempDir()]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('校验码');
		expect(r.stderr).not.toContain('110105198503152349');
	});
});
