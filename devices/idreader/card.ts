/**
 * The card's 256-byte text block (UTF-16LE, space-padded fields) for the four kinds of card the
 * readers handle, the read reply's length-prefixed sections, and the photo kept as raw bytes.
 * Text is only decoded from a complete frame: a UTF-16 code unit split across serial chunks
 * would otherwise turn into garbage.
 */
import {createHash} from 'node:crypto';
import {ethnicityName, sexName} from './codes.js';
import {LONG_TERM} from '../../src/core/identity/card.js';
import type {CardKind, IdCard, Photo} from '../../src/core/identity/id-card.js';

export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const ADDRESS_BYTES = 70;
const KIND_MARKER_OFFSET = 248;


/** Field positions in bytes: [offset, length]. Shared by the decoder and the emulator's encoder. */
export type Layout = Readonly<Record<string, readonly [number, number]>>;

const RESIDENT_FIELDS = {
	name: [0, 30],
	sex: [30, 2],
	ethnicity: [32, 4],
	birthDate: [36, 16],
	address: [52, 70],
	number: [122, 36],
	issuer: [158, 30],
	validFrom: [188, 16],
	validUntil: [204, 16],
} as const;

export const LAYOUTS = {
	resident: RESIDENT_FIELDS,
	hkmotw: {
		...RESIDENT_FIELDS,
		passNumber: [220, 18],
		issueCount: [238, 4],
		marker: [248, 2],
	},
	foreign2017: {
		englishName: [0, 120],
		sex: [120, 2],
		number: [122, 30],
		nationality: [152, 6],
		name: [158, 30],
		validFrom: [188, 16],
		validUntil: [204, 16],
		birthDate: [220, 16],
		cardVersion: [236, 4],
		authorityCode: [240, 8],
		marker: [248, 2],
	},
	foreign2023: {
		name: [0, 30],
		sex: [30, 2],
		renewalCount: [32, 4],
		birthDate: [36, 16],
		englishName: [52, 70],
		number: [122, 36],
		validFrom: [188, 16],
		validUntil: [204, 16],
		englishNameRest: [220, 22],
		nationality: [242, 6],
		marker: [248, 2],
	},
} as const satisfies Record<CardKind, Layout>;

export const KIND_MARKERS: Readonly<Record<CardKind, string>> = {resident: '', hkmotw: 'J', foreign2017: 'I', foreign2023: 'Y'};

/** UTF-16LE text of a field, without the space / NUL padding. */
export function decodeField(bytes: Uint8Array): string {
	const even = bytes.length - (bytes.length % 2);
	return Buffer.from(bytes.buffer, bytes.byteOffset, even).toString('utf16le').replace(/[\s\u0000]+$/u, '').replace(/^[\s\u0000]+/u, '');
}

export function cardKindOf(text: Uint8Array): CardKind | undefined {
	const marker = decodeField(text.subarray(KIND_MARKER_OFFSET, KIND_MARKER_OFFSET + 2));
	if (marker === '') return 'resident';
	if (marker === 'J') return 'hkmotw';
	if (marker === 'I') return 'foreign2017';
	if (marker === 'Y') return 'foreign2023';
	return undefined;
}

function fields(text: Uint8Array, layout: Layout): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, [offset, length]] of Object.entries(layout)) out[key] = decodeField(text.subarray(offset, offset + length));
	return out;
}

/** YYYYMMDD → YYYY-MM-DD; other text (including an empty field) is kept as it is. */
function isoDate(yyyymmdd: string): string {
	return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : yyyymmdd;
}

function validUntil(text: string): string {
	return text === '长期' ? LONG_TERM : isoDate(text);
}

function photoOf(bytes: Uint8Array): Photo {
	const copy = Buffer.from(bytes);
	return {bytes: copy, sha256: createHash('sha256').update(copy).digest('hex')};
}

export class CardFormatError extends Error {
	override name = 'CardFormatError';
}

