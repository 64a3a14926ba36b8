/**
 * Helpers shared by the device commands: the default port, option parsing, the commands' texts.
 */
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {devicesText, type DevicesMessageKey} from '../../src/i18n/devices.js';
import {BAUD_RATES, type BaudRate} from '../../devices/idreader/protocol.js';
import type {GlobalArgs} from '../context.js';

export interface PortArgs extends GlobalArgs {
	port: string;
	baud: number;
}

/** Default port: TONGBAN_IDREADER_PORT, else the usual USB-serial adapter path. */
export function defaultPort(env: NodeJS.ProcessEnv = process.env): string {
	return env.TONGBAN_IDREADER_PORT || '/dev/ttyUSB0';
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
