/**
 * Command tests: run the BUILT binary (dist/bundle/tongban.js, produced by `npm test`'s build step)
 * as a user or a script would, and check output, files and exit codes.
 */
import {chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {execFileSync, spawn} from 'node:child_process';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it, vi} from 'vitest';
import {tempDirs} from '../src/test-utils/temp-dirs.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../src/test-utils/cli-process.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const run = (args: string[], env: Record<string, string> = {}) => runScript(BUILT_CLI, args, {env: {...process.env, ...env, FORCE_COLOR: '0'}});

/** Chinese (and full-width punctuation): never in an en message. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
/** English words that are no part of a command, key, path or value a zh-CN message quotes. */
const ENGLISH_PROSE = /\b(the|is|not|no|must|did|open|stopped|repair|edit|delete|file|settings|restored|nothing|backup|saved)\b/i;

const tempDir = tempDirs('tongban-cli-');

beforeAll(requireBuiltCli);

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

describe('settings never fail open (issue 12)', () => {
	/** A data dir whose last `config set` stored a hub; config.json then replaced by `broken`. */
	async function brokenAfterSet(broken: string): Promise<{dataDir: string; file: string}> {
		const dataDir = tempDir();
		expect((await run(['config', 'set', 'hubUrl', 'http://127.0.0.1:9', '--data-dir', dataDir])).code).toBe(0);
		const file = join(dataDir, 'config.json');
		writeFileSync(file, broken);
		return {dataDir, file};
	}

	it('a config.json truncated after config set: config list and the console stop with exit 5 naming the file', async () => {
		const {dataDir, file} = await brokenAfterSet('');
		const list = await run(['config', 'list', '--data-dir', dataDir]);
		expect(list.code).toBe(5);
		expect(list.stderr).toContain(file);
		expect(list.stderr).toContain('文件是空的');
		expect(list.stderr).toContain('tongban config restore');
		// Not the defaults printed as if they were the settings.
		expect(list.stdout).toBe('');
		// The settings are checked before the terminal: no TTY is needed to see this.
		for (const argv of [['console'], [], ['console', '--no-demo'], ['console', '--demo']]) {
			const console = await run([...argv, '--data-dir', dataDir]);
			expect(console.code).toBe(5);
			expect(console.stderr).toContain(file);
			expect(console.stderr).not.toContain('交互式终端');
		}
		const json = await run(['config', 'list', '--json', '--data-dir', dataDir]);
		expect(json.code).toBe(5);
		expect(JSON.parse(json.stdout)).toMatchObject({error: {code: 'settings_invalid', details: {file, keys: [], parse: {kind: 'empty'}, backup: join(dataDir, 'config.last-good.json')}}});
	});

	it.each([
		['a wrong type', '{"idleLockMinutes":"ten"}', 'idleLockMinutes', '"ten"'],
		['an invalid value', '{"hubUrl":"hub.example"}', 'hubUrl', '"hub.example"'],
		['an unknown key', '{"hubURL":"https://hub.example"}', 'hubURL', 'hubUrl'],
		['null', 'null', undefined, 'null'],
		['an array', '[]', undefined, '数组'],
	])('%s (%s) stops every command that reads settings with exit 5, naming the file and the key', async (_what, content, key, shown) => {
		const dataDir = tempDir();
		const file = join(dataDir, 'config.json');
		writeFileSync(file, content);
		for (const argv of [['items', 'search', '公积金'], ['config', 'get', 'lang'], ['config', 'list'], ['cases', 'status', 'X'], ['audit', 'verify'], ['console']]) {
			const r = await run([...argv, '--data-dir', dataDir]);
			expect(r.code, argv.join(' ')).toBe(5);
			expect(r.stderr).toContain(file);
			if (key) expect(r.stderr).toContain(`  ${key}：`);
			expect(r.stderr).toContain(shown);
			expect(r.stderr).not.toMatch(ENGLISH_PROSE);
			expect(r.stdout).toBe('');
		}
		const en = await run(['items', 'search', '公积金', '--json', '--lang', 'en', '--data-dir', dataDir]);
		expect(en.code).toBe(5);
		expect(en.stderr).not.toMatch(CJK);
		const error = (JSON.parse(en.stdout) as {error: {code: string; message: string; details: {file: string; keys: Array<{key: string; reason: string}>}}}).error;
		expect(error.code).toBe('settings_invalid');
		expect(error.details.file).toBe(file);
		expect(error.details.keys.map((k) => k.key)).toEqual(key ? [key] : []);
		expect(error.message).not.toMatch(CJK);
	});

	it('speaks the broken file\'s own lang when that one value is valid', async () => {
		const dataDir = tempDir();
		writeFileSync(join(dataDir, 'config.json'), '{"lang":"en","hubUrl":"hub.example"}');
		const r = await run(['config', 'get', 'lang', '--data-dir', dataDir]);
		expect(r.code).toBe(5);
		expect(r.stderr).toMatch(/^The settings file .*config\.json has errors/);
		expect(r.stderr).toContain('  hubUrl: is "hub.example"; must be a full http:// or https:// URL');
		expect(r.stderr).not.toMatch(CJK);
	});

	it('config restore brings back the last good file, says what changed, and the commands work again', async () => {
		const {dataDir, file} = await brokenAfterSet('{\n\t"lang": "zh-CN",\n\t"hubUrl": "http://127.0');
		expect((await run(['items', 'search', '公积金', '--data-dir', dataDir])).code).toBe(5);
		const restore = await run(['config', 'restore', '--data-dir', dataDir]);
		expect(restore.code).toBe(0);
		expect(restore.stdout).toContain(join(dataDir, 'config.last-good.json'));
		expect(restore.stdout).toContain('原文件无法读取，已整体替换');
		expect(restore.stdout).toContain('\n  hubUrl = http://127.0.0.1:9\n');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(dataDir, 'config.last-good.json'), 'utf8'));
		expect((await run(['items', 'search', '公积金', '--data-dir', dataDir])).code).toBe(0);
		const got = await run(['config', 'get', 'hubUrl', '--data-dir', dataDir]);
		expect(got.code).toBe(0);
		expect(got.stdout.trim()).toBe('http://127.0.0.1:9');
		// Broken keys in an object: the changed keys with their old values, in --json too.
		writeFileSync(file, '{"hubUrl":"hub.example","idleLockMinutes":10,"colour":"red"}');
		const json = await run(['config', 'restore', '--json', '--data-dir', dataDir]);
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toEqual({
			path: file,
			backup: join(dataDir, 'config.last-good.json'),
			changed: [
				{key: 'hubUrl', old: 'hub.example', new: 'http://127.0.0.1:9'},
				{key: 'colour', old: 'red', new: null},
			],
		});
		const again = await run(['config', 'restore', '--lang', 'en', '--data-dir', dataDir]);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('the same as before, nothing changed');
	});

	it('config restore without a backup: exit 1, config.json untouched; with a damaged backup: exit 5 naming it', async () => {
		const dataDir = tempDir();
		const file = join(dataDir, 'config.json');
		writeFileSync(file, '{"hubUrl":"hub.example"}');
		const none = await run(['config', 'restore', '--data-dir', dataDir]);
		expect(none.code).toBe(1);
		expect(none.stderr).toContain('没有可恢复的备份');
		expect(none.stderr).toContain(join(dataDir, 'config.last-good.json'));
		const noneEn = await run(['config', 'restore', '--lang', 'en', '--data-dir', dataDir]);
		expect(noneEn.code).toBe(1);
		expect(noneEn.stderr).toMatch(/^No backup to restore at /);
		expect(noneEn.stderr).not.toMatch(CJK);
		expect(readFileSync(file, 'utf8')).toBe('{"hubUrl":"hub.example"}');

		writeFileSync(join(dataDir, 'config.last-good.json'), '{"idleLockMinutes":0}');
		const damaged = await run(['config', 'restore', '--data-dir', dataDir]);
		expect(damaged.code).toBe(5);
		expect(damaged.stderr).toContain(`备份文件 ${join(dataDir, 'config.last-good.json')} 有误，未做任何恢复`);
		expect(damaged.stderr).toContain('  idleLockMinutes：当前为 0');
		expect(readFileSync(file, 'utf8')).toBe('{"hubUrl":"hub.example"}');
	});

	it('config set repairs a broken key of an object and saves the last good copy; on a file that does not parse it refuses', async () => {
		const dataDir = tempDir();
		const file = join(dataDir, 'config.json');
		const backup = join(dataDir, 'config.last-good.json');
		writeFileSync(file, '{"hubUrl":"hub.example","idleLockMinutes":"ten"}');
		// One of two broken keys repaired: saved, but the file is still not usable (exit 5, the other key named).
		const first = await run(['config', 'set', 'hubUrl', 'https://hub.example', '--data-dir', dataDir]);
		expect(first.code).toBe(5);
		expect(first.stderr).toContain('已保存 hubUrl = https://hub.example，但设置文件');
		expect(first.stderr).toContain('  idleLockMinutes：当前为 "ten"');
		expect(existsSync(backup)).toBe(false);
		const second = await run(['config', 'set', 'idleLockMinutes', '12', '--data-dir', dataDir]);
		expect(second.code).toBe(0);
		expect(readFileSync(backup, 'utf8')).toBe(readFileSync(file, 'utf8'));
		expect(statSync(backup).mode & 0o777).toBe(0o600);
		expect((await run(['config', 'get', 'idleLockMinutes', '--data-dir', dataDir])).stdout.trim()).toBe('12');

		writeFileSync(file, '{"hubUrl": "https://hub.exa');
		const refused = await run(['config', 'set', 'idleLockMinutes', '15', '--data-dir', dataDir]);
		expect(refused.code).toBe(5);
		expect(refused.stderr).toContain('tongban config restore');
		expect(readFileSync(file, 'utf8')).toBe('{"hubUrl": "https://hub.exa');
		// config path and --help still answer on a broken file.
		expect((await run(['config', 'path', '--data-dir', dataDir])).stdout.trim()).toBe(file);
		const help = await run(['config', '--help', '--data-dir', dataDir]);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('restore');
	});
});

