// Bundles the CLI (and the start-up baseline) with esbuild. On a thin terminal, loading a few
// hundred small module files costs more than the work itself: a bundle of Ink + React loads in
// about a third of the time of the same modules from node_modules (measured in bench/startup).
// Code splitting keeps Ink out of commands that do not open the console.
import {build} from 'esbuild';
import {rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	splitting: true,
	absWorkingDir: root,
	alias: {'react-devtools-core': './scripts/empty-devtools.mjs', 'string-width': './scripts/string-width-fast.mjs'},
	// serialport loads its native binding relative to its own files (node-gyp-build uses
	// __dirname): it must stay a runtime dependency, not be bundled.
	external: ['serialport', '@serialport/*'],
	// Some dependencies are CommonJS and call require(): give the ESM bundle one.
	banner: {js: "import {createRequire as __tongbanRequire} from 'node:module'; const require = __tongbanRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'linked',
	// Whitespace and comments out (names and code as written, so stack traces still name their
	// functions): V8 keeps every loaded chunk's source in the heap for lazy compilation, and one
	// Chinese character in a comment made a whole chunk a two-byte string. The console held ~10 MB
	// of source text with all services up, ~5 MB now (issue 17.4, docs/performance.md).
	minifyWhitespace: true,
	logLevel: 'warning',
	chunkNames: 'chunks/[name]-[hash]',
};

// Chunk names change with their content: start clean so stale chunks never pile up.
rmSync(new URL('../dist/bundle', import.meta.url), {recursive: true, force: true});
rmSync(new URL('../dist/bundle-hello', import.meta.url), {recursive: true, force: true});
const result = await build({...common, entryPoints: {tongban: 'src/cli/main.ts'}, outdir: 'dist/bundle', metafile: true});
// What went into which chunk, for start-up work (inspect with esbuild's analyzer or by hand).
writeFileSync(new URL('../dist/bundle-meta.json', import.meta.url), JSON.stringify(result.metafile));
await build({...common, entryPoints: {'ink-hello': 'bench/fixtures/ink-hello.tsx'}, outdir: 'dist/bundle-hello', jsx: 'automatic'});
// The keystroke-latency baseline (bench/keys.ts), built on its own so the hello-world stays one file.
await build({...common, entryPoints: {'ink-echo': 'bench/fixtures/ink-echo.tsx'}, outdir: 'dist/bundle-hello', jsx: 'automatic'});
