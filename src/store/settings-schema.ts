/**
 * The settings table: every key, its type, default, how a typed string becomes a value and why
 * a value is refused. One table drives `config get|set|list|restore` and the strict read every
 * command and the console start from (settings-check.ts).
 */
import type {Lang} from '../core/lang.js';

export interface Settings {
	lang: Lang;
	/** Hub base URL; empty means not set (the console then opens only with --demo). */
	hubUrl: string;
	terminalId: string;
	branchCode: string;
	branchName: string;
	/** A catalog directory to load instead of the built-in demo catalog. */
	catalogDir: string;
	/** Draw only ASCII (for terminals that render ambiguous-width characters wide). */
	asciiOnly: boolean;
	/** 'monochrome': the console draws no colour (as with the NO_COLOR environment variable). */
	theme: 'color' | 'monochrome';
	idleLockMinutes: number;
	/** Days after the hub accepted a case before its local drafts and captures are purged. */
	retentionDays: number;
	/**
	 * Hours after the hub received a case before its paper originals, not yet shipped, show as due
	 * in the work queue (资料流转, docs/return-trips.md); 0: due at once.
	 */
	shipWithinHours: number;
	/**
	 * Prints a receipt: a program and its arguments (no shell), e.g. `lp -d counter1`. The receipt
	 * text goes to its standard input, or replaces `{file}` with the receipt file's path. Empty:
	 * no printer (receipts are still saved as text files).
	 */
	receiptPrintCommand: string;
	/**
	 * The receipt printer's device, written to directly instead of running receiptPrintCommand: a
	 * serial printer (/dev/ttyS0, /dev/ttyUSB0: opened at receiptPrinterBaud) or a USB printer
	 * class file (/dev/usb/lp0: written as a file). Empty: the print command, if any.
	 */
	receiptPrinter: string;
	receiptPrinterBaud: number;
	/** What a printer gets: 'text' (the receipt text, UTF-8, as saved) or 'escpos' (ESC/POS bytes: GB18030, the printer's QR code, cut). */
	receiptFormat: 'text' | 'escpos';
	/** The ID card reader's serial port, e.g. /dev/ttyUSB0; empty: no reader (the demo has its emulator). */
	readerPort: string;
	readerBaud: number;
	/** The document camera's serial port; empty: no camera (the demo has its emulator). */
	cameraPort: string;
	cameraBaud: number;
	/**
	 * How a capture is verified: 'decode' (reported length, JPEG markers and structure, a full
	 * decode: about the wire time) or 'reread' (also every chunk read twice and compared: twice
	 * the wire time, and a bit flipped on the line is never kept). See docs/technician-guide.md.
	 */
	cameraVerify: 'behind' | 'decode' | 'reread';
	/** The operations log's level (docs/operations.md#logs); 'off' writes none. The audit is not affected. */
	logLevel: 'debug' | 'info' | 'warn' | 'error' | 'off';
}

export type SettingKey = keyof Settings;

export interface Reason {
	'zh-CN': string;
	en: string;
}

