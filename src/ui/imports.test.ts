/**
 * The console's modules form no import circle (issue 13): every relative import, type-only ones
 * included, is followed through src/ui, and a cycle is reported with the files on it.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const ui = dirname(fileURLToPath(import.meta.url));

function modules(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return modules(path);
		return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
	});
}

/** Relative specifiers of `import … from`, `export … from`, `import type` and `import()`. */
function relativeImports(source: string): string[] {
	const patterns = [/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]/g, /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g];
	return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

/** The file a '.js' specifier names (sources are .ts / .tsx). */
function fileOf(from: string, spec: string): string | undefined {
	const base = resolve(dirname(from), spec).replace(/\.js$/, '');
	return ['.ts', '.tsx'].map((ext) => base + ext).find((path) => existsSync(path));
}

/** The first cycle found by depth-first search, as the files on it (first file repeated last). */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
	const done = new Set<string>();
	const path: string[] = [];
	const visit = (node: string): string[] | undefined => {
		const at = path.indexOf(node);
		if (at >= 0) return [...path.slice(at), node];
		if (done.has(node)) return undefined;
		path.push(node);
		for (const next of graph.get(node) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		path.pop();
		done.add(node);
		return undefined;
	};
	for (const node of graph.keys()) {
		const cycle = visit(node);
		if (cycle) return cycle;
	}
	return undefined;
}

describe('src/ui imports', () => {
	it('the cycle finder finds a circle through a type-only import and none in a tree', () => {
		expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
		expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toBeUndefined();
		expect(relativeImports(`import type {X} from './x.js';\nexport {y} from "../y.js";\nconst z = import('./z.js');`)).toEqual(['./x.js', '../y.js', './z.js']);
	});

	it('has no import cycle anywhere in src/ui (type-only imports count)', () => {
		const graph = new Map<string, string[]>();
		for (const file of modules(ui)) {
			const targets = relativeImports(readFileSync(file, 'utf8'))
				.map((spec) => fileOf(file, spec))
				.filter((target): target is string => target !== undefined && target.startsWith(ui));
			graph.set(relative(ui, file), targets.map((target) => relative(ui, target)));
		}
		expect(findCycle(graph)).toBeUndefined();
	});
});
