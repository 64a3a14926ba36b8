/**
 * `tongban devices camera probe|info|capture|selftest`: technician commands over the VC0706
 * camera driver. `--port emu:<page>[+fault,…]` (or `selftest --emulate`) runs the in-process
 * emulator over serialport's mock binding, paced at --baud like a real line.
 */
import {constants as fsConstants, existsSync} from 'node:fs';
import {chmod, open} from 'node:fs/promises';
import type {CommandModule} from 'yargs';
import {AppError, EXIT, InputError} from '../../src/core/errors.js';
import {systemReason} from '../../src/core/reasons.js';
import {previewModeFor, renderHalfBlocks} from '../../src/core/imaging/halfblock.js';
import {cameraText, qualityWarningText, type CameraMessageKey} from '../../src/i18n/camera.js';
import type {Lang} from '../../src/core/lang.js';
import {displayWidth, padEndToWidth} from '../../src/text/width.js';
import {DEFAULT_CHUNK_SIZE, Vc0706Camera, type VerifyMode} from '../../devices/camera/driver.js';
import {
	CAMERA_BAUD_RATES,
	IMAGE_SIZES,
	captureExchangeBytes,
	hex,
	isCameraBaud,
	isImageSize,
	wireTimeMs,
	type CameraBaud,
	type ImageSize,
} from '../../devices/camera/protocol.js';
import {createCameraService, type CaptureResult} from '../../devices/camera/service.js';
import type {CommandContext, GlobalArgs} from '../context.js';
import {cameraOpenerFor, emulatedCamera, type CameraHarness} from './emulate-opener.js';
import type {DiagnosisNote} from './audit.js';
import {commandGroup, diagnosedCommand, linkOptions, portTarget, type DeviceKit, type PortArgs} from './shared.js';
import {errorText} from '../../src/i18n/errors.js';

export interface CameraArgs extends PortArgs {
	chunkSize: number;
	raw?: boolean;
}

interface CaptureArgs extends CameraArgs {
	out: string;
	size: string;
	verify: string;
	preview?: boolean;
	force?: boolean;
}

interface SelftestArgs extends Omit<CameraArgs, 'baud'> {
	baud?: number;
	emulate?: boolean;
	page: string;
	size: string;
	faults?: string;
}

function ct(lang: Lang) {
	return (key: CameraMessageKey, params?: Record<string, string | number>) => cameraText(lang, key, params);
}

export function parseCameraBaud(lang: Lang, value: unknown): CameraBaud {
	const baud = Number(value);
	if (!isCameraBaud(baud)) throw new InputError('bad_baud', {value: String(value), allowed: CAMERA_BAUD_RATES.join(', ')});
	return baud;
}

function parseSize(lang: Lang, value: unknown): ImageSize {
	if (!isImageSize(value)) throw new InputError('bad_size', {value: String(value), allowed: IMAGE_SIZES.join(', ')});
	return value;
}

function parseChunk(lang: Lang, value: unknown): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 8 || n > 32768 || n % 8 !== 0) throw new InputError('bad_chunk_size', {value: String(value)});
	return n;
}

/**
 * What the camera's subcommands share: the device and its link options, --port and --baud from
 * cameraPort and cameraBaud (`settingsBaud` false: the command picks the speed, as selftest does).
 */
function cameraKit<A = CameraArgs>(lang: Lang, settingsBaud = true): DeviceKit<A> {
	const t = ct(lang);
	const transfer = {'chunk-size': {type: 'number', describe: t('opt.chunk'), default: DEFAULT_CHUNK_SIZE}} as const;
	return {device: 'camera', settingsBaud, options: (y) => linkOptions(y, t, {transfer, raw: true})};
}

interface Session {
	camera: Vc0706Camera;
	harness?: CameraHarness;
}

/** Opens the camera on --port/--baud, runs `body`, and always closes. */
export async function withCamera<T>(ctx: CommandContext, args: CameraArgs, body: (s: Session) => Promise<T>, extra: {verify?: VerifyMode; harness?: CameraHarness} = {}): Promise<T> {
	const baudRate = parseCameraBaud(ctx.lang, args.baud);
	const chunkSize = parseChunk(ctx.lang, args.chunkSize);
	const port = String(args.port);
	const {opener, harness} = extra.harness ? {opener: extra.harness.opener, harness: extra.harness} : await cameraOpenerFor(ctx.lang, port, baudRate);
	const camera = new Vc0706Camera({path: harness?.path ?? port, opener, baudRate, chunkSize, verify: extra.verify ?? 'decode'});
	if (args.raw) {
		camera.on('bytes', (direction, bytes) => {
			const shown = bytes.length <= 32 ? hex(bytes) : `${hex(bytes.subarray(0, 16))} … (${bytes.length} B)`;
			ctx.err(`${direction === 'tx' ? '→' : '←'} ${shown}`);
		});
	}
	try {
		await camera.open();
		return await body({camera, ...(harness ? {harness} : {})});
	} finally {
		await camera.close();
	}
}

