/**
 * `tongban doctor --bundle FILE`: a redacted diagnostic archive for support, a gzip-compressed
 * POSIX tar (ustar) of plain text and JSON files under one folder. Why tar.gz: one attachment a
 * support desk opens with what it already has (`tar xzf` on Linux and macOS, Windows 10 and later,
 * 7-Zip), each part readable in any editor or `jq`, and written here with node:zlib and a
 * 512-byte header per file (no dependency).
 *
 * What goes in, and how each part is kept free of personal data:
 * - report.json: the findings (their values are counts, codes and data-folder paths; the paths and
 *   every other text value pass through maskFreeText), with the message in zh-CN and en;
 * - settings.json: the settings by key; secrets removed (a hub URL's user, password, query and
 *   fragment; the print command's arguments); device and catalog paths masked; keys of a
 *   broken file named, their values left out;
 * - files.tsv: the data folder's entries with type, mode, size and time, names masked;
 * - audit-tail.ndjson: the last entries of the audit log, every key and text value masked (the
 *   log holds masked numbers and digests already; this also covers an entry forged into it);
 * - environment.json: Node, platform, time zone, locale; whether a hub token and a proxy are set,
 *   never their values.
 * Nothing is copied from drafts, captures, receipts, the case index or the outbox.
 */
import {constants as fsConstants} from 'node:fs';
import {open} from 'node:fs/promises';
import {gzipSync} from 'node:zlib';
import {InputError} from '../../src/core/errors.js';
import {maskFreeText, type Finding} from '../../src/core/doctor/findings.js';
import {systemReason} from '../../src/core/reasons.js';
import type {AuditEntry} from '../../src/core/audit/model.js';
import type {SettingsInspection} from '../../src/store/settings-check.js';
import {SETTING_KEYS, isSettingKey, type Settings} from '../../src/store/settings-schema.js';
import type {ListedFile} from './local.js';

/** Any JSON value with every key and string masked (numbers, booleans and null stay). */
function maskDeep(value: unknown): unknown {
	if (typeof value === 'string') return maskFreeText(value);
	if (Array.isArray(value)) return value.map(maskDeep);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskFreeText(k), maskDeep(v)]));
	return value;
}

function redactHubUrl(raw: string): string {
	if (!raw) return '';
	try {
		const url = new URL(raw);
		const hidden = Boolean(url.username || url.password || url.search || url.hash);
		url.username = '';
		url.password = '';
		url.search = '';
		url.hash = '';
		return `${maskFreeText(url.toString().replace(/\/$/, ''))}${hidden ? ' [credentials, query or fragment removed]' : ''}`;
	} catch {
		return '[not a URL, not included]';
	}
}

/**
 * A finding's values for the bundle: text masked; a worded reason (it may quote a path or a port)
 * kept in its English form only, masked, for both languages.
 */
export function maskedParams(params: Finding['params']): Finding['params'] {
	const out: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(params)) {
		if (value === undefined) continue;
		if (typeof value === 'number') out[key] = value;
		else if (typeof value === 'string') out[key] = maskFreeText(value);
		else if ('en' in value) out[key] = maskFreeText(value.en);
	}
	return out;
}

/** The settings as support may see them. */
export function redactedSettings(inspection: SettingsInspection, usable: Settings): Record<string, unknown> {
	const stored = inspection.state === 'ok' || inspection.state === 'keys' ? inspection.stored : {};
	const bad = new Set(inspection.state === 'keys' ? inspection.problems.map((p) => p.key) : []);
	const settings: Record<string, unknown> = {};
	for (const key of SETTING_KEYS) {
		if (bad.has(key)) {
			settings[key] = '[invalid, value not included]';
			continue;
		}
		const value = usable[key];
		if (key === 'hubUrl') settings[key] = redactHubUrl(String(value));
		else if (key === 'receiptPrintCommand') {
			const [program = '', ...rest] = String(value).split(/\s+/).filter(Boolean);
			settings[key] = program ? `${maskFreeText(program)}${rest.length > 0 ? ` [${rest.length} arguments removed]` : ''}` : '';
		} else settings[key] = typeof value === 'string' ? maskFreeText(value) : value;
	}
	return {
		state: inspection.state,
		...(inspection.state === 'file' ? {problem: inspection.problem.kind} : {}),
		fromFile: Object.keys(stored).filter(isSettingKey),
		unknownKeys: Object.keys(stored).filter((k) => !isSettingKey(k)).map(maskFreeText),
		settings,
	};
}

