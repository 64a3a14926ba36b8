/**
 * A program on a real pseudo-terminal for the benchmarks that type into it (keys.ts, idle.ts):
 * util-linux `script` gives it a pty at 80x24; what the parent writes to script's stdin reaches
 * the program as typed keys, and everything the program draws comes back on script's stdout,
 * stamped with the time it arrived.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {readFileSync} from 'node:fs';

export class PtyProgram {
	readonly #child: ChildProcessWithoutNullStreams;
	/** Everything drawn so far (decoded as UTF-8 across chunk boundaries). */
	output = '';
	/** When the last chunk arrived (process.hrtime, ms). */
	lastOutputAt = now();
	#waiters: Array<() => void> = [];
	#exited = false;

	constructor(command: string, env: NodeJS.ProcessEnv, size = {columns: 80, rows: 24}) {
		this.#child = spawn('script', ['-qfec', `stty cols ${size.columns} rows ${size.rows}; exec ${command}`, '/dev/null'], {
			env: {...process.env, ...env, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		this.#child.stdout.setEncoding('utf8');
		this.#child.stdout.on('data', (chunk: string) => {
			this.output += chunk;
			this.lastOutputAt = now();
			for (const waiter of this.#waiters.splice(0)) waiter();
		});
		this.#child.on('exit', () => {
			this.#exited = true;
			for (const waiter of this.#waiters.splice(0)) waiter();
		});
	}

	write(keys: string): void {
		this.#child.stdin.write(keys);
	}

	/**
	 * Resolves with the arrival time of the chunk after which `test(output since `from`)` holds;
	 * rejects after `timeoutMs` or if the program exits first.
	 */
	waitFor(test: (text: string) => boolean, from = 0, timeoutMs = 10_000): Promise<number> {
		const deadline = now() + timeoutMs;
		return new Promise((resolve, reject) => {
			const check = () => {
				if (test(this.output.slice(from))) return resolve(this.lastOutputAt);
				if (this.#exited) return reject(new Error(`the program exited; last output:\n${this.output.slice(-800)}`));
				if (now() > deadline) return reject(new Error(`not seen within ${timeoutMs} ms; last output:\n${this.output.slice(-800)}`));
				this.#waiters.push(check);
				// Also wake up for the deadline when nothing is drawn.
				setTimeout(() => {
					const at = this.#waiters.indexOf(check);
					if (at >= 0) {
						this.#waiters.splice(at, 1);
						check();
					}
				}, Math.min(200, Math.max(1, deadline - now())));
			};
			check();
		});
	}

	/** Resolves once nothing has been drawn for `quietMs` (counted from the call at the earliest). */
	async settle(quietMs: number, maxMs = 2_000): Promise<void> {
		const start = now();
		const quietSince = () => Math.max(this.lastOutputAt, start);
		while (now() - quietSince() < quietMs && now() - start < maxMs) {
			await new Promise((resolve) => setTimeout(resolve, quietMs - (now() - quietSince()) + 1));
		}
	}

	/** The measured program's pid: `script`'s child on the pty (undefined until it has started). */
	programPid(): number | undefined {
		try {
			const pid = this.#child.pid!;
			const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
			return children.length > 0 ? Number(children[0]) : undefined;
		} catch {
			return undefined;
		}
	}

	/** Kills the program itself, then `script`, and waits for script to end. */
	async kill(): Promise<void> {
		const pid = this.programPid();
		if (pid) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		if (this.#exited) return;
		const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
		this.#child.kill('SIGKILL');
		await exited;
	}
}

/** CPU time (user + system) of a process in seconds, from /proc/PID/stat. */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) in parentheses; utime and stime are
	// fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function now(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Signs the demo clerk (op-1001 / 246810) in on a console's sign-in screen and waits for the
 * flash that says so; `signedInMs` is how long the sign-in may take (a first start validates and
 * indexes its catalog behind it).
 */
export async function signInDemoClerk(program: PtyProgram, signedInMs: number): Promise<void> {
	await program.waitFor((o) => o.includes('操作员编号'), 0, 30_000);
	let from = program.output.length;
	program.write('op-1001');
	await program.waitFor((o) => o.includes('op-1001'), from);
	program.write('\r');
	await program.settle(200);
	from = program.output.length;
	program.write('246810\r');
	await program.waitFor((o) => o.includes('已签到'), from, signedInMs);
}