/** A capture in the audit: its digest and counts; the image itself stays out. */
function noteCapture(note: DiagnosisNote, result: CaptureResult): void {
	Object.assign(note.details, {
		sha256: result.sha256,
		bytes: result.jpeg.length,
		width: result.width,
		height: result.height,
		warnings: result.quality.warnings.length,
		rereads: result.stats.rereads,
	});
}

function probeCommand(lang: Lang): CommandModule<GlobalArgs, CameraArgs> {
	return diagnosedCommand(cameraKit(lang), {
		command: 'probe',
		describe: ct(lang)('cmd.camera.probe'),
		run: async ({ctx, args, note}) => {
			const v = await withCamera(ctx, args, ({camera}) => camera.version());
			note.details['version'] = v;
			return v;
		},
		print: (ctx, args, version) => {
			if (ctx.json) ctx.out(JSON.stringify({ok: true, port: args.port, baud: Number(args.baud), version}));
			else ctx.out(ct(ctx.lang)('probe.ok', {port: args.port, baud: Number(args.baud), version}));
		},
	});
}

function printRows(ctx: CommandContext, rows: Array<[string, string]>): void {
	const width = Math.max(...rows.map(([label]) => displayWidth(label)));
	for (const [label, value] of rows) ctx.out(`${padEndToWidth(label, width)}  ${value}`);
}

function infoCommand(lang: Lang): CommandModule<GlobalArgs, CameraArgs> {
	return diagnosedCommand(cameraKit(lang), {
		command: 'info',
		describe: ct(lang)('cmd.camera.info'),
		run: async ({ctx, args, note}) => {
			const got = await withCamera(ctx, args, async ({camera}) => ({version: await camera.version(), size: await camera.getImageSize()}));
			Object.assign(note.details, got);
			return got;
		},
		print: (ctx, args, {version, size}) => {
			const t = ct(ctx.lang);
			const baud = Number(args.baud);
			const wire = wireTimeMs(captureExchangeBytes(50 * 1024, Number(args.chunkSize)), baud);
			if (ctx.json) {
				ctx.out(JSON.stringify({port: args.port, baud, version, size, chunkSize: Number(args.chunkSize), wireTimeMs50k: Math.round(wire)}));
				return;
			}
			printRows(ctx, [
				[t('info.port'), `${args.port} (${baud} bps)`],
				[t('info.version'), version],
				[t('info.size'), size],
				[t('info.chunk'), String(args.chunkSize)],
				[t('info.wire'), `${(wire / 1000).toFixed(1)} s`],
			]);
		},
	});
}

