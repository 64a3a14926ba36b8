/**
 * The node flags the installed bin runs with, read from its launcher line
 * (`#!/usr/bin/env -S node FLAGS`, src/cli/main.ts), so that benchmarks measuring what lives in
 * the console process (the search index) run under the same flags without a second copy of them.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const binFile = fileURLToPath(new URL('../bundle/tongban.js', import.meta.url));

/** The bin's first line, as notes quote it. */
export function launcherLine(file = binFile): string {
	return readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
}

/** The flags after `node` on the launcher line (none for a plain `#!/usr/bin/env node`). */
export function launcherFlags(file = binFile): string[] {
	const words = launcherLine(file).replace(/^#!/, '').trim().split(/\s+/);
	const at = words.indexOf('node');
	return at < 0 ? [] : words.slice(at + 1);
}
