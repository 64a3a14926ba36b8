/**
 * Running a command-line script as a child process, the way a user or a shell script runs
 * tongban: the exit code, stdout and stderr, whatever the exit. The command tests run the BUILT
 * binary (dist/bundle/tongban.js, built first by `npm test`), or a bundle of their own.
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** The built binary, as `npm test` builds it before the tests run. */
export const BUILT_CLI = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'dist', 'bundle', 'tongban.js');

/** For a beforeAll: without the build every command test would fail with a confusing exit code. */
export function requireBuiltCli(): void {
	if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run the build first (npm test does)`);
}

export interface ScriptOptions {
	/** The whole environment of the child (start from process.env to inherit). */
	env: NodeJS.ProcessEnv;
	timeout?: number;
	/** execFile's limit on each of stdout and stderr (1 MiB unless given). */
	maxBuffer?: number;
	/** Written to the child's stdin, which is then closed; without it stdin stays open. */
	stdin?: string;
}

/** Runs `node script ...args`. A child that ends without an exit code (killed, timed out) counts as exit 1. */
export function runScript(script: string, args: readonly string[], options: ScriptOptions): Promise<CliRun> {
	return new Promise((done) => {
		const limits = {timeout: options.timeout ?? 30_000, ...(options.maxBuffer === undefined ? {} : {maxBuffer: options.maxBuffer})};
		const child = execFile(process.execPath, [script, ...args], {env: options.env, ...limits}, (error, stdout, stderr) => {
			done({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr});
		});
		if (options.stdin !== undefined) child.stdin!.end(options.stdin);
	});
}
