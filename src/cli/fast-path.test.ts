import {describe, expect, it} from 'vitest';
import {consoleFastPath} from './fast-path.js';

describe('console fast path', () => {
	it.each([
		[[], {}],
		[['console'], {}],
		[['console', '--demo'], {demo: true}],
		[['--no-demo', '--lang', 'en'], {demo: false, lang: 'en'}],
		[['console', '--lang=zh-CN', '--data-dir=/tmp/x'], {lang: 'zh-CN', dataDir: '/tmp/x'}],
		[['console', '--data-dir', '/tmp/y'], {dataDir: '/tmp/y'}],
	])('%j starts the console directly', (argv, expected) => {
		expect(consoleFastPath(argv)).toEqual(expected);
	});

	it.each([[['--help']], [['console', '--help']], [['items', 'search', 'x']], [['console', '--lang', 'fr']], [['console', '--data-dir']], [['console', '--bogus']], [['--json']], [['--version']]])(
		'%j goes through yargs (help, other commands, mistakes)',
		(argv) => {
			expect(consoleFastPath(argv)).toBeUndefined();
		},
	);
});