describe('usage and terminals', () => {
	/** The console's bytes on a real pty (util-linux script) until its sign-in screen is drawn. */
	async function consoleBytes(dataDir: string, env: Record<string, string>): Promise<string> {
		const out = join(dataDir, 'pty.out');
		// Unset, not undefined: a child's env turns undefined into the string "undefined". CI (even
		// CI=false, as vitest sets it) makes chalk draw no colour, so it goes too.
		const {FORCE_COLOR: _force, NO_COLOR: _none, CI: _ci, COLOR: _color, ...inherited} = process.env;
		const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BUILT_CLI)} console --demo --data-dir ${JSON.stringify(dataDir)}`, out], {
			env: {...inherited, TERM: 'xterm-256color', ...env},
			stdio: ['pipe', 'ignore', 'ignore'],
		});
		try {
			await vi.waitFor(() => expect(existsSync(out) ? readFileSync(out, 'utf8') : '').toContain('签到'), {timeout: 30_000, interval: 100});
			return readFileSync(out, 'utf8');
		} finally {
			child.kill('SIGKILL');
		}
	}
	// SGR colour parameters: foreground, background, bright, 256 and truecolor, and their resets.
	const COLOUR_SGR = /\x1b\[(?:3[0-9]|9[0-7]|4[0-9]|10[0-7])(?:;[0-9]+)*m/g;

	it('NO_COLOR and the monochrome theme: the console draws no colour code; by default it does (issue 16.2)', async () => {
		const plain = await consoleBytes(tempDir(), {});
		expect(plain.match(COLOUR_SGR)?.length ?? 0).toBeGreaterThan(0);
		expect((await consoleBytes(tempDir(), {NO_COLOR: '1'})).match(COLOUR_SGR) ?? []).toEqual([]);
		// NO_COLOR present but empty means nothing (no-color.org).
		expect((await consoleBytes(tempDir(), {NO_COLOR: ''})).match(COLOUR_SGR)?.length ?? 0).toBeGreaterThan(0);
		const mono = tempDir();
		expect((await run(['config', 'set', 'theme', 'monochrome', '--data-dir', mono])).code).toBe(0);
		expect((await consoleBytes(mono, {})).match(COLOUR_SGR) ?? []).toEqual([]);
		const refused = await run(['config', 'set', 'theme', 'grey', '--data-dir', tempDir()]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('只能是 color 或 monochrome');
	}, 120_000);

	it('tongban completion: bash completes commands and sub-commands through the real shell; zsh gets its own script with descriptions (issue 16.2)', async () => {
		// A `tongban` on PATH, as an installed package has, for the script to call back.
		const bin = join(tempDir(), 'bin');
		mkdirSync(bin);
		writeFileSync(join(bin, 'tongban'), `#!/bin/sh\nexec "${process.execPath}" "${BUILT_CLI}" "$@"\n`);
		chmodSync(join(bin, 'tongban'), 0o755);
		const script = await run(['completion'], {SHELL: '/bin/bash'});
		expect(script.code).toBe(0);
		const scriptFile = join(bin, 'tongban-completion.bash');
		writeFileSync(scriptFile, script.stdout);
		const complete = (...words: string[]) =>
			execFileSync('bash', ['-c', `source '${scriptFile}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tongban_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`], {
				env: {...process.env, PATH: `${bin}:${process.env.PATH}`, SHELL: '/bin/bash'},
			})
				.toString()
				.split('\n')
				.filter(Boolean);
		expect(complete('tongban', 'ca')).toEqual(['cases']);
		expect(complete('tongban', 'cases', 'su').sort()).toEqual(['submit', 'supplement']);
		expect(complete('tongban', 'i').sort()).toEqual(['id', 'items']);
		const zsh = await run(['completion'], {SHELL: '/bin/zsh'});
		expect(zsh.stdout).toContain('#compdef tongban');
		const described = await run(['--get-yargs-completions', 'tongban', 'cases', ''], {SHELL: '/bin/zsh'});
		expect(described.stdout).toContain('supplement:');
	});

	it('a mistyped command says which one was meant; --json puts the usage error object on stdout (issue 16.2)', async () => {
		const zh = await run(['itmes', 'search', 'gjj']);
		expect(zh.code).toBe(2);
		expect(zh.stderr).toContain('用法错误：无法识别的命令：itmes。是否想输入 items？');
		expect(zh.stdout).toBe('');
		const en = await run(['--lang', 'en', 'itmes', 'search', 'gjj']);
		expect(en.code).toBe(2);
		expect(en.stderr).toContain('unknown command: itmes. Did you mean items?');
		expect(en.stderr).not.toMatch(CJK);
		// Far from every command: no guess.
		const far = await run(['xyzzy']);
		expect(far.stderr).toContain('无法识别的命令：xyzzy\n');
		const json = await run(['devics', 'list', '--json']);
		expect(json.code).toBe(2);
		expect(JSON.parse(json.stdout)).toEqual({error: {code: 'usage', message: '用法错误：无法识别的命令：devics。是否想输入 devices？', details: {suggestion: 'devices'}}});
		// yargs' own usage errors too, and a sub-command slip is recommended by yargs.
		const sub = await run(['cases', 'stauts', 'X', '--json']);
		expect(sub.code).toBe(2);
		expect(JSON.parse(sub.stdout).error).toMatchObject({code: 'usage', message: expect.stringContaining('status')});
		const missing = await run(['id', 'validate', '--file', '--json']);
		expect(missing.code).toBe(2);
		expect(JSON.parse(missing.stdout).error.code).toBe('usage');
	});

	it('refuses to open the console without a TTY (exit 2, clear message)', async () => {
		const r = await run(['console', '--demo', '--data-dir', tempDir()]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('交互式终端');
		// With a hub set the console needs no --demo, and still needs a terminal.
		const dataDir = tempDir();
		expect((await run(['config', 'set', 'hubUrl', 'http://127.0.0.1:9', '--data-dir', dataDir])).code).toBe(0);
		for (const argv of [['console'], []]) {
			const hub = await run([...argv, '--data-dir', dataDir]);
			expect(hub.code).toBe(2);
			expect(hub.stderr).toContain('交互式终端');
		}
	});

	it('opens the demo only with --demo: without a hub, plain tongban and tongban console exit 2 saying how to set one', async () => {
		for (const argv of [['console'], [], ['console', '--no-demo']]) {
			const zh = await run([...argv, '--data-dir', tempDir()]);
			expect(zh.code).toBe(2);
			expect(zh.stderr).toContain('没有设置中台地址');
			expect(zh.stderr).toContain('tongban config set hubUrl https://');
			expect(zh.stderr).toContain('tongban console --demo');
			expect(zh.stderr).toContain('npm start');
			expect(zh.stderr).not.toMatch(ENGLISH_PROSE);
			const en = await run([...argv, '--lang', 'en', '--data-dir', tempDir()]);
			expect(en.code).toBe(2);
			expect(en.stderr).toContain('No hub is set, so the console did not open');
			expect(en.stderr).toContain('tongban console --demo');
			expect(en.stderr).not.toMatch(CJK);
		}
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
