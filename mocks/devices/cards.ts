/**
 * Demo cards for the reader emulator: synthetic people (invented names, valid synthetic numbers
 * with real region codes and past birth dates), one of each card kind, one expired and one with
 * 长期 validity. The photo bytes are deterministic filler, not WLT data.
 */
import {createHash} from 'node:crypto';
import {ADDRESS_BYTES, KIND_MARKERS, LAYOUTS, PHOTO_BYTES, TEXT_BYTES} from '../../devices/idreader/card.js';
import {type CardKind} from '../../src/core/identity/id-card.js';
import {idCheckChar} from '../../src/core/identity/idnumber.js';

export interface DemoCard {
	/** Short name for --card. */
	id: string;
	kind: CardKind;
	/** Field values by layout key (see LAYOUTS); dates as YYYYMMDD, 长期 as the text. */
	fields: Record<string, string>;
	photo: Buffer;
	/** Fingerprint template bytes (1024 or 512), or none. */
	fingerprint?: Buffer;
	/** Newest appended address (30 03), or none (the reader answers 91). */
	appendedAddress?: string;
}

/** Completes 17 digits with their check character. */
function withCheck(first17: string): string {
	return first17 + idCheckChar(first17);
}

/** Deterministic filler bytes (SHA-256 chain), so photos and fingerprints differ per card. */
function fillerBytes(seed: string, length: number): Buffer {
	const out = Buffer.alloc(length);
	let block = createHash('sha256').update(seed).digest();
	for (let i = 0; i < length; i += block.length) {
		block.copy(out, i, 0, Math.min(block.length, length - i));
		block = createHash('sha256').update(block).digest();
	}
	return out;
}

/** Writes one UTF-16LE field, space-padded; throws when the value does not fit. */
function writeField(text: Buffer, offset: number, length: number, value: string): void {
	const bytes = Buffer.from(value, 'utf16le');
	if (bytes.length > length) throw new RangeError(`value "${value}" needs ${bytes.length} bytes, field has ${length}`);
	bytes.copy(text, offset);
}

/** The 256-byte text block of a card. */
export function encodeText(kind: CardKind, fields: Record<string, string>): Buffer {
	const text = Buffer.from(' '.repeat(TEXT_BYTES / 2), 'utf16le');
	const layout: Record<string, readonly [number, number]> = LAYOUTS[kind];
	const values: Record<string, string> = {...fields};
	if (kind === 'foreign2023' && values.englishName !== undefined) {
		// The English name overflows into a second field.
		const firstChars = layout.englishName![1] / 2;
		const full = values.englishName;
		values.englishName = full.slice(0, firstChars);
		values.englishNameRest = full.slice(firstChars);
	}
	if (KIND_MARKERS[kind]) values.marker = KIND_MARKERS[kind];
	for (const [key, value] of Object.entries(values)) {
		const place = layout[key];
		if (!place) throw new RangeError(`field "${key}" is not part of the ${kind} layout`);
		writeField(text, place[0], place[1], value);
	}
	return text;
}

export function encodeAddress(address: string): Buffer {
	const out = Buffer.from(' '.repeat(ADDRESS_BYTES / 2), 'utf16le');
	writeField(out, 0, ADDRESS_BYTES, address);
	return out;
}

function card(id: string, kind: CardKind, fields: Record<string, string>, extra: Partial<DemoCard> = {}): DemoCard {
	return {id, kind, fields, photo: fillerBytes(`photo:${id}`, PHOTO_BYTES), ...extra};
}

export const DEMO_CARDS: readonly DemoCard[] = [
	card(
		'resident',
		'resident',
		{
			name: '李明华',
			sex: '1',
			ethnicity: '01',
			birthDate: '19850312',
			address: '北京市朝阳区示例路18号院3号楼2单元501号',
			number: withCheck('11010519850312051'),
			issuer: '北京市公安局朝阳分局',
			validFrom: '20180601',
			validUntil: '20380601',
		},
		{fingerprint: fillerBytes('fp:resident', 1024), appendedAddress: '北京市海淀区演示街道9号楼1单元302号'},
	),
	card('expired', 'resident', {
		name: '王秀英',
		sex: '2',
		ethnicity: '03',
		birthDate: '19700805',
		address: '广东省深圳市南山区样例大道66号',
		number: withCheck('44030519700805032'),
		issuer: '深圳市公安局南山分局',
		validFrom: '20040110',
		validUntil: '20240110',
	}),
	card('longterm', 'resident', {
		name: '欧阳建国',
		sex: '1',
		ethnicity: '15',
		birthDate: '19560920',
		address: '四川省成都市武侯区模拟巷7号',
		number: withCheck('51010719560920113'),
		issuer: '成都市公安局武侯区分局',
		validFrom: '20120820',
		validUntil: '长期',
	}),
	card('hkmotw', 'hkmotw', {
		name: '陈嘉欣',
		sex: '2',
		birthDate: '19920214',
		address: '广东省深圳市福田区演示路3号',
		number: withCheck('81000019920214004'),
		issuer: '深圳市公安局',
		validFrom: '20230301',
		validUntil: '20280301',
		passNumber: 'H60123456',
		issueCount: '01',
	}),
	card('foreign2017', 'foreign2017', {
		englishName: 'SAMPLE, JOHN ALEXANDER',
		sex: '1',
		number: 'USA310075061521',
		nationality: 'USA',
		name: '约翰',
		validFrom: '20190520',
		validUntil: '20290520',
		birthDate: '19750615',
		cardVersion: '1',
		authorityCode: '1500',
	}),
	card('foreign2023', 'foreign2023', {
		name: '安娜',
		sex: '2',
		renewalCount: '00',
		birthDate: '19880422',
		englishName: 'KOWALSKA-EXAMPLE ANNA MARIA CHRISTINA',
		number: withCheck('93161619880422012'),
		validFrom: '20240105',
		validUntil: '20340105',
		nationality: 'POL',
	}),
];

export function demoCard(id: string): DemoCard | undefined {
	return DEMO_CARDS.find((c) => c.id === id);
}
