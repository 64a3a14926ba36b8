/**
 * `tongban id validate` in batch (issue 16.8) through the BUILT binary (dist/bundle/tongban.js):
 * numbers from --file and from stdin, line numbers that point into the file, bad sources refused
 * with exit 2, and bounded memory: a 128 MB line with no break, on a 40 MB heap, is one verdict
 * (Node's readline would hold it whole and run out of memory). The heap is not cut closer: the
 * bundle alone keeps ~17 MB live on Node 20 and 22, and a 24 MB cap ran out during an ordinary
 * incremental mark on a loaded Node 22 CI machine; what the test proves is that the line may be
 * several times the heap, so the line grew instead.
 */
import {appendFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-idbatch-');
beforeAll(() => requireBuiltCli());

const run = (args: string[], options: {stdin?: string; env?: NodeJS.ProcessEnv} = {}) =>
	runScript(BUILT_CLI, ['id', 'validate', ...args, '--data-dir', tempDir()], {env: {...process.env, FORCE_COLOR: '0', ...options.env}, stdin: options.stdin ?? ''});
const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as {line: number; valid: boolean; problems: Array<{code: string}>});

describe('tongban id validate --file / stdin', () => {
	it('a file: CRLF lines, blank lines skipped but counted, an over-long line a verdict of its own; exit 1', async () => {
		const file = join(tempDir(), 'numbers.txt');
		writeFileSync(file, `11010519491231002X\r\n\r\n110105194912310021\r\n${'9'.repeat(500)}\r\n110105491231002`);
		const out = await run(['--file', file, '--json']);
		expect(out.code).toBe(1);
		expect(jsonLines(out.stdout).map((r) => [r.line, r.valid, r.problems.map((p) => p.code).join()])).toEqual([
			[1, true, ''],
			[3, false, 'check_char'],
			[4, false, 'too_long'],
			[5, true, ''],
		]);
		expect(out.stdout).not.toContain('9'.repeat(65));
	});

	it('stdin, all valid: exit 0 and the summary on stderr', async () => {
		const out = await run([], {stdin: '11010519491231002X\n110105491231002\n'});
		expect(out.code).toBe(0);
		expect(out.stderr).toContain('共 2 个号码：有效 2，无效 0');
	});

	it('refuses with exit 2 and a clear message: nothing given, a missing file, numbers and a file at once', async () => {
		const empty = await run([], {stdin: '\n\n'});
		expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('没有要校验的号码')]);
		const missing = await run(['--file', join(tempDir(), 'nope.txt')]);
		expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('无法读取号码文件')]);
		const both = await run(['11010519491231002X', '--file', join(tempDir(), 'nope.txt')]);
		expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('号码参数和 --file 只能选一种')]);
	});

	it('bounded memory: a 128 MB line without a break, on a 40 MB heap, is one over-long verdict', async () => {
		const file = join(tempDir(), 'one-line.txt');
		writeFileSync(file, Buffer.alloc(128 * 1024 * 1024, '1'));
		appendFileSync(file, '\n11010519491231002X\n');
		const out = await run(['--file', file, '--json'], {env: {NODE_OPTIONS: '--max-old-space-size=40'}});
		expect(out.stderr).not.toContain('heap');
		expect(jsonLines(out.stdout).map((r) => [r.line, r.valid])).toEqual([
			[1, false],
			[2, true],
		]);
		expect(out.code).toBe(1);
	});
});
