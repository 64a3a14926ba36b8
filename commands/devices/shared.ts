/**
 * Helpers shared by the device commands: the default port, option parsing, the commands' texts,
 * the options of a serial link and the shape of a technician's subcommand (options, usage checks,
 * the device work recorded as one device.diagnose, the output).
 */
import type {ArgumentsCamelCase, Argv, CommandModule, Options} from 'yargs';
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import type {Settings} from '../../src/store/settings-schema.js';
import {devicesText, type DevicesMessageKey} from '../../src/i18n/devices.js';
import {BAUD_RATES, type BaudRate} from '../../devices/idreader/protocol.js';
import {runHandler, type CommandContext, type GlobalArgs} from '../context.js';
import {diagnose, type DiagnosisNote, type DiagnosisRecorder, type DiagnosisTarget} from './audit.js';

export interface PortArgs extends GlobalArgs {
	port: string;
	baud: number;
}

/**
 * Where each device is, as the console opens it (src/wiring/branch-devices.ts): the one setting
 * per device, so a probe proves the port and speed the counter will use. `--port` / `--baud`
 * override it for one run.
 */
export const DEVICE_SETTINGS = {
	idreader: {port: 'readerPort', baud: 'readerBaud'},
	camera: {port: 'cameraPort', baud: 'cameraBaud'},
} as const satisfies Record<string, {port: keyof Settings; baud: keyof Settings}>;

/**
 * --port and --baud as given, else the device's settings. No port given and none set: a usage
 * error naming the setting (`emulated`: the command needs no port, camera selftest --emulate).
 */
function resolveLink(device: keyof typeof DEVICE_SETTINGS, args: {port?: unknown; baud?: unknown}, settings: Settings, options: {baud: boolean; emulated?: boolean}): void {
	const keys = DEVICE_SETTINGS[device];
	if (args.port === undefined || args.port === '') {
		const port = settings[keys.port];
		if (!port && !options.emulated) throw new InputError('device_port_unset', {key: keys.port});
		args.port = port;
	}
	if (options.baud && args.baud === undefined) args.baud = settings[keys.baud];
}

export function dt(lang: Lang) {
	return (key: DevicesMessageKey, params?: Record<string, string | number>) => devicesText(lang, key, params);
}

export function parseBaud(lang: Lang, value: unknown): BaudRate {
	const baud = Number(value);
	if (!(BAUD_RATES as readonly number[]).includes(baud)) {
		throw new InputError('bad_baud', {value: String(value), allowed: BAUD_RATES.join(', ')});
	}
	return baud as BaudRate;
}

/** A command with subcommands only (`devices`, `devices idreader`, …): one of them must be named. */
export function commandGroup<U extends unknown[]>(command: string, describe: string, subcommands: {[K in keyof U]: CommandModule<GlobalArgs, U[K]>}): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command,
		describe,
		builder: (y: Argv<GlobalArgs>) => subcommands.reduce<Argv<GlobalArgs>>((all, sub) => all.command(sub), y).demandCommand(1),
		handler: () => {},
	};
}

/** The descriptions of the link options, from the device's own table (the camera's name its own port). */
type LinkTexts = (key: 'opt.port' | 'opt.baud' | 'opt.raw') => string;

interface Link {
	/** Options of the device's transfer (camera --chunk-size), listed before --raw. */
	transfer?: Record<string, Options>;
	/** Offers --raw, the traffic in hex on stderr. */
	raw: boolean;
}

/** --port and --baud (then the device's transfer options and --raw) as every device command takes them. */
export function linkOptions<A>(y: Argv<GlobalArgs>, text: LinkTexts, link: Link): Argv<A> {
	return y.options({
		// No yargs defaults: the settings fill them in when the command runs (resolveLink).
		port: {type: 'string', describe: text('opt.port')},
		baud: {type: 'number', describe: text('opt.baud')},
		...link.transfer,
		...(link.raw ? {raw: {type: 'boolean', describe: text('opt.raw')}} : {}),
	}) as unknown as Argv<A>;
}

/** The device a family of subcommands talks to, and the options they all take. */
export interface DeviceKit<A> {
	device: DiagnosisTarget['device'];
	options(y: Argv<GlobalArgs>): Argv<A>;
	/** --baud from the device's setting when not given (false: the command picks, as camera selftest does). */
	settingsBaud?: boolean;
}

/** What the device work of a subcommand is given. */
interface Work<A, P> {
	ctx: CommandContext;
	args: ArgumentsCamelCase<A>;
	/** What `prepare` returned. */
	prepared: P;
	note: DiagnosisNote;
	record: DiagnosisRecorder;
}

interface DiagnosedCommand<A, P, R> {
	command: string;
	describe: string;
	/** Options of this subcommand, after the kit's. */
	options?: (y: Argv<A>) => Argv<A>;
	/** Usage checks and parsing before the audit log opens: what they refuse did nothing and is not recorded. */
	prepare?: (ctx: CommandContext, args: ArgumentsCamelCase<A>) => P;
	/** The audit's target; by default the kit's device on --port at --baud, as "<device> <command>". */
	target?: (args: ArgumentsCamelCase<A>, prepared: P) => DiagnosisTarget;
	/** The device work, recorded as one device.diagnose whatever happens (audit.ts). */
	run(work: Work<A, P>): Promise<R>;
	/** Prints the result (none: the work printed as it went); a number returned is the exit code. */
	print?: (ctx: CommandContext, args: ArgumentsCamelCase<A>, result: R, prepared: P) => number | void;
}

/** The audit target of a command on --port at --baud. */
export function portTarget(device: DiagnosisTarget['device'], command: string, args: {port: unknown; baud?: unknown}): DiagnosisTarget {
	return {device, devicePath: String(args.port), command, baud: Number(args.baud)};
}

/** A technician's subcommand over a device: options, usage checks, the recorded device work, the output. */
export function diagnosedCommand<A extends GlobalArgs & {port: string; baud?: number}, R, P = undefined>(kit: DeviceKit<A>, spec: DiagnosedCommand<A, P, R>): CommandModule<GlobalArgs, A> {
	return {
		command: spec.command,
		describe: spec.describe,
		builder: (y: Argv<GlobalArgs>) => (spec.options ? spec.options(kit.options(y)) : kit.options(y)),
		handler: (args) =>
			runHandler(args, async (ctx) => {
				resolveLink(kit.device, args, ctx.settings, {baud: kit.settingsBaud !== false, emulated: Boolean((args as {emulate?: unknown}).emulate)});
				const prepared = spec.prepare?.(ctx, args) as P;
				const target = spec.target?.(args, prepared) ?? portTarget(kit.device, `${kit.device} ${spec.command}`, args);
				const result = await diagnose(ctx, target, (note, record) => spec.run({ctx, args, prepared, note, record}));
				return spec.print?.(ctx, args, result, prepared);
			}),
	};
}
