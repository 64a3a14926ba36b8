/**
 * All UI prose lives in src/ui/i18n. This scan parses every UI source file (outside i18n and
 * tests) with the TypeScript compiler and fails on any string literal, template text or JSX
 * text containing a CJK character. Comments may quote Chinese examples.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

const UI_DIR = fileURLToPath(new URL('.', import.meta.url));
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(path);
		return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

/** Texts of the literals in `source` that contain CJK characters. */
function cjkLiterals(source: string, fileName = 'file.tsx'): string[] {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (
			(ts.isStringLiteral(node) ||
				ts.isNoSubstitutionTemplateLiteral(node) ||
				ts.isTemplateHead(node) ||
				ts.isTemplateMiddle(node) ||
				ts.isTemplateTail(node) ||
				ts.isJsxText(node)) &&
			CJK.test(node.text)
		) {
			found.push(node.text.trim());
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

describe('no Chinese literals outside i18n', () => {
	it('finds the UI sources, .tsx components included, i18n excluded', () => {
		const files = sourceFiles(UI_DIR);
		expect(files.some((file) => file.endsWith('App.tsx'))).toBe(true);
		expect(files.some((file) => file.includes(join('i18n', 'zh-CN.ts')))).toBe(false);
	});

	it('the scan detects strings, templates and JSX text, and ignores comments', () => {
		const source = [
			"const title = '事项检索';",
			'const line = `${n} 条`;',
			'const view = <Text>检索</Text>;',
			'// 注释可以举中文例子',
			"const ok = 'ok';",
		].join('\n');
		expect(cjkLiterals(source)).toEqual(['事项检索', '条', '检索']);
	});

	it('no UI source file contains a CJK literal', () => {
		const offenders = sourceFiles(UI_DIR).flatMap((file) =>
			cjkLiterals(readFileSync(file, 'utf8'), file).map((text) => `${relative(UI_DIR, file)}: ${text}`),
		);
		expect(offenders).toEqual([]);
	});
});
