/**
 * The repository stands alone: every relative link in README.md and docs/*.md resolves to a file
 * of the repository, and a `#anchor` into a markdown file names one of its headings (GitHub's
 * slugs); every `….md` a source file cites (comments included, e.g.
 * `docs/architecture.md#flicker-at-full-height`) exists and has the heading it names; and no file
 * cites the design notes outside the repository (the workplace's shared design folder, one level
 * up: a clone does not have it).
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, extname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the checks need from a tree of files: tests hand in a small one, the real checks the repository. */
export interface FileTree {
	/** The path exists (a file or a folder). */
	exists(path: string): boolean;
	/** A file's text, or undefined when it is not a readable file. */
	read(path: string): string | undefined;
}

const diskTree: FileTree = {
	exists: (path) => existsSync(path),
	read: (path) => {
		try {
			return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
		} catch {
			return undefined;
		}
	},
};

/** Blanks fenced code blocks (``` and ~~~), keeping the line count, so neither links nor headings are read inside them. */
export function withoutFences(markdown: string): string[] {
	let fence: string | undefined;
	return markdown.split('\n').map((line) => {
		const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence === undefined && marker) {
			fence = marker;
			return '';
		}
		if (fence !== undefined) {
			if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
			return '';
		}
		return line;
	});
}

/** Blanks inline code spans (`…`, ``…``): what they hold is text, not a link. */
function withoutCodeSpans(line: string): string {
	return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (span) => ' '.repeat(span.length));
}

/** The text GitHub renders for a heading's source: links to their text, code without backticks, no emphasis or tags. */
function renderedText(source: string): string {
	return source
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/(^|[^\p{L}\p{N}])_+([^_]+?)_+(?=[^\p{L}\p{N}]|$)/gu, '$1$2');
}

/**
 * GitHub's anchor for a heading (github-slugger): lower case, every character that is not a
 * letter, mark, number, connector (`_`), space or hyphen dropped (so CJK stays and fullwidth
 * punctuation goes), each space a hyphen.
 */
export function githubSlug(heading: string): string {
	return renderedText(heading)
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor a markdown file offers: its headings' slugs (a repeated one gets -1, -2 …) and explicit `<a id|name>`. */
export function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of withoutFences(markdown)) {
		const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
		if (heading !== undefined) {
			const slug = githubSlug(heading);
			const count = seen.get(slug) ?? 0;
			seen.set(slug, count + 1);
			anchors.add(count === 0 ? slug : `${slug}-${count}`);
		}
		for (const m of line.matchAll(/<a\s[^>]*\b(?:id|name)=["']([^"']+)["']/g)) anchors.add(m[1]!);
	}
	return anchors;
}

