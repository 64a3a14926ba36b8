import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {en} from './en.js';
import {createTranslator, format, parseLang, setDefaultLang, t} from './index.js';
import {zhCN} from './zh-CN.js';

describe('message tables', () => {
	it('en has exactly the keys of zh-CN (also enforced by the Messages type)', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
	});

	it('uses the same placeholders in both languages', () => {
		const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
		}
	});

	it('has no Chinese in the English table', () => {
		const chinese = Object.entries(en).filter(([, text]) => /[\u3400-\u9fff\uff00-\uffef]/.test(text));
		expect(chinese).toEqual([]);
	});

	it('has a cli.* section for command messages', () => {
		expect(Object.keys(zhCN).filter((key) => key.startsWith('cli.')).length).toBeGreaterThan(3);
	});

	it.each(['index.ts', 'zh-CN.ts', 'en.ts'])('%s imports neither ink nor react', (file) => {
		const source = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
		expect(source).not.toMatch(/from ['"](ink|react)(\/[^'"]*)?['"]/);
	});
});

describe('translate', () => {
	it('fills parameters and leaves unknown ones visible', () => {
		expect(format('共 {count} 条 {x}', {count: 3})).toBe('共 3 条 {x}');
		expect(createTranslator('zh-CN')('search.count', {count: 3})).toBe('共 3 条');
		expect(createTranslator('en')('search.count', {count: 3})).toBe('3 found');
	});

	it('t() follows the process default language', () => {
		setDefaultLang('en');
		expect(t('cli.done')).toBe('Done');
		setDefaultLang('zh-CN');
		expect(t('cli.done')).toBe('完成');
	});

	it.each([
		['zh', 'zh-CN'],
		['zh_CN', 'zh-CN'],
		['EN', 'en'],
		['en-US', 'en'],
		['fr', undefined],
	])('parseLang(%s) = %s', (input, expected) => {
		expect(parseLang(input)).toBe(expected);
	});
});
