/**
 * The package as a branch machine gets it (issue 16.1): `npm pack` of the built tree, installed
 * with `npm install -g --prefix` into a temporary prefix, then the installed `tongban` run from a
 * folder that is not the source tree. It checks that the tarball holds only what runs (the
 * bundle, the demo data, the camera pages), that the install brings serialport's tree and
 * nothing the bundle already holds, and that the commands a user starts with work from there.
 *
 * npm reads the tarballs of serialport's tree from its cache (`npm ci` filled it); the first run
 * on a machine may also fetch their registry metadata, which `npm ci` never caches
 * (--prefer-offline: from the cache whenever it holds them).
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_IMPLEMENTATION} from '../mocks/hub/demo-cases.js';
import {writeCaseFile} from '../src/test-utils/case-file.js';
import {requireBuiltCli} from '../src/test-utils/cli-process.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string; dependencies: Record<string, string>};
const work = mkdtempSync(join(tmpdir(), 'tongban-pack-'));
const prefix = join(work, 'prefix');
/** The installed binary: the link npm makes in the prefix's bin folder. */
const bin = join(prefix, 'bin', 'tongban');
const installed = join(prefix, 'lib', 'node_modules', 'tongban');
/** A folder with no package.json above it that is tongban's: where the user stands. */
const elsewhere = mkdtempSync(join(tmpdir(), 'tongban-elsewhere-'));

interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	files: Array<{path: string; size: number}>;
}
let packed: PackResult;

/** npm's own settings from an `npm test` parent (npm_config_*, npm_package_*) must not steer the child npm. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())));
	return {...env, FORCE_COLOR: '0', ...extra};
}

function exec(file: string, args: string[], options: {cwd: string; env?: NodeJS.ProcessEnv; timeout?: number}): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((done) => {
		execFile(file, args, {cwd: options.cwd, env: options.env ?? cleanEnv(), timeout: options.timeout ?? 30_000, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
			done({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
	});
}

/** The installed tongban, run from `elsewhere` with its own data folder. */
const tongban = (args: string[], env: NodeJS.ProcessEnv = {}) => exec(bin, [...args, '--data-dir', join(work, 'data')], {cwd: elsewhere, env: cleanEnv(env)});