/** Writes the JPEG readable by its owner only (it shows a citizen's documents). */
async function writePrivateFile(lang: Lang, file: string, bytes: Buffer, force: boolean): Promise<void> {
	const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | (force ? fsConstants.O_TRUNC : fsConstants.O_EXCL);
	let handle;
	try {
		handle = await open(file, flags, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError('file_exists', {file}, {file});
		throw new InputError('write_failed', {file, reason: systemReason(error)}, {file});
	}
	try {
		await handle.writeFile(bytes);
	} finally {
		await handle.close();
	}
	// An existing file kept its old mode through O_TRUNC.
	await chmod(file, 0o600);
}

/** Progress on stderr for people at a terminal (scripts and --json get none). */
function progressPrinter(ctx: CommandContext): ((bytes: number, total: number) => void) | undefined {
	if (ctx.json || !process.stderr.isTTY) return undefined;
	const t = ct(ctx.lang);
	let lastPercent = -1;
	return (bytes, total) => {
		const percent = Math.floor((bytes / total) * 100);
		if (percent === lastPercent) return;
		lastPercent = percent;
		process.stderr.write(`\r${t('capture.progress', {bytes, total, percent})}${bytes === total ? '\n' : ''}`);
	};
}

function captureJson(result: CaptureResult, file: string | undefined, lang: Lang) {
	return {
		...(file ? {file} : {}),
		bytes: result.jpeg.length,
		width: result.width,
		height: result.height,
		sha256: result.sha256,
		quality: {
			brightness: Number(result.quality.brightness.toFixed(1)),
			sharpness: Number(result.quality.sharpness.toFixed(1)),
			sharpnessThreshold: Number(result.quality.sharpnessThreshold.toFixed(1)),
			warnings: result.quality.warnings.map((code) => ({code, message: qualityWarningText(lang, code, result.quality)})),
		},
		stats: result.stats,
		elapsedMs: Math.round(result.elapsedMs),
	};
}

function printCapture(ctx: CommandContext, result: CaptureResult): void {
	const t = ct(ctx.lang);
	printRows(ctx, [
		[t('capture.size'), `${result.width}x${result.height}, ${result.jpeg.length} B`],
		[t('capture.sha256'), result.sha256],
		[t('capture.brightness'), result.quality.brightness.toFixed(1)],
		[t('capture.sharpness'), `${result.quality.sharpness.toFixed(1)} (≥ ${result.quality.sharpnessThreshold.toFixed(0)})`],
		[t('capture.rereads'), String(result.stats.rereads)],
		[t('capture.time'), `${(result.elapsedMs / 1000).toFixed(2)} s`],
	]);
	if (result.quality.warnings.length === 0) ctx.out(t('capture.noWarnings'));
	for (const w of result.quality.warnings) ctx.out(t('capture.warning', {message: qualityWarningText(ctx.lang, w, result.quality)}));
}

function printPreview(ctx: CommandContext, result: CaptureResult): void {
	const columns = Math.min(process.stdout.columns || 80, 64);
	const mode = previewModeFor(process.env, Boolean(process.stdout.isTTY));
	for (const line of renderHalfBlocks(result.pixels, {columns, rows: Math.round(columns * 0.375), mode})) ctx.out(line);
}

function parseVerify(value: unknown): VerifyMode {
	return value === 'reread' || value === 'behind' ? value : 'decode';
}

function captureCommand(lang: Lang): CommandModule<GlobalArgs, CaptureArgs> {
	const t = ct(lang);
	return diagnosedCommand(cameraKit<CaptureArgs>(lang), {
		command: 'capture',
		describe: t('cmd.camera.capture'),
		options: (y) =>
			y
				.option('out', {type: 'string', describe: t('opt.out'), demandOption: true})
				.option('size', {type: 'string', describe: t('opt.size'), default: '640x480'})
				.option('verify', {type: 'string', describe: t('opt.verify'), choices: ['decode', 'reread', 'behind'], default: 'decode'})
				.option('preview', {type: 'boolean', describe: t('opt.preview')})
				.option('force', {type: 'boolean', describe: t('opt.force')}),
		prepare: (ctx, args) => {
			const size = parseSize(ctx.lang, args.size);
			const file = String(args.out);
			// Refuse an existing file before a transfer of seconds, not after it.
			if (!args.force && existsSync(file)) throw new InputError('file_exists', {file}, {file});
			return {size, file};
		},
		run: async ({ctx, args, prepared: {size, file}, note}) => {
			Object.assign(note.details, {size, verify: parseVerify(args.verify)});
			const captured = await withCamera(
				ctx,
				args,
				async ({camera}) => {
					const first = await createCameraService({camera}).capture({size, onProgress: progressPrinter(ctx)});
					// 'behind': the file gets the verified picture, never the first read.
					return first.verification ? (await first.verification).result : first;
				},
				{verify: parseVerify(args.verify)},
			);
			noteCapture(note, captured);
			// The file name may carry a citizen's name: only whether it was written is recorded.
			await writePrivateFile(ctx.lang, file, captured.jpeg, Boolean(args.force));
			note.details['saved'] = true;
			return captured;
		},
		print: (ctx, args, result, {file}) => {
			if (ctx.json) {
				ctx.out(JSON.stringify(captureJson(result, file, ctx.lang)));
				return;
			}
			ctx.out(ct(ctx.lang)('capture.saved', {file}));
			printCapture(ctx, result);
			if (args.preview) printPreview(ctx, result);
		},
	});
}

interface StepResult {
	step: string;
	ok: boolean;
	detail?: string;
}

function selftestCommand(lang: Lang): CommandModule<GlobalArgs, SelftestArgs> {
	const t = ct(lang);
	return diagnosedCommand(cameraKit<SelftestArgs>(lang, false), {
		command: 'selftest',
		describe: t('cmd.camera.selftest'),
		options: (y) =>
			y
				.option('emulate', {type: 'boolean', describe: t('opt.emulate')})
				.option('page', {type: 'string', describe: t('opt.page', {pages: 'application, hukou, certificate, blurred, dark'}), default: 'application'})
				.option('faults', {type: 'string', describe: t('opt.faults', {faults: 'timeout, short, corrupt, no-reply, unplug, broken-frame'})})
				.option('size', {type: 'string', describe: t('opt.size'), default: '320x240'}),
		prepare: (ctx, args) => ({
			size: parseSize(ctx.lang, args.size),
			// Without hardware the emulator runs at 115200 unless --baud says otherwise; a real camera at cameraBaud, as the console.
			baud: parseCameraBaud(ctx.lang, args.baud ?? (args.emulate ? 115200 : ctx.settings.cameraBaud)),
		}),
		target: (args, {baud}) => portTarget('camera', 'camera selftest', {port: args.emulate ? `emu:${String(args.page)}` : args.port, baud}),
		run: async ({ctx, args, prepared: {size, baud}, note}) => {
			const tt = ct(ctx.lang);
			const harness = args.emulate ? await emulatedCamera(ctx.lang, String(args.page), args.faults, baud, '/dev/ttyCAMTEST') : undefined;
			const steps: StepResult[] = [];
			let result: CaptureResult | undefined;
			const run = async <T>(key: CameraMessageKey, work: () => Promise<T>): Promise<T> => {
				try {
					const value = await work();
					steps.push({step: tt(key), ok: true});
					return value;
				} catch (error) {
					const message = errorText(error, ctx.lang);
					steps.push({step: tt(key), ok: false, detail: message});
					throw error;
				}
			};
			let failure: unknown;
			try {
				await withCamera(
					ctx,
					{...args, baud},
					async ({camera, harness: h}) => {
						steps.push({step: tt('selftest.step.open'), ok: true});
						const version = await run('selftest.step.version', () => camera.version());
						steps[steps.length - 1]!.detail = version;
						await run('selftest.step.size', () => camera.setImageSize(size));
						result = await run('selftest.step.capture', () => createCameraService({camera}).capture({size}));
						if (h) {
							const expected = h.emulator.expectedFrame();
							await run('selftest.step.identical', async () => {
								if (!expected.equals(result!.jpeg)) throw new Error('bytes differ');
							});
							await run('selftest.step.resumed', async () => {
								if (h.emulator.isFrozen) throw new Error('still frozen');
							});
						}
					},
					{harness},
				);
			} catch (error) {
				failure = error;
			}
			const wire = result ? wireTimeMs(captureExchangeBytes(result.jpeg.length, Number(args.chunkSize)), baud) : undefined;
			if (ctx.json) {
				ctx.out(JSON.stringify({ok: !failure, emulated: Boolean(harness), baud, size, steps, ...(result ? {capture: captureJson(result, undefined, ctx.lang), wireTimeMs: Math.round(wire!)} : {})}));
			} else {
				for (const s of steps) ctx.out(`${s.ok ? '✓' : '✗'} ${s.detail ? tt('selftest.stepDetail', {step: s.step, detail: s.detail}) : s.step}`);
				if (result && !failure) {
					printCapture(ctx, result);
					ctx.out(tt('selftest.ok', {bytes: result.jpeg.length, ms: Math.round(result.elapsedMs), wire: Math.round(wire!)}));
				}
			}
			Object.assign(note.details, {size, emulated: Boolean(harness), steps: steps.length, stepsFailed: steps.filter((s) => !s.ok).length});
			if (result) noteCapture(note, result);
			if (failure) {
				// Usage errors (bad size, page, faults) are reported as such, not as a failed self-test.
				if (failure instanceof InputError) throw failure;
				if (!ctx.json) ctx.err(tt('selftest.failed', {message: errorText(failure, ctx.lang)}));
				note.outcome = 'failed';
				note.details['errorCode'] = failure instanceof AppError ? failure.code : 'unexpected';
				return failure instanceof AppError ? failure.exitCode : EXIT.device;
			}
			return 0;
		},
		print: (ctx, args, exitCode) => exitCode,
	});
}

export function cameraCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return commandGroup('camera', ct(lang)('cmd.camera'), [probeCommand(lang), infoCommand(lang), captureCommand(lang), selftestCommand(lang)]);
}
