/**
 * Boundaries of ARCHITECTURE.md, checked by scanning every import specifier in the source tree.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {builtinModules} from 'node:module';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
		else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
	}
	return out;
}

/** Import specifiers of a module: static imports/exports and dynamic import() calls. */
export function importsOf(source: string): string[] {
	const specs: string[] = [];
	const patterns = [/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
	for (const pattern of patterns) for (const m of source.matchAll(pattern)) specs.push(m[1]!);
	return specs;
}

const builtins = new Set(builtinModules);
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtins.has(spec);
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

interface Violation {
	file: string;
	spec: string;
}

function violations(dir: string, allowed: (spec: string, file: string) => boolean): Violation[] {
	const out: Violation[] = [];
	for (const file of sourceFiles(join(root, dir))) {
		for (const spec of importsOf(readFileSync(file, 'utf8'))) {
			if (!allowed(spec, file)) out.push({file: relative(root, file), spec});
		}
	}
	return out;
}

const resolvesInside = (spec: string, file: string, folder: string) =>
	spec.startsWith('.') && (resolve(dirname(file), spec) + sep).startsWith(join(root, folder) + sep);

describe('architecture boundaries', () => {
	it('the import scanner sees static, re-export and dynamic imports', () => {
		const src = `import {a} from 'ink';\nexport {b} from "./b.js";\nimport 'side-effect';\nconst x = await import('undici');`;
		expect(importsOf(src)).toEqual(expect.arrayContaining(['ink', './b.js', 'side-effect', 'undici']));
	});

	it('src/core imports only itself and the node built-ins it needs (crypto, events): no fs, net or child_process', () => {
		const allowed = new Set(['node:crypto', 'node:events']);
		const bad = violations('src/core', (spec, file) => allowed.has(spec) || resolvesInside(spec, file, 'src/core'));
		expect(bad).toEqual([]);
	});

	it('src/ui imports no I/O library and no type from devices/, src/hub/ or src/store/ (its ports come from src/core/ports)', () => {
		const banned = new Set(['undici', 'serialport', 'lowdb', 'conf', '@serialport/bindings-cpp', '@serialport/binding-mock']);
		const bad = violations('src/ui', (spec, file) => !banned.has(packageOf(spec)) && !['devices', 'src/hub', 'src/store'].some((dir) => resolvesInside(spec, file, dir)));
		expect(bad).toEqual([]);
	});

	it('devices never import the UI', () => {
		const bad = violations('devices', (spec, file) => !['ink', 'react'].includes(packageOf(spec)) && !resolvesInside(spec, file, 'src/ui'));
		expect(bad).toEqual([]);
	});

	it('nothing outside tests imports mocks except the demo wiring and hub serve', () => {
		const allowedImporters = [join('src', 'app.ts'), join('src', 'demo.ts'), join('src', 'demo-retention.ts'), join('commands', 'hub'), join('commands', 'devices', 'emulate')];
		const bad = ['src', 'commands', 'devices'].flatMap((dir) =>
			violations(dir, (spec, file) => !resolvesInside(spec, file, 'mocks') || allowedImporters.some((a) => relative(root, file).startsWith(a))),
		);
		expect(bad).toEqual([]);
	});

	it('the rule itself catches a core module importing a UI library', () => {
		const spec = 'ink';
		const file = join(root, 'src', 'core', 'x.ts');
		expect(isBuiltin(spec) || resolvesInside(spec, file, 'src/core')).toBe(false);
		expect(isBuiltin('node:fs') || resolvesInside('../errors.js', join(root, 'src/core/catalog/x.ts'), 'src/core')).toBe(true);
	});
});
