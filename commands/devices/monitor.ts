/**
 * `tongban devices monitor --port P`: a live log of protocol frames for a technician. One line per
 * frame: time, direction (inferred: a two-byte body that is a known command came from the host),
 * command or SW3 name, length and whether the checksum held. Rejected frames are listed too, each
 * kind with its own name and note; a frame cut off (silence inside it) is rejected:stale.
 * Card data is never printed: only names and lengths.
 */
import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import {staleGapFor} from '../../devices/idreader/driver.js';
import {FrameScanner, StaleWatch, type Rejection} from '../../devices/idreader/parser.js';
import {commandName, sw3Info} from '../../devices/idreader/protocol.js';
import type {CommandContext, GlobalArgs} from '../context.js';
import {openerFor} from './emulate-opener.js';
import {diagnosedCommand, dt, linkOptions, parseBaud, portTarget, type PortArgs} from './shared.js';

interface MonitorArgs extends PortArgs {
	seconds?: number;
}

interface FrameLogLine {
	time: string;
	direction: 'host' | 'reader' | '?';
	name: string;
	length: number;
	checksumOk: boolean;
	note?: string;
}

function clock(date: Date): string {
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds(), 3)}`;
}

/** Describes one whole frame (checksum already verified by the scanner). */
function describeFrame(frame: Buffer, now: Date, lang: Lang): FrameLogLine {
	const body = frame.subarray(7, frame.length - 1);
	const command = body.length === 2 ? commandName(body[0]!, body[1]!) : undefined;
	if (command) return {time: clock(now), direction: 'host', name: command, length: frame.length, checksumOk: true};
	const sw3 = body[2];
	if (sw3 === undefined) return {time: clock(now), direction: '?', name: '?', length: frame.length, checksumOk: true};
	const info = sw3Info(sw3);
	return {time: clock(now), direction: 'reader', name: `SW3 ${sw3.toString(16).toUpperCase().padStart(2, '0')} ${info.name}`, length: frame.length, checksumOk: true, note: info[lang]};
}

/** A rejected frame, with what happened in the technician's language (a cut-off frame names the silence). */
function describeRejection(rejection: Rejection, now: Date, lang: Lang, staleGapMs: number): FrameLogLine {
	return {
		time: clock(now),
		direction: '?',
		name: `rejected:${rejection.reason}`,
		length: rejection.bytes.length,
		checksumOk: rejection.reason !== 'checksum',
		note: dt(lang)(`monitor.rejected.${rejection.reason}`, {gap: staleGapMs}),
	};
}

function formatLine(line: FrameLogLine): string {
	const chk = line.name.startsWith('rejected:') ? (line.checksumOk ? '-' : 'BAD') : 'ok';
	return `${line.time.padEnd(16)}${line.direction.padEnd(8)}${line.name.padEnd(24)}${String(line.length).padEnd(6)}${chk}${line.note ? `  ${line.note}` : ''}`;
}

export function devicesMonitorCommand(lang: Lang): CommandModule<GlobalArgs, MonitorArgs> {
	const t = dt(lang);
	const kit = {device: 'idreader', options: (y: Argv<GlobalArgs>) => linkOptions<MonitorArgs>(y, t, {raw: false})} as const;
	return diagnosedCommand(kit, {
		command: 'monitor',
		describe: t('cmd.devices.monitor'),
		options: (y) => y.option('seconds', {type: 'number', describe: t('opt.seconds')}),
		target: (args) => portTarget('idreader', 'monitor', args),
		run: async ({ctx, args, note}) => {
			Object.assign(note.details, await monitor(ctx, args));
		},
	});
}

/** Runs until --seconds, a signal or the port closing; returns the frame counts (for the audit). */
async function monitor(ctx: CommandContext, args: MonitorArgs): Promise<Record<string, number>> {
	const t = dt(ctx.lang);
	const baudRate = parseBaud(ctx.lang, args.baud);
	const port = String(args.port);
	const emit = (line: FrameLogLine) => ctx.out(ctx.json ? JSON.stringify(line) : formatLine(line));
	// The driver's gap for this line speed: what the monitor calls cut off, the driver drops too.
	const staleGapMs = staleGapFor(baudRate);
	const scanner = new FrameScanner({
		onReject: (r) => emit(describeRejection(r, new Date(), ctx.lang, staleGapMs)),
		onFrame: (frame) => emit(describeFrame(frame, new Date(), ctx.lang)),
	});
	// Frames a drop finds are logged through onFrame.
	const staleWatch = new StaleWatch(scanner, {gapMs: staleGapMs});
	const {notFound} = await import('../../devices/idreader/errors.js');
	let link;
	try {
		link = await (await openerFor(ctx.lang, port, baudRate))(port, {baudRate});
	} catch (error) {
		throw notFound(port, error);
	}
	if (!ctx.json) {
		ctx.err(t('monitor.start', {port, baud: baudRate}));
		ctx.out(t('monitor.head'));
	}
	link.onData((chunk) => {
		staleWatch.beforeBytes();
		scanner.push(chunk);
		staleWatch.poke();
	});
	await new Promise<void>((resolve) => {
		const done = () => {
			process.off('SIGINT', done);
			process.off('SIGTERM', done);
			if (timer) clearTimeout(timer);
			resolve();
		};
		const timer = args.seconds !== undefined ? setTimeout(done, Math.max(0, args.seconds) * 1000) : undefined;
		process.once('SIGINT', done);
		process.once('SIGTERM', done);
		link.onClose(done);
	});
	staleWatch.stop();
	await link.close();
	const s = scanner.stats;
	const counts = {frames: s.frames, garbage: s.garbageBytes, checksum: s.badChecksum, length: s.badLength, stale: s.stale};
	ctx.err(t('monitor.summary', counts));
	return {frames: s.frames, garbageBytes: s.garbageBytes, badChecksum: s.badChecksum, badLength: s.badLength, stale: s.stale, seconds: args.seconds ?? -1};
}
