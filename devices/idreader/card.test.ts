import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {DEMO_CARDS, demoCard, encodeText} from '../../mocks/devices/cards.js';
import {samIdData} from '../../mocks/devices/idreader-emulator.js';
import {cardKindOf, CardFormatError, decodeReadData, decodeText, formatSamId, splitReadData} from './card.js';
import {LONG_TERM} from '../../src/core/identity/card.js';
import {ethnicityName, ETHNICITIES, sexName} from './codes.js';

function text(id: string): Buffer {
	const c = demoCard(id)!;
	return encodeText(c.kind, c.fields);
}
const photo = Buffer.alloc(1024, 7);

describe('text block', () => {
	it('decodes a resident card', () => {
		const card = decodeText(text('resident'), photo);
		expect(card).toMatchObject({
			kind: 'resident',
			name: '李明华',
			sex: {code: '1', 'zh-CN': '男', en: 'male'},
			ethnicity: {code: '01', 'zh-CN': '汉族'},
			birthDate: '1985-03-12',
			address: '北京市朝阳区示例路18号院3号楼2单元501号',
			issuer: '北京市公安局朝阳分局',
			validFrom: '2018-06-01',
			validUntil: '2038-06-01',
		});
		expect(card.number).toMatch(/^11010519850312051\d$/);
	});

	it('decodes 长期 as long-term', () => {
		expect(decodeText(text('longterm'), photo).validUntil).toBe(LONG_TERM);
	});

	it('decodes an HK/MO/TW residence permit (J at 248)', () => {
		const t = text('hkmotw');
		expect(t.subarray(248, 250).toString('utf16le')).toBe('J');
		expect(decodeText(t, photo)).toMatchObject({kind: 'hkmotw', name: '陈嘉欣', passNumber: 'H60123456', issueCount: '01', sex: {'zh-CN': '女'}});
		expect(decodeText(t, photo).ethnicity).toBeUndefined();
	});

	it('decodes a 2017 foreign permanent resident card (I)', () => {
		expect(decodeText(text('foreign2017'), photo)).toMatchObject({
			kind: 'foreign2017',
			englishName: 'SAMPLE, JOHN ALEXANDER',
			name: '约翰',
			number: 'USA310075061521',
			nationality: 'USA',
			birthDate: '1975-06-15',
			cardVersion: '1',
			authorityCode: '1500',
		});
	});

	it('decodes a 2023 foreign permanent resident card (Y), joining the two English name fields', () => {
		const card = decodeText(text('foreign2023'), photo);
		expect(card).toMatchObject({kind: 'foreign2023', name: '安娜', englishName: 'KOWALSKA-EXAMPLE ANNA MARIA CHRISTINA', nationality: 'POL', renewalCount: '00'});
		expect(card.number).toMatch(/^9/);
	});

	it('places fields at the documented offsets (resident)', () => {
		const t = text('resident');
		expect(t.subarray(0, 6).toString('utf16le')).toBe('李明华');
		expect(t.subarray(30, 32).toString('utf16le')).toBe('1');
		expect(t.subarray(32, 36).toString('utf16le')).toBe('01');
		expect(t.subarray(122, 158).toString('utf16le')).toMatch(/^11010519850312051/);
		expect(t.subarray(248, 250).toString('utf16le')).toBe(' ');
	});

	it('rejects a wrong size or unknown marker', () => {
		expect(() => decodeText(Buffer.alloc(100), photo)).toThrow(CardFormatError);
		const t = text('resident');
		t.write('Z', 248, 'utf16le');
		expect(cardKindOf(t)).toBeUndefined();
		expect(() => decodeText(t, photo)).toThrow(/marker/);
	});

	it('every demo card decodes to its own kind', () => {
		for (const c of DEMO_CARDS) expect(decodeText(encodeText(c.kind, c.fields), c.photo).kind).toBe(c.kind);
	});
});

describe('read reply sections', () => {
	const lengths = (t: number, p: number, f?: number) => {
		const b = Buffer.alloc(f === undefined ? 4 : 6);
		b.writeUInt16BE(t, 0);
		b.writeUInt16BE(p, 2);
		if (f !== undefined) b.writeUInt16BE(f, 4);
		return b;
	};

	it('keeps the photo as raw bytes with its SHA-256', () => {
		const card = decodeReadData(Buffer.concat([lengths(256, 1024), text('resident'), photo]), false);
		expect(Buffer.from(card.photo.bytes).equals(photo)).toBe(true);
		expect(card.photo.sha256).toBe(createHash('sha256').update(photo).digest('hex'));
	});

	it('splits 30 10 data with a fingerprint', () => {
		const fp = Buffer.alloc(512, 3);
		const s = splitReadData(Buffer.concat([lengths(256, 1024, 512), text('resident'), photo, fp]), true);
		expect(s.fingerprint?.equals(fp)).toBe(true);
		expect(splitReadData(Buffer.concat([lengths(256, 1024, 0), text('resident'), photo]), true).fingerprint).toBeUndefined();
	});

	it('rejects lengths that do not match the data', () => {
		expect(() => splitReadData(Buffer.concat([lengths(256, 1024), text('resident')]), false)).toThrow(CardFormatError);
	});
});

describe('code tables', () => {
	it('has the 56 ethnic groups plus 97 and 98', () => {
		expect(ETHNICITIES.size).toBe(58);
		expect(ethnicityName('56')['zh-CN']).toBe('基诺族');
		expect(ethnicityName('98')['zh-CN']).toBe('外国血统中国籍人士');
		expect(ethnicityName('77')['zh-CN']).toContain('未知');
	});

	it('names sexes per GB/T 2261.1', () => {
		expect(['0', '1', '2', '9'].map((c) => sexName(c)['zh-CN'])).toEqual(['未知的性别', '男', '女', '未说明的性别']);
	});

	it('formats a SAM ID like vendor tools', () => {
		expect(formatSamId(samIdData([5, 1, 20101112, 12345678, 1234567890]))).toBe('05.01-20101112-0012345678-1234567890');
	});
});