interface KeySpec<V> {
	default: V;
	/** What a valid value looks like, for errors about a typed value or a value in the file. */
	reason: Reason;
	/** Parses a string typed on the command line; returns the key's reason when invalid. */
	parse(input: string): {value: V} | {reason: Reason};
	/** Validates a value read from the file. */
	check(value: unknown): value is V;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Serial speeds the reader and the camera support (docs/devices.md#line-settings,
 * docs/devices.md#line-speed-and-wire-time).
 */
const BAUDS = [9600, 19200, 38400, 57600, 115200] as const;

function baudKey(): KeySpec<number> {
	const reason = {'zh-CN': `应为以下波特率之一：${BAUDS.join('、')}`, en: `must be one of ${BAUDS.join(', ')}`};
	return {
		default: 115200,
		reason,
		parse: (input) => {
			const n = Number(input);
			return (BAUDS as readonly number[]).includes(n) ? {value: n} : {reason};
		},
		check: (v): v is number => (BAUDS as readonly unknown[]).includes(v),
	};
}

/** A device path (or empty for none): one line, no spaces around. */
const DEVICE_PATH = /^(|\S(.*\S)?)$/;

function stringKey(def: string, pattern: RegExp, zh: string, en: string, maxLength = 200): KeySpec<string> {
	const reason = {'zh-CN': zh, en};
	return {
		default: def,
		reason,
		parse: (input) => (pattern.test(input) && input.length <= maxLength ? {value: input} : {reason}),
		check: (v): v is string => isString(v) && pattern.test(v) && v.length <= maxLength,
	};
}

/** A whole number from `min` to `max`, typed in digits (`1e2`, `0x10` and `10.0` are not). */
function wholeNumberKey(def: number, min: number, max: number, zhUnit: string, enUnit: string): KeySpec<number> {
	const reason = {'zh-CN': `应为 ${min} 到 ${max} 之间的整数（${zhUnit}）`, en: `must be a whole number of ${enUnit} from ${min} to ${max}`};
	const check = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
	return {
		default: def,
		reason,
		parse: (input) => {
			const n = /^\d{1,6}$/.test(input.trim()) ? Number(input.trim()) : Number.NaN;
			return check(n) ? {value: n} : {reason};
		},
		check,
	};
}

function isCameraVerify(v: unknown): v is 'behind' | 'decode' | 'reread' {
	return v === 'behind' || v === 'decode' || v === 'reread';
}

export const SETTINGS: {[K in SettingKey]: KeySpec<Settings[K]>} = {
	lang: {
		default: 'zh-CN',
		reason: {'zh-CN': '只能是 zh-CN 或 en', en: 'must be zh-CN or en'},
		parse: (input) => (input === 'zh-CN' || input === 'en' ? {value: input} : {reason: SETTINGS.lang.reason}),
		check: (v): v is Lang => v === 'zh-CN' || v === 'en',
	},
	hubUrl: {
		default: '',
		reason: {'zh-CN': '应为 http:// 或 https:// 开头的完整网址（留空表示未设置）', en: 'must be a full http:// or https:// URL (empty: not set)'},
		parse: (input) => {
			const url = hubUrl(input);
			return url === undefined ? {reason: SETTINGS.hubUrl.reason} : {value: url};
		},
		// The same rule as a typed value: "hub.example" or "http://" in the file is refused, not
		// taken for "no hub" (which would quietly change where cases go).
		check: (v): v is string => isString(v) && hubUrl(v) !== undefined,
	},
	terminalId: stringKey('T-DEMO-0001', /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, '应为 1 到 32 位字母、数字或连字符', 'must be 1 to 32 letters, digits or hyphens'),
	branchCode: stringKey('440305001', /^\d{6,12}$/, '应为 6 到 12 位数字', 'must be 6 to 12 digits'),
	branchName: stringKey('演示网点', /^\S.{0,39}$/u, '应为 1 到 40 个字符，且不以空格开头', 'must be 1 to 40 characters, not starting with a space', 40),
	catalogDir: stringKey('', /^.*$/, '应为目录路径', 'must be a directory path', 1000),
	asciiOnly: {
		default: false,
		reason: {'zh-CN': '应为 true 或 false', en: 'must be true or false'},
		parse: (input) =>
			['true', '1', 'yes', 'on'].includes(input)
				? {value: true}
				: ['false', '0', 'no', 'off'].includes(input)
					? {value: false}
					: {reason: SETTINGS.asciiOnly.reason},
		check: (v): v is boolean => typeof v === 'boolean',
	},
	theme: {
		default: 'color',
		reason: {'zh-CN': '只能是 color 或 monochrome', en: 'must be color or monochrome'},
		parse: (input) => (input === 'color' || input === 'monochrome' ? {value: input} : {reason: SETTINGS.theme.reason}),
		check: (v): v is 'color' | 'monochrome' => v === 'color' || v === 'monochrome',
	},
	idleLockMinutes: wholeNumberKey(10, 1, 240, '分钟', 'minutes'),
	retentionDays: wholeNumberKey(30, 1, 3650, '天', 'days'),
	shipWithinHours: wholeNumberKey(24, 0, 720, '小时', 'hours'),
	receiptPrintCommand: stringKey('', /^[^\n\r]*$/, '应为一行命令，例如 lp -d counter1（留空表示不打印）', 'must be one command line, e.g. lp -d counter1 (empty: no printer)', 500),
	receiptPrinter: stringKey('', DEVICE_PATH, '应为打印机设备路径，例如 /dev/ttyS0 或 /dev/usb/lp0（留空表示用打印命令）', 'must be a printer device path, e.g. /dev/ttyS0 or /dev/usb/lp0 (empty: the print command)', 200),
	// Serial receipt printers ship at 9600 or 19200 baud far more often than at the readers' 115200.
	receiptPrinterBaud: {...baudKey(), default: 9600},
	receiptFormat: {
		default: 'text',
		reason: {'zh-CN': '只能是 text 或 escpos', en: 'must be text or escpos'},
		parse: (input) => (input === 'text' || input === 'escpos' ? {value: input} : {reason: SETTINGS.receiptFormat.reason}),
		check: (v): v is 'text' | 'escpos' => v === 'text' || v === 'escpos',
	},
	readerPort: stringKey('', DEVICE_PATH, '应为串口设备路径，例如 /dev/ttyUSB0（留空表示不接读卡器）', 'must be a serial device path, e.g. /dev/ttyUSB0 (empty: no reader)', 200),
	readerBaud: baudKey(),
	cameraPort: stringKey('', DEVICE_PATH, '应为串口设备路径，例如 /dev/ttyUSB1（留空表示不接高拍仪）', 'must be a serial device path, e.g. /dev/ttyUSB1 (empty: no camera)', 200),
	cameraBaud: baudKey(),
	cameraVerify: {
		default: 'behind',
		reason: {'zh-CN': '只能是 behind、decode 或 reread', en: 'must be behind, decode or reread'},
		parse: (input) => (isCameraVerify(input) ? {value: input} : {reason: SETTINGS.cameraVerify.reason}),
		check: isCameraVerify,
	},
	logLevel: {
		default: 'info',
		reason: {'zh-CN': '只能是 debug、info、warn、error 或 off', en: 'must be debug, info, warn, error or off'},
		parse: (input) => (isLogLevelSetting(input) ? {value: input} : {reason: SETTINGS.logLevel.reason}),
		check: isLogLevelSetting,
	},
};

function isLogLevelSetting(v: unknown): v is Settings['logLevel'] {
	return v === 'debug' || v === 'info' || v === 'warn' || v === 'error' || v === 'off';
}

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
	return Object.hasOwn(SETTINGS, key);
}

export function defaultSettings(): Settings {
	const out: Record<string, unknown> = {};
	for (const key of SETTING_KEYS) out[key] = SETTINGS[key].default;
	return out as unknown as Settings;
}

/**
 * The stored values that pass their check over the defaults. Only for what must go on while the
 * file is being repaired (the terminal id an audit entry of `config set`/`restore` carries), never
 * for running on: a command or the console given a broken file stops (settings-check.ts).
 */
export function usableSettings(stored: Record<string, unknown>): Settings {
	const settings = defaultSettings() as unknown as Record<string, unknown>;
	for (const key of SETTING_KEYS) {
		if (Object.hasOwn(stored, key) && (SETTINGS[key] as KeySpec<unknown>).check(stored[key])) settings[key] = stored[key];
	}
	return settings as unknown as Settings;
}

/** A hub URL as stored (no trailing slash), or undefined when it is not an http(s) URL. Empty is "not set". */
function hubUrl(input: string): string | undefined {
	if (input === '') return '';
	if (input.length > 500 || !/^https?:\/\//i.test(input)) return undefined;
	try {
		const url = new URL(input);
		if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '') return url.toString().replace(/\/$/, '');
	} catch {
		// not a URL: undefined below
	}
	return undefined;
}
