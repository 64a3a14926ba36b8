/**
 * The doctor's checks of the reader and the camera, on the ports and speeds the console opens
 * them with (the readerPort/readerBaud and cameraPort/cameraBaud settings, as `devices … probe`).
 * Each probe is a device diagnosis like `devices … probe` and recorded as one (`device.diagnose`,
 * command "doctor"); when the audit log cannot take it (a console holds it, and with it the
 * ports), the device is reported as not checked rather than touched unrecorded.
 */
import {DeviceError} from '../../src/core/errors.js';
import {finding, type Finding} from '../../src/core/doctor/findings.js';
import {errorTexts} from '../../src/i18n/errors.js';
import {DEFAULT_CHUNK_SIZE} from '../../devices/camera/driver.js';
import type {CommandContext} from '../context.js';
import {diagnose} from '../devices/audit.js';
import {withCamera} from '../devices/camera.js';
import {withReader} from '../devices/idreader.js';
import {DEVICE_SETTINGS} from '../devices/shared.js';

type Device = keyof typeof DEVICE_SETTINGS;

const CHECK: Record<Device, string> = {idreader: 'device.reader', camera: 'device.camera'};

async function probe(ctx: CommandContext, device: Device, port: string, baud: number): Promise<string> {
	return diagnose(ctx, {device, devicePath: port, command: `${device} doctor`, baud}, async (note) => {
		const detail =
			device === 'idreader'
				? await withReader(ctx, {port, baud, raw: false}, false, async (reader) => {
						await reader.samStatus();
						return `SAM ${await reader.samId()}`;
					})
				: await withCamera(ctx, {port, baud, chunkSize: DEFAULT_CHUNK_SIZE, raw: false}, ({camera}) => camera.version());
		note.details['detail'] = detail;
		return detail;
	});
}

export async function checkDevices(ctx: CommandContext): Promise<Finding[]> {
	const findings: Finding[] = [];
	let refused: Finding['params'] | undefined;
	for (const device of ['idreader', 'camera'] as const) {
		const keys = DEVICE_SETTINGS[device];
		const port = ctx.settings[keys.port];
		const baud = ctx.settings[keys.baud];
		const check = CHECK[device];
		if (!port) {
			findings.push(finding(check, 'warn', 'device.unset', {key: keys.port}));
			continue;
		}
		// The audit log refused the first probe: it refuses the second for the same reason.
		if (refused) {
			findings.push(finding(check, 'warn', 'device.notProbed', refused));
			continue;
		}
		try {
			findings.push(finding(check, 'ok', 'device.ok', {port, baud, detail: await probe(ctx, device, port, baud)}));
		} catch (error) {
			if (error instanceof DeviceError) findings.push(finding(check, 'fail', 'device.fail', {port, baud, reason: errorTexts(error)}, 4));
			else {
				refused = {reason: errorTexts(error)};
				findings.push(finding(check, 'warn', 'device.notProbed', refused));
			}
		}
	}
	return findings;
}
