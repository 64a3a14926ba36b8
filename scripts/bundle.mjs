// Bundles the CLI (and the start-up baseline) with esbuild. On a thin terminal, loading a few
// hundred small module files costs more than the work itself: a bundle of Ink + React loads in
// about a third of the time of the same modules from node_modules (measured in bench/startup).
// Code splitting keeps Ink out of commands that do not open the console.
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	splitting: true,
	absWorkingDir: root,
	alias: {'react-devtools-core': './scripts/empty-devtools.mjs'},
	// serialport loads its native binding relative to its own files (node-gyp-build uses
	// __dirname): it must stay a runtime dependency, not be bundled.
	external: ['serialport', '@serialport/*'],
	// Some dependencies are CommonJS and call require(): give the ESM bundle one.
	banner: {js: "import {createRequire as __tongbanRequire} from 'node:module'; const require = __tongbanRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'linked',
	logLevel: 'warning',
	chunkNames: 'chunks/[name]-[hash]',
};

await build({...common, entryPoints: {tongban: 'src/cli.ts'}, outdir: 'dist/bundle'});
await build({...common, entryPoints: {'ink-hello': 'bench/fixtures/ink-hello.tsx'}, outdir: 'dist/bundle-hello', jsx: 'automatic'});
