/**
 * The boundaries of docs/architecture.md#boundaries, checked by scanning every import specifier
 * in the source tree.
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
function importsOf(source: string): string[] {
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

/** The module a relative specifier names (`./x.js` is `x.ts` or `x.tsx`), or undefined for a package. */
function resolveModule(spec: string, file: string): string | undefined {
	if (!spec.startsWith('.')) return undefined;
	const base = resolve(dirname(file), spec).replace(/\.(js|mjs|ts|tsx)$/, '');
	for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return undefined;
}

/** The import graph of the source (not the tests): module → the modules it imports (types too). */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const dir of dirs) {
		for (const file of sourceFiles(join(root, dir))) {
			const targets = importsOf(readFileSync(file, 'utf8')).map((spec) => resolveModule(spec, file)).filter((t): t is string => t !== undefined);
			graph.set(file, [...new Set(targets)]);
		}
	}
	return graph;
}

/** Every import circle (Tarjan's strongly connected components of more than one module, or a self-import). */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const circles: string[][] = [];
	const visit = (node: string) => {
		index.set(node, counter);
		low.set(node, counter++);
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1 || (graph.get(node) ?? []).includes(node)) circles.push(component.sort());
		}
	};
	for (const node of graph.keys()) if (!index.has(node)) visit(node);
	return circles;
}

describe('architecture boundaries', () => {
	it('the circle finder finds a circle, a longer one and a self-import, and nothing in a tree', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a', 'd']],
			['d', []],
			['e', ['e']],
			['f', ['d']],
		]);
		expect(importCircles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
		expect(importCircles(new Map([['x', ['y']], ['y', []]]))).toEqual([]);
	});

	it('the import scanner sees static, re-export and dynamic imports', () => {
		const src = `import {a} from 'ink';\nexport {b} from "./b.js";\nimport 'side-effect';\nconst x = await import('undici');`;
		expect(importsOf(src)).toEqual(expect.arrayContaining(['ink', './b.js', 'side-effect', 'undici']));
	});

	it('has no import circle anywhere (type-only imports count too)', () => {
		const circles = importCircles(importGraph(['src', 'commands', 'devices', 'mocks', 'bench'])).map((c) => c.map((f) => relative(root, f)));
		expect(circles).toEqual([]);
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
		const allowedImporters = [join('src', 'wiring', 'demo.ts'), join('src', 'wiring', 'demo-retention.ts'), join('commands', 'hub'), join('commands', 'devices', 'emulate')];
		const bad = ['src', 'commands', 'devices'].flatMap((dir) =>
			violations(dir, (spec, file) => !resolvesInside(spec, file, 'mocks') || allowedImporters.some((a) => relative(root, file).startsWith(a))),
		);
		expect(bad).toEqual([]);
	});

	it('no application module imports a test helper (mocks/hub/testing.ts, src/test-utils)', () => {
		const helpers = [join(root, 'mocks', 'hub', 'testing.ts'), join(root, 'src', 'test-utils')];
		const bad = ['src', 'commands', 'devices', 'mocks', 'bench'].flatMap((dir) =>
			violations(dir, (spec, file) => {
				const target = resolveModule(spec, file);
				return !target || !helpers.some((h) => target === h || target.startsWith(h + sep));
			}).filter((v) => !v.file.startsWith(join('src', 'test-utils')) && !v.file.startsWith(join('bench')) && !v.file.startsWith(join('mocks', 'hub', 'crash'))),
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
