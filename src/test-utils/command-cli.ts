/**
 * Runs a command module in-process the way src/cli/main.ts would (global flags, strict parsing),
 * capturing stdout, stderr and the exit code. For tests of command modules before they are
 * registered in src/cli/main.ts.
 */
import {expect, vi} from 'vitest';
import yargs, {type CommandModule} from 'yargs';
import type {GlobalArgs} from '../../commands/context.js';

import type {CliRun} from './cli-process.js';
import {tempDirs} from './temp-dirs.js';

/** A run given no data directory gets its own, removed after the test. */
const dataDirs = tempDirs('tongban-dev-');

export interface LiveRun {
	stdout(): string;
	stderr(): string;
	done: Promise<CliRun>;
}

/** Starts a run and returns live views of its output (for long-running commands). */
export function startCli(command: CommandModule<GlobalArgs, never>, argv: string[], options: {dataDir?: string} = {}): LiveRun {
	const out: string[] = [];
	const err: string[] = [];
	const realOut = process.stdout.write.bind(process.stdout);
	const realErr = process.stderr.write.bind(process.stderr);
	process.stdout.write = ((chunk: string | Uint8Array) => {
		out.push(String(chunk));
		return true;
	}) as typeof process.stdout.write;
	process.stderr.write = ((chunk: string | Uint8Array) => {
		err.push(String(chunk));
		return true;
	}) as typeof process.stderr.write;
	process.exitCode = undefined;
	const dataDir = options.dataDir ?? dataDirs();
	const done = (async () => {
		try {
			await (yargs([...argv, '--data-dir', dataDir])
				.option('json', {type: 'boolean', global: true})
				.option('lang', {type: 'string', global: true})
				.option('data-dir', {type: 'string', global: true})
				.command(command as CommandModule)
				.strict()
				.exitProcess(false)
				.fail((message, error) => {
					if (error) throw error;
					err.push(`usage: ${message}\n`);
					process.exitCode = 2;
				}) as unknown as {parseAsync(): Promise<unknown>}).parseAsync();
		} finally {
			process.stdout.write = realOut;
			process.stderr.write = realErr;
		}
		const code = Number(process.exitCode ?? 0);
		process.exitCode = undefined;
		return {code, stdout: out.join(''), stderr: err.join('')};
	})();
	return {stdout: () => out.join(''), stderr: () => err.join(''), done};
}

export function runCli(command: CommandModule<GlobalArgs, never>, argv: string[], options: {dataDir?: string} = {}): Promise<CliRun> {
	return startCli(command, argv, options).done;
}

/** The first line `devices emulate … --json` prints: where the driver opens, and socat's pid. */
interface EmulateInfo {
	path: string;
	socatPid: number;
	device?: string;
}

/**
 * Runs `devices emulate … --json` until it prints its pty path, hands that line to `use`, then
 * sends SIGTERM: the command must exit 0 and take socat with it.
 */
export async function useEmulatorThenStop(command: CommandModule<GlobalArgs, never>, argv: string[], use: (info: EmulateInfo) => Promise<void>): Promise<void> {
	const live = startCli(command, argv);
	await vi.waitFor(() => expect(live.stdout()).toContain('"path"'), {timeout: 5000});
	const info = JSON.parse(live.stdout().split('\n')[0]!) as EmulateInfo;
	await use(info);
	process.emit('SIGTERM');
	const run = await live.done;
	expect(run.code).toBe(0);
	expect(() => process.kill(info.socatPid, 0)).toThrow();
}