/** The link targets of a markdown text, with their line numbers: inline links and images, reference definitions, href/src. */
export function linksOf(markdown: string): Array<{target: string; line: number}> {
	const links: Array<{target: string; line: number}> = [];
	withoutFences(markdown).forEach((raw, index) => {
		const line = withoutCodeSpans(raw);
		const found = [
			...[...line.matchAll(/\]\(\s*<([^>]*)>/g)].map((m) => m[1]!),
			...[...line.matchAll(/\]\(\s*([^)<\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)].map((m) => m[1]!),
			...[...line.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/g)].map((m) => m[1]!),
			...[...line.matchAll(/\b(?:href|src)=["']([^"']+)["']/g)].map((m) => m[1]!),
		];
		for (const target of found) links.push({target, line: index + 1});
	});
	return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** What is wrong with a file's relative links: a file that does not exist, an anchor no heading has. */
export function linkProblems(file: string, markdown: string, tree: FileTree, repoRoot = root): string[] {
	const problems: string[] = [];
	const name = relative(repoRoot, file);
	for (const {target, line} of linksOf(markdown)) {
		if (isExternal(target)) continue;
		const hash = target.indexOf('#');
		const path = decoded(hash < 0 ? target : target.slice(0, hash));
		const anchor = hash < 0 ? undefined : decoded(target.slice(hash + 1));
		const resolved = path === '' ? file : path.startsWith('/') ? join(repoRoot, path) : resolve(dirname(file), path);
		if (!(resolved + sep).startsWith(repoRoot + sep) && resolved !== repoRoot) {
			problems.push(`${name}:${line}: ${target}: points outside the repository`);
			continue;
		}
		if (!tree.exists(resolved)) {
			problems.push(`${name}:${line}: ${target}: no such file`);
			continue;
		}
		if (anchor === undefined || anchor === '' || extname(resolved) !== '.md') continue;
		const text = path === '' ? markdown : tree.read(resolved);
		if (text === undefined || !anchorsOf(text).has(anchor)) problems.push(`${name}:${line}: ${target}: no heading #${anchor} in ${relative(repoRoot, resolved)}`);
	}
	return problems;
}

/**
 * What is wrong with the markdown files a source text cites (`docs/devices.md#frames`,
 * `../README.md`, a bare `style.md §3.5`): each must be a file of the repository, from its root or
 * from the citing file's folder, and an anchor must name one of its headings. URLs are not citations.
 */
export function citationProblems(file: string, text: string, tree: FileTree, repoRoot = root): string[] {
	const problems: string[] = [];
	const name = relative(repoRoot, file);
	text.split('\n').forEach((raw, index) => {
		const line = raw.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ');
		for (const m of line.matchAll(/(?<![\w.\/-])((?:\.{1,2}\/)*)((?:[\w-]+\/)*[\w-]+\.md)(?:#([\p{L}\p{N}_-]+))?/gu)) {
			const [, dots, path, anchor] = m as unknown as [string, string, string, string | undefined];
			const candidates = [join(repoRoot, path), resolve(dirname(file), dots + path)];
			const found = candidates.find((c) => (c + sep).startsWith(repoRoot + sep) && tree.read(c) !== undefined);
			const cited = `${dots}${path}${anchor ? `#${anchor}` : ''}`;
			if (!found) problems.push(`${name}:${index + 1}: cites ${cited}, which is not a file of the repository`);
			else if (anchor && !anchorsOf(tree.read(found)!).has(anchor)) problems.push(`${name}:${index + 1}: cites ${cited}: no heading #${anchor} in ${relative(repoRoot, found)}`);
		}
	});
	return problems;
}

/**
 * The design folder outside the repository, spelt in parts so that this file, which must name it
 * to test the check, does not itself read as a citation of it.
 */
const SHARED = ['shared'].join('');
const OUTSIDE = `../${SHARED}`;
const DESIGN = `${SHARED}/design`;
const OUTSIDE_CITATION = new RegExp(String.raw`(?:\.\./)+${SHARED}\b|\b${SHARED}/design\b`, 'g');

/** Citations of the design notes that live outside the repository. */
export function outsideCitations(file: string, text: string, repoRoot = root): string[] {
	const name = relative(repoRoot, file);
	const problems: string[] = [];
	text.split('\n').forEach((line, index) => {
		for (const m of line.matchAll(OUTSIDE_CITATION)) problems.push(`${name}:${index + 1}: cites ${m[0]} (outside the repository)`);
	});
	return problems;
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage']);
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.sh', '.yaml', '.yml']);
const self = fileURLToPath(import.meta.url);

/** The repository's text files: sources, scripts, CI, docs (this file left out: its fixtures cite broken things on purpose). */
function repositoryFiles(dir = root): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			if (!SKIPPED_DIRS.has(name)) out.push(...repositoryFiles(path));
		} else if (path !== self && (SOURCE_EXTENSIONS.has(extname(name)) || extname(name) === '.md' || (extname(name) === '' && relative(root, dir) === '.ci'))) out.push(path);
	}
	return out;
}

/** A small tree in memory: paths relative to `base`; a value of null is a folder. */
function fixtureTree(base: string, files: Record<string, string | null>): FileTree {
	const at = new Map(Object.entries(files).map(([path, text]) => [join(base, path), text]));
	return {
		exists: (path) => at.has(path),
		read: (path) => at.get(path) ?? undefined,
	};
}

describe('markdown anchors', () => {
	it.each([
		['Raw mode on a pipe', 'raw-mode-on-a-pipe'],
		['CI and Ink', 'ci-and-ink'],
		['9. Settings: `config get|set|list|path|restore`', '9-settings-config-getsetlistpathrestore'],
		['Citizen ID numbers: GB 11643', 'citizen-id-numbers-gb-11643'],
		['The audit log and its head anchor', 'the-audit-log-and-its-head-anchor'],
		['柜面 流程（办件）：说明', '柜面-流程办件说明'],
		['See [the guide](guide.md) _now_', 'see-the-guide-now'],
		['snake_case and a–b', 'snake_case-and-ab'],
	])('%s → #%s', (heading, slug) => {
		expect(githubSlug(heading)).toBe(slug);
	});

	it('numbers repeated headings, reads <a id>, and ignores headings inside code blocks', () => {
		const md = ['# Title', '## Notes', 'text', '## Notes', '```sh', '# not a heading', '```', '<a id="kept"></a>', '### Closed ###'].join('\n');
		expect([...anchorsOf(md)]).toEqual(['title', 'notes', 'notes-1', 'kept', 'closed']);
	});
});

describe('link checks over a fixture', () => {
	const base = join(root, 'fixture');
	const tree = fixtureTree(base, {
		'README.md': null,
		'docs/guide.md': '# Guide\n\n## Start here\n',
		'docs/api.yaml': 'openapi: 3.1.0\n',
		'docs/pictures': null,
	});
	const readme = [
		'# Readme',
		'## Usage',
		'[guide](docs/guide.md) and [start](docs/guide.md#start-here) and [top](#usage).',
		'[gone](docs/missing.md), [bad anchor](docs/guide.md#finish), [bad local](#nowhere).',
		'[spec](docs/api.yaml#/components/schemas/Problem) [folder](docs/pictures) [web](https://example.com/x.md)',
		'`[not a link](nowhere.md)`',
		'```',
		'[inside a fence](nowhere.md)',
		'```',
		`[outside](${OUTSIDE}/design/ARCHITECTURE.md)`,
		'[ref]: docs/also-missing.md',
	].join('\n');

	it('finds a missing file, an anchor no heading has, and a link leaving the repository; nothing else', () => {
		expect(linkProblems(join(base, 'README.md'), readme, tree, base)).toEqual([
			'README.md:4: docs/missing.md: no such file',
			'README.md:4: docs/guide.md#finish: no heading #finish in docs/guide.md',
			'README.md:4: #nowhere: no heading #nowhere in README.md',
			`README.md:10: ${OUTSIDE}/design/ARCHITECTURE.md: points outside the repository`,
			'README.md:11: docs/also-missing.md: no such file',
		]);
	});

	it('resolves links relative to the linking file', () => {
		const guide = '[back](../README.md) [self](guide.md#guide) [wrong](guide.md#readme)';
		expect(linkProblems(join(base, 'docs/guide.md'), guide, tree, base)).toEqual(['docs/guide.md:1: guide.md#readme: no heading #readme in docs/guide.md']);
	});

	it('checks what source comments cite, and finds citations of the notes outside the repository', () => {
		const source = [
			'/** Frames (docs/guide.md#start-here), see ../README.md. */',
			'// flicker (style.md §3.3), docs/guide.md#finish, docs/gone.md',
			'// https://example.com/style.md is a URL, not a citation',
			`// design: ${OUTSIDE}/design/ARCHITECTURE.md and ${DESIGN}/catalog.md`,
		].join('\n');
		const file = join(base, 'docs/x.ts');
		expect(citationProblems(file, source, fixtureTree(base, {'README.md': '# Readme\n', 'docs/guide.md': '# Guide\n## Start here\n'}), base)).toEqual([
			'docs/x.ts:2: cites style.md, which is not a file of the repository',
			'docs/x.ts:2: cites docs/guide.md#finish: no heading #finish in docs/guide.md',
			'docs/x.ts:2: cites docs/gone.md, which is not a file of the repository',
			`docs/x.ts:4: cites ${OUTSIDE}/design/ARCHITECTURE.md, which is not a file of the repository`,
			`docs/x.ts:4: cites ${DESIGN}/catalog.md, which is not a file of the repository`,
		]);
		expect(outsideCitations(file, source, base)).toEqual([
			`docs/x.ts:4: cites ${OUTSIDE} (outside the repository)`,
			`docs/x.ts:4: cites ${DESIGN} (outside the repository)`,
		]);
	});
});

describe('the repository stands alone', () => {
	const files = repositoryFiles();
	const markdown = [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(root, 'docs', n))];

	it('finds the files it checks', () => {
		expect(markdown.length).toBeGreaterThanOrEqual(5);
		expect(files).toEqual(expect.arrayContaining([join(root, 'src', 'core', 'errors.ts'), join(root, 'docs', 'hub-api.yaml'), join(root, '.ci', 'run')]));
	});

	it('every relative link in README.md and docs/*.md resolves, anchors included', () => {
		expect(markdown.flatMap((file) => linkProblems(file, readFileSync(file, 'utf8'), diskTree))).toEqual([]);
	});

	it('every markdown file a source file cites exists and has the heading it names', () => {
		const sources = files.filter((file) => extname(file) !== '.md');
		expect(sources.flatMap((file) => citationProblems(file, readFileSync(file, 'utf8'), diskTree))).toEqual([]);
	});

	it('nothing cites the design folder outside the repository', () => {
		expect(files.flatMap((file) => outsideCitations(file, readFileSync(file, 'utf8')))).toEqual([]);
	});
});
