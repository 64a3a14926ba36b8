/**
 * A pair of linked pseudo-terminals from socat, so a driver can open a real device path while an
 * emulator answers on the other end. ptys ignore the baud rate: the emulator paces its own bytes.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {serialPortOpener, type SerialLink} from '../../devices/transport.js';
import type {ByteEmulator} from './mock-port.js';

export interface PtyPair {
	/** The end the emulator (device side) uses. */
	devicePath: string;
	/** The end a driver opens. */
	hostPath: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

export function socatAvailable(): boolean {
	const r = spawnSync('socat', ['-V'], {stdio: 'ignore'});
	return r.error === undefined && r.status === 0;
}

/** Parses "... N PTY is /dev/pts/7" lines of `socat -d -d` stderr. */
export function parsePtyPaths(stderr: string): string[] {
	return [...stderr.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!);
}

/** Starts socat and resolves once both pty paths are known and the transfer loop runs. */
export function startPtyPair(timeoutMs = 5000): Promise<PtyPair> {
	return new Promise((resolve, reject) => {
		const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		let settled = false;
		const timer = setTimeout(() => fail(new Error(`socat did not report two ptys within ${timeoutMs} ms: ${stderr.trim()}`)), timeoutMs);
		const fail = (error: Error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			child.kill('SIGTERM');
			reject(error);
		};
		child.on('error', (error) => fail(error));
		child.on('exit', (code) => fail(new Error(`socat exited (code ${code}): ${stderr.trim()}`)));
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (text: string) => {
			stderr += text;
			const paths = parsePtyPaths(stderr);
			if (settled || paths.length < 2 || !/starting data transfer loop/.test(stderr)) return;
			settled = true;
			clearTimeout(timer);
			child.stderr!.resume();
			resolve({
				devicePath: paths[0]!,
				hostPath: paths[1]!,
				process: child,
				stop: () =>
					new Promise<void>((done) => {
						if (child.exitCode !== null || child.signalCode !== null) return done();
						// socat exits on SIGTERM at once; SIGKILL only if it is wedged.
						const force = setTimeout(() => child.kill('SIGKILL'), 2000);
						child.once('exit', () => {
							clearTimeout(force);
							done();
						});
						child.kill('SIGTERM');
					}),
			});
		});
	});
}

/** Opens the device end of a pty and connects the emulator to it. */
export async function attachEmulator(emulator: ByteEmulator, devicePath: string): Promise<SerialLink> {
	const link = await serialPortOpener()(devicePath, {baudRate: emulator.baudRate || 115200});
	link.onData((chunk) => emulator.receive(chunk));
	const unsubscribe = emulator.onOutput((chunk) => {
		if (link.isOpen) void link.write(chunk).catch(() => {});
	});
	link.onClose(() => {
		unsubscribe();
		emulator.stop();
	});
	return link;
}

/** A driver on the host end of a new pty pair whose device end an emulator answers. */
export interface PtyRig<D> {
	readonly driver: D;
	readonly pair: PtyPair;
	/** Closes the driver, then the emulator's end, then stops socat. */
	close(): Promise<void>;
}

export async function driverOnPty<D extends {close(): Promise<void>}>(emulator: ByteEmulator, open: (hostPath: string) => D): Promise<PtyRig<D>> {
	const pair = await startPtyPair();
	let link: SerialLink;
	try {
		link = await attachEmulator(emulator, pair.devicePath);
	} catch (error) {
		await pair.stop();
		throw error;
	}
	const driver = open(pair.hostPath);
	return {
		driver,
		pair,
		close: async () => {
			await driver.close();
			await link.close();
			await pair.stop();
		},
	};
}
