import {describe, expect, it} from 'vitest';
import {fillTemplate, placeholdersIn} from './template.js';

describe('fillTemplate', () => {
	it('fills names from a table or a lookup, keeps unknown ones visible, picks the language of a bilingual value', () => {
		expect(fillTemplate('{a} and {b.c} but not {d}', {a: 1, 'b.c': 'x'})).toBe('1 and x but not {d}');
		expect(fillTemplate('{x}', (name) => (name === 'x' ? 'found' : undefined))).toBe('found');
		expect(fillTemplate('原因：{why}', {why: {'zh-CN': '中台无法访问', en: 'hub away'}})).toBe('原因：中台无法访问');
		expect(fillTemplate('because {why}', {why: {'zh-CN': '中台无法访问', en: 'hub away'}}, 'en')).toBe('because hub away');
		expect(placeholdersIn('{a} {b.c} {a}')).toEqual(['a', 'b.c']);
	});
});
