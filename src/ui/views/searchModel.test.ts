/** The search rows' texts: the context's reason on the row (issue 18.1), in columns that fit. */
import {describe, expect, it} from 'vitest';
import {REGIONS, handCatalog} from '../../core/catalog/search/hand-catalog.fixture.js';
import {buildSearchIndex} from '../../core/catalog/search/index.js';
import {createCatalogService} from '../../catalog/service.js';
import {toPinyin} from '../../text/pinyin.js';
import {displayWidth} from '../../text/width.js';
import {createTranslator} from '../i18n/index.js';
import {cellText, formatRow, resultColumns} from './searchModel.js';

const catalog = handCatalog();
const service = createCatalogService(catalog, REGIONS, buildSearchIndex(catalog, REGIONS, toPinyin));
const zh = createTranslator('zh-CN');
const en = createTranslator('en');

describe('the reason on a row', () => {
	const hits = service.search({text: '资格认证', context: {card: '51', branch: '43'}}).hits;

	it('says why the context ranked the row up, with the province as people say it (zh) or its code (en)', () => {
		expect(cellText('match', hits[0]!, service, zh)).toMatch(/^按证件：四川 /);
		expect(cellText('match', hits[0]!, service, en)).toMatch(/^by ID card: province 51 /);
		const branch = hits.find((hit) => hit.context?.reason === 'branch')!;
		expect(cellText('match', branch, service, zh)).toMatch(/^按网点：湖南 /);
		// A row the context did not lift says only what matched.
		const other = hits.find((hit) => !hit.context)!;
		expect(cellText('match', other, service, zh)).toBe('关键词 资格认证');
	});

	it.each([60, 80, 120])('keeps every row exactly %i columns wide', (width) => {
		const columns = resultColumns(width);
		for (const hit of hits) {
			for (const t of [zh, en]) {
				const row = formatRow(columns.map((column) => cellText(column.id, hit, service, t, column.width)), columns, '> ');
				expect(displayWidth(row)).toBe(width);
			}
		}
	});

	it('keeps the reason whole when the match column is narrow (80 columns), rather than cutting it', () => {
		const match = resultColumns(80).find((column) => column.id === 'match')!;
		expect(cellText('match', hits[0]!, service, zh, match.width)).toBe('按证件：四川');
		expect(cellText('match', hits[0]!, service, zh, 40)).toBe('按证件：四川 关键词 资格认证');
	});
});
