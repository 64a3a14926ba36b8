import {readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

/** Core search must not depend on any npm package (the pinyin library comes in through PinyinFn). */
describe('core search imports', () => {
	const dir = fileURLToPath(new URL('.', import.meta.url));
	const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

	it('has sources to check', () => {
		expect(sources).toContain('index.ts');
		expect(sources).toContain('matcher.ts');
	});

	it.each(sources)('%s imports only relative core modules or node built-ins', (file) => {
		const text = readFileSync(`${dir}/${file}`, 'utf8');
		const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
			(match) => match[1] ?? match[2] ?? '',
		);
		for (const specifier of specifiers) {
			const allowed = specifier.startsWith('node:') || (specifier.startsWith('.') && !specifier.includes('/ui/') && !specifier.includes('../../../'));
			expect(allowed, `${file} imports ${specifier}`).toBe(true);
		}
	});
});
