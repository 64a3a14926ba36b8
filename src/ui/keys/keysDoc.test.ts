import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {KEYMAP} from './keymap.js';
import {keysMarkdown, withKeysSection} from './keysDoc.js';

describe('README key tables', () => {
	it('list every binding of the keymap and every palette command', () => {
		const doc = keysMarkdown();
		for (const binding of KEYMAP) for (const key of binding.keys) expect(doc).toContain(`\`${key === ' ' ? 'space' : key}\``);
		expect(doc).toContain('`:region [code]`');
	});

	it('are up to date in README.md (run `npm run docs:keys` after changing the keymap)', () => {
		const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
		expect(withKeysSection(readme)).toBe(readme);
	});
});