function du(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.size;
	return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

/** The packages of the lockfile that are not development-only: what a user's install may hold. */
function runtimePackages(): string[] {
	const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {packages: Record<string, {dev?: boolean; devOptional?: boolean}>};
	return Object.entries(lock.packages)
		.filter(([path, p]) => path !== '' && !p.dev && !p.devOptional)
		.map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

/** Every package folder under a node_modules tree, by name (scoped ones as @scope/name). */
function installedPackages(dir: string): string[] {
	const names: string[] = [];
	const walk = (modules: string) => {
		for (const entry of readdirSync(modules)) {
			if (entry.startsWith('.')) continue;
			const dirs = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((n) => join(entry, n)) : [entry];
			for (const name of dirs) {
				names.push(name);
				const nested = join(modules, name, 'node_modules');
				if (statSync(join(modules, name)).isDirectory() && readdirSync(join(modules, name)).includes('node_modules')) walk(nested);
			}
		}
	};
	walk(dir);
	return names;
}

beforeAll(async () => {
	requireBuiltCli();
	const pack = await exec('npm', ['pack', '--json', '--pack-destination', work], {cwd: root});
	expect(pack.stderr).not.toMatch(/npm error/);
	expect(pack.code).toBe(0);
	packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;
	const install = await exec('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed.filename)], {cwd: work, timeout: 50_000});
	expect(install.stderr).not.toMatch(/npm error/);
	expect(install.code).toBe(0);
}, 60_000);

afterAll(() => {
	rmSync(work, {recursive: true, force: true});
	rmSync(elsewhere, {recursive: true, force: true});
});

describe('the packed tarball', () => {
	it('holds the bundle, the demo data and the camera pages, and nothing else', () => {
		const allowed = [/^dist\/bundle\/tongban\.js$/, /^dist\/bundle\/chunks\/[\w-]+\.js(\.LEGAL\.txt)?$/, /^data\/catalog\/[\w-]+\.json$/, /^data\/(regions|nationalities)\.json$/, /^data\/ATTRIBUTION\.md$/, /^mocks\/devices\/pages\/[\w-]+\.jpg$/, /^(package\.json|README\.md)$/];
		const stray = packed.files.map((f) => f.path).filter((path) => !allowed.some((re) => re.test(path)));
		expect(stray).toEqual([]);
		// What the program opens by path must be there: the catalog, the rules, the regions, the pages.
		const paths = new Set(packed.files.map((f) => f.path));
		for (const needed of ['dist/bundle/tongban.js', 'data/catalog/items.json', 'data/catalog/rules.json', 'data/regions.json', 'data/nationalities.json', 'mocks/devices/pages/application-640x480.jpg']) expect(paths).toContain(needed);
		// The sizes the README records (tongban's own files: about 1.7 MB packed, of which the GB18030
		// tables of the ESC/POS output are 0.3 MB; they load only when a printer takes ESC/POS).
		expect(packed.size).toBeLessThan(2.0e6);
	});

	it('depends on serialport alone (a native module, loaded from its own files); the rest is in the bundle', () => {
		expect(Object.keys(manifest.dependencies)).toEqual(['serialport']);
	});
});

describe('the installed tongban', () => {
	it('installs serialport and its own dependencies, nothing the bundle already holds', () => {
		expect([...new Set(installedPackages(join(installed, 'node_modules')))].sort()).toEqual([...new Set(runtimePackages())].sort());
		// About 9.5 MB with serialport's prebuilt binaries for every platform (README, Installing).
		expect(du(installed)).toBeLessThan(14e6);
	});

	it('prints its version from any folder', async () => {
		const r = await tongban(['--version']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout.trim()).toBe(manifest.version);
	});

	it('prints its help in both languages', async () => {
		const zh = await tongban(['--help']);
		expect(zh.code).toBe(0);
		expect(zh.stdout).toContain('用法：tongban');
		expect(zh.stdout).toMatch(/^ {2}tongban items\b/m);
		const en = await tongban(['--help', '--lang', 'en']);
		expect(en.code).toBe(0);
		expect(en.stdout).toMatch(/^ {2}tongban hub\b/m);
	});

	it('searches the demo catalog it ships', async () => {
		const r = await tongban(['items', 'search', '社保卡', '--json']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const hits = (JSON.parse(r.stdout) as {hits: Array<{name: string}>}).hits;
		expect(hits.some((h) => h.name.includes('社会保障卡'))).toBe(true);
	});

	it('reads an ID card from the emulated reader, masked', async () => {
		const r = await tongban(['devices', 'idreader', 'read', '--port', 'emu:resident', '--json']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({kind: 'resident', masked: true, number: expect.stringMatching(/^\d{6}\*{8}\d{3}[\dX]$/)});
	});

	it('serves the mock hub, and a case submitted to it shows', async () => {
		let hub: ChildProcess | undefined;
		try {
			const started = spawn(bin, ['hub', 'serve', '--port', '0', '--json', '--data-dir', join(work, 'hub-data')], {cwd: elsewhere, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe']});
			hub = started;
			const url = await new Promise<string>((done, fail) => {
				let out = '';
				let err = '';
				started.stderr!.on('data', (d: Buffer) => (err += d.toString()));
				started.stdout!.on('data', (d: Buffer) => {
					out += d.toString();
					if (out.includes('\n')) done((JSON.parse(out.split('\n')[0]!) as {url: string}).url);
				});
				started.once('exit', (code) => fail(new Error(`hub serve exited (${code}): ${err}`)));
			});
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
			const env = {TONGBAN_HUB_TOKEN: 'demo-api-token'};
			const submitted = await tongban(['cases', 'submit', '--file', writeCaseFile(join(work, 'case'), DEMO_IMPLEMENTATION), '--hub', url, '--json'], env);
			expect(submitted.stderr).toBe('');
			expect(submitted.code).toBe(0);
			const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
			const shown = await tongban(['cases', 'show', caseId, '--hub', url, '--json'], env);
			expect(shown.code).toBe(0);
			expect((JSON.parse(shown.stdout) as {case: {caseId: string}}).case.caseId).toBe(caseId);
		} finally {
			if (hub && hub.exitCode === null && hub.signalCode === null) {
				const gone = new Promise((done) => hub!.once('exit', done));
				hub.kill('SIGTERM');
				await gone;
			}
		}
	});
});
