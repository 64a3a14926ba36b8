/**
 * `tongban devices emulate idreader [--card NAME] [--faults LIST] [--baud B]` and
 * `tongban devices emulate camera [--page NAME] [--faults LIST] [--baud B]`: starts
 * `socat -d -d pty,raw,echo=0 pty,raw,echo=0`, reads the two pty paths from socat's stderr,
 * attaches the device emulator to one end and prints the other (first line of stdout, alone, so
 * scripts can capture it). Runs until SIGINT/SIGTERM, then kills socat and exits 0.
 */
import type {Argv, CommandModule} from 'yargs';
import {DeviceError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {DEMO_CARDS} from '../../mocks/devices/cards.js';
import {FAULTS, IdReaderEmulator, parseFaults} from '../../mocks/devices/idreader-emulator.js';
import {attachEmulator, socatAvailable, startPtyPair} from '../../mocks/devices/pty.js';
import {cameraText} from '../../src/i18n/camera.js';
import {CAMERA_FAULTS, CameraEmulator, formatCameraFaults, parseCameraFaults} from '../../mocks/devices/camera-emulator.js';
import {PAGES} from '../../mocks/devices/camera-pages.js';
import type {PtyPair} from '../../mocks/devices/pty.js';
import type {ByteEmulator} from '../../mocks/devices/mock-port.js';
import {runHandler, type CommandContext, type GlobalArgs} from '../context.js';
import {parseCameraBaud} from './camera.js';
import {emulatedCard, emulatedFaults, emulatedPage} from './emulate-opener.js';
import {dt, parseBaud} from './shared.js';

interface EmulateArgs extends GlobalArgs {
	device: string;
	card: string;
	page: string;
	faults?: string;
	baud: number;
}

export function devicesEmulateCommand(lang: Lang): CommandModule<GlobalArgs, EmulateArgs> {
	const t = dt(lang);
	return {
		command: 'emulate <device>',
		describe: t('cmd.devices.emulate'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.positional('device', {type: 'string', choices: ['idreader', 'camera'], demandOption: true})
				.option('card', {type: 'string', default: 'resident', describe: t('opt.card', {cards: DEMO_CARDS.map((c) => c.id).join(', ')})})
				.option('page', {type: 'string', default: 'application', describe: cameraText(lang, 'opt.page', {pages: PAGES.map((p) => p.id).join(', ')})})
				.option('faults', {type: 'string', describe: `${t('opt.faults', {faults: FAULTS.join(', ')})}; camera: ${CAMERA_FAULTS.join(', ')} (@N)`})
				.option('baud', {type: 'number', default: 115200, describe: t('opt.baud')}) as unknown as Argv<EmulateArgs>,
		handler: (args) => runHandler(args, (ctx) => emulate(ctx, args)),
	};
}

async function emulate(ctx: CommandContext, args: EmulateArgs): Promise<number> {
	if (args.device === 'camera') return emulateCamera(ctx, args);
	const t = dt(ctx.lang);
	const card = await emulatedCard(args.card);
	const faults = emulatedFaults(parseFaults, args.faults);
	const baudRate = parseBaud(ctx.lang, args.baud);
	return serveOnPty(ctx, new IdReaderEmulator({card, faults, baudRate}), (pair) => ({
		json: {card: args.card, faults, baud: baudRate},
		ready: t('emulate.ready', {card: args.card, faults: faults.length ? faults.join(',') : '-'}),
		hint: t('emulate.hint', {path: pair.hostPath}),
	}));
}

/**
 * Serves an emulator on a new pty pair until SIGINT / SIGTERM or socat ends: prints the host path
 * (and what is emulated) first, closes everything after. `onPair` sees the pair before it is announced.
 */
async function serveOnPty(
	ctx: CommandContext,
	emulator: ByteEmulator,
	announce: (pair: PtyPair) => {json: Record<string, unknown>; ready: string; hint: string},
	onPair?: (pair: PtyPair) => void,
): Promise<number> {
	if (!socatAvailable()) {
		throw new DeviceError('socat_missing');
	}
	const pair = await startPtyPair();
	onPair?.(pair);
	const link = await attachEmulator(emulator, pair.devicePath);
	const said = announce(pair);
	if (ctx.json) ctx.out(JSON.stringify({path: pair.hostPath, devicePath: pair.devicePath, ...said.json, socatPid: pair.process.pid}));
	else {
		ctx.out(pair.hostPath);
		ctx.err(said.ready);
		ctx.err(said.hint);
	}
	await untilStopped(pair);
	emulator.stop();
	await link.close();
	await pair.stop();
	ctx.err(dt(ctx.lang)('emulate.stopped'));
	return 0;
}

/** Resolves on SIGINT / SIGTERM or when socat goes away. */
function untilStopped(pair: PtyPair): Promise<void> {
	return new Promise<void>((resolve) => {
		const done = () => {
			process.off('SIGINT', done);
			process.off('SIGTERM', done);
			resolve();
		};
		process.once('SIGINT', done);
		process.once('SIGTERM', done);
		pair.process.once('exit', done);
	});
}

/** The VC0706 camera on a pty; its 'unplug' fault stops socat, so the host's port goes away. */
async function emulateCamera(ctx: CommandContext, args: EmulateArgs): Promise<number> {
	const page = await emulatedPage(args.page);
	const faults = emulatedFaults(parseCameraFaults, args.faults);
	const baudRate = parseCameraBaud(ctx.lang, args.baud);
	const emulator = new CameraEmulator({page, faults, baudRate});
	const faultText = faults.length ? formatCameraFaults(faults) : '-';
	return serveOnPty(
		ctx,
		emulator,
		(pair) => ({
			json: {device: 'camera', page: args.page, faults: faultText, baud: baudRate},
			ready: cameraText(ctx.lang, 'emulate.ready', {page: args.page, baud: baudRate, faults: faultText}),
			hint: cameraText(ctx.lang, 'emulate.hint', {path: pair.hostPath, baud: baudRate}),
		}),
		(pair) => emulator.onUnplug(() => void pair.stop()),
	);
}
