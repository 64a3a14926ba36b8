/**
 * `tongban devices list`: serial ports with manufacturer and USB ids. On Linux serialport asks
 * udevadm; in containers it is missing and list() fails with "spawn udevadm ENOENT": that becomes
 * a clear message and exit 4, not a crash.
 */
import type {Argv, CommandModule} from 'yargs';
import {DeviceError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {displayWidth, padEndToWidth} from '../../src/text/width.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {dt} from './shared.js';
import {systemReason} from '../../src/core/reasons.js';

interface PortInfoLike {
	path: string;
	manufacturer?: string | undefined;
	vendorId?: string | undefined;
	productId?: string | undefined;
	serialNumber?: string | undefined;
}

export type ListPorts = () => Promise<PortInfoLike[]>;

const realList: ListPorts = async () => (await import('serialport')).SerialPort.list();

function listFailure(error: unknown): DeviceError {
	// The library's own words (English) go to the details; the message names the cause.
	const detail = error instanceof Error ? error.message : String(error);
	if (/udevadm/.test(detail) && /ENOENT/.test(detail)) return new DeviceError('devices_list_unavailable', {}, {reason: 'udevadm_missing', detail});
	return new DeviceError('devices_list_failed', {reason: systemReason(error)}, {detail});
}

export function devicesListCommand(lang: Lang, listPorts: ListPorts = realList): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'list',
		describe: dt(lang)('cmd.devices.list'),
		builder: (y: Argv<GlobalArgs>) => y,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const t = dt(ctx.lang);
				const ports = await listPorts().catch((error: unknown) => {
					throw listFailure(error);
				});
				const rows = ports.map((p) => ({
					path: p.path,
					manufacturer: p.manufacturer ?? '',
					vendorId: p.vendorId ?? '',
					productId: p.productId ?? '',
				}));
				if (ctx.json) {
					ctx.out(JSON.stringify({ports: rows}, null, 2));
					return;
				}
				if (rows.length === 0) {
					ctx.err(t('list.none'));
					return;
				}
				const table = [[t('list.head.path'), t('list.head.manufacturer'), t('list.head.vendor'), t('list.head.product')], ...rows.map((r) => [r.path, r.manufacturer, r.vendorId, r.productId])];
				const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => displayWidth(row[i]!))));
				for (const row of table) ctx.out(row.map((cell, i) => (i === row.length - 1 ? cell : padEndToWidth(cell, widths[i]!))).join('  ').trimEnd());
			}),
	};
}