/** Decodes a 256-byte text block; throws CardFormatError for a wrong size or an unknown marker. */
export function decodeText(text: Uint8Array, photo: Uint8Array): IdCard {
	if (text.length !== TEXT_BYTES) throw new CardFormatError(`text block is ${text.length} bytes, expected ${TEXT_BYTES}`);
	const kind = cardKindOf(text);
	if (!kind) throw new CardFormatError(`unknown card type marker at offset ${KIND_MARKER_OFFSET}`);
	const f = fields(text, LAYOUTS[kind]);
	const base = {
		kind,
		name: f.name ?? '',
		sex: sexName(f.sex ?? ''),
		birthDate: isoDate(f.birthDate ?? ''),
		number: (f.number ?? '').toUpperCase(),
		validFrom: isoDate(f.validFrom ?? ''),
		validUntil: validUntil(f.validUntil ?? ''),
		photo: photoOf(photo),
		textSha256: createHash('sha256').update(text).digest('hex'),
	};
	switch (kind) {
		case 'resident':
			return {...base, ethnicity: ethnicityName(f.ethnicity ?? ''), address: f.address ?? '', issuer: f.issuer ?? ''};
		case 'hkmotw':
			return {...base, address: f.address ?? '', issuer: f.issuer ?? '', passNumber: f.passNumber ?? '', issueCount: f.issueCount ?? ''};
		case 'foreign2017':
			return {
				...base,
				englishName: f.englishName ?? '',
				nationality: f.nationality ?? '',
				cardVersion: f.cardVersion ?? '',
				authorityCode: f.authorityCode ?? '',
			};
		case 'foreign2023': {
			// The English name runs over two fields; the second continues the first without a separator.
			const englishName = `${f.englishName ?? ''}${f.englishNameRest ?? ''}`.trim();
			return {...base, englishName, nationality: f.nationality ?? '', renewalCount: f.renewalCount ?? ''};
		}
	}
}

export interface ReadSections {
	text: Buffer;
	photo: Buffer;
	fingerprint?: Buffer;
}

/**
 * Splits the data of a 30 01 / 30 10 reply (after SW1..SW3): big-endian lengths of text, photo
 * (and fingerprint), then the sections in that order.
 */
export function splitReadData(data: Buffer, withFingerprint: boolean): ReadSections {
	const headerBytes = withFingerprint ? 6 : 4;
	if (data.length < headerBytes) throw new CardFormatError(`read reply too short: ${data.length} bytes`);
	const textLen = data.readUInt16BE(0);
	const photoLen = data.readUInt16BE(2);
	const fpLen = withFingerprint ? data.readUInt16BE(4) : 0;
	if (headerBytes + textLen + photoLen + fpLen !== data.length) {
		throw new CardFormatError(`read reply lengths (${textLen}+${photoLen}+${fpLen}) do not match ${data.length - headerBytes} data bytes`);
	}
	const text = data.subarray(headerBytes, headerBytes + textLen);
	const photo = data.subarray(headerBytes + textLen, headerBytes + textLen + photoLen);
	const sections: ReadSections = {text: Buffer.from(text), photo: Buffer.from(photo)};
	if (withFingerprint && fpLen > 0) sections.fingerprint = Buffer.from(data.subarray(headerBytes + textLen + photoLen));
	return sections;
}

export function decodeReadData(data: Buffer, withFingerprint: boolean): IdCard {
	const sections = splitReadData(data, withFingerprint);
	const card = decodeText(sections.text, sections.photo);
	if (sections.fingerprint) card.fingerprint = sections.fingerprint;
	return card;
}

/** Formats the 16 data bytes of a 12 FF reply like vendors do: 05.01-20101112-0012345678-1234567890. */
export function formatSamId(data: Buffer): string {
	if (data.length < 16) throw new CardFormatError(`SAM ID reply has ${data.length} data bytes, expected 16`);
	const a = data.readUInt16LE(0);
	const b = data.readUInt16LE(2);
	const c = data.readUInt32LE(4);
	const d = data.readUInt32LE(8);
	const e = data.readUInt32LE(12);
	return `${pad(a, 2)}.${pad(b, 2)}-${pad(c, 8)}-${pad(d, 10)}-${pad(e, 10)}`;
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}