export interface BundleParts {
	/** Built from masked values already (maskedParams): its messages are the templates' own words. */
	report: {findings: Array<Finding & {message: {'zh-CN': string; en: string}}>; exitCode: number; generatedAt: string; terminalId: string};
	settings: Record<string, unknown>;
	listing: readonly ListedFile[];
	auditTail: readonly AuditEntry[];
	environment: Record<string, unknown>;
}

/** The archive's files, each already redacted: name → text. */
export function bundleFiles(parts: BundleParts): Array<[string, string]> {
	const files = parts.listing.map((f) => [f.path.split('/').map(maskFreeText).join('/'), f.type, f.mode, String(f.size), f.mtime].join('\t'));
	return [
		['report.json', `${JSON.stringify(parts.report, null, 2)}\n`],
		['settings.json', `${JSON.stringify(parts.settings, null, 2)}\n`],
		['files.tsv', `${['path', 'type', 'mode', 'size', 'mtime'].join('\t')}\n${files.map((l) => `${l}\n`).join('')}`],
		['audit-tail.ndjson', parts.auditTail.map((e) => `${JSON.stringify(maskDeep(e))}\n`).join('')],
		['environment.json', `${JSON.stringify(maskDeep(parts.environment), null, 2)}\n`],
	];
}

/** One ustar header (POSIX.1-1988): name, mode, sizes and times in octal, the checksum over the header. */
function tarHeader(name: string, size: number, mtime: Date, type: '0' | '5'): Buffer {
	const header = Buffer.alloc(512);
	const put = (text: string, offset: number, length: number) => header.write(text, offset, length, 'utf8');
	const num = (n: number, offset: number, length: number) => put(`${n.toString(8).padStart(length - 1, '0')}\0`, offset, length);
	if (Buffer.byteLength(name) > 100) throw new Error(`tar name too long: ${name}`);
	put(name, 0, 100);
	num(type === '5' ? 0o700 : 0o600, 100, 8);
	num(0, 108, 8);
	num(0, 116, 8);
	num(size, 124, 12);
	num(Math.floor(mtime.getTime() / 1000), 136, 12);
	header.fill(0x20, 148, 156);
	put(type, 156, 1);
	put('ustar\0', 257, 6);
	put('00', 263, 2);
	put('tongban', 265, 32);
	put('tongban', 297, 32);
	let sum = 0;
	for (const byte of header) sum += byte;
	put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
	return header;
}

export function tarGz(folder: string, files: ReadonlyArray<[string, string]>, mtime: Date): Buffer {
	const blocks: Buffer[] = [tarHeader(`${folder}/`, 0, mtime, '5')];
	for (const [name, text] of files) {
		const body = Buffer.from(text, 'utf8');
		blocks.push(tarHeader(`${folder}/${name}`, body.length, mtime, '0'), body, Buffer.alloc((512 - (body.length % 512)) % 512));
	}
	// The end of the archive: two zero blocks.
	blocks.push(Buffer.alloc(1024));
	return gzipSync(Buffer.concat(blocks));
}

/** Writes the archive readable by its owner only; an existing file is never overwritten. */
export async function writeBundle(file: string, bytes: Buffer): Promise<void> {
	let handle;
	try {
		handle = await open(file, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError('bundle_exists', {file}, {file});
		throw new InputError('write_failed', {file, reason: systemReason(error)}, {file});
	}
	try {
		await handle.writeFile(bytes);
		await handle.sync();
	} finally {
		await handle.close();
	}
}
