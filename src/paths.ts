/**
 * Where things live on disk: the package's own files (built-in demo data) and the user's data
 * directory (settings, last good catalog, caches). The data directory follows the platform
 * conventions conf uses (env-paths), overridable by `--data-dir` or TONGBAN_DATA_DIR.
 */
import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

let cachedRoot: string | undefined;

/** The package root (the folder holding package.json and data/), found from this module's location. */
export function packageRoot(): string {
	if (cachedRoot) return cachedRoot;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 5; i++) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) {
			cachedRoot = dir;
			return dir;
		}
		dir = dirname(dir);
	}
	throw new Error('cannot find the tongban package root (package.json + data/)');
}

/**
 * The version in the package's own package.json. yargs' own guess reads the package.json above
 * the working directory, which outside the source tree is someone else's or none ("unknown").
 */
export function packageVersion(): string {
	const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {version?: unknown};
	return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

export function builtinDataDir(): string {
	return join(packageRoot(), 'data');
}

/**
 * The user's data directory. Order: explicit option, TONGBAN_DATA_DIR, then the platform default
 * ($XDG_DATA_HOME/tongban or ~/.local/share/tongban on Linux; the same layout env-paths gives).
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
	if (explicit) return resolve(explicit);
	if (env.TONGBAN_DATA_DIR) return resolve(env.TONGBAN_DATA_DIR);
	if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'tongban');
	if (process.platform === 'win32') {
		return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'tongban', 'Data');
	}
	return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tongban');
}
