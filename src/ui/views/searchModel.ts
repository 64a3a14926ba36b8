/**
 * Pure helpers of the search view: result columns for a width, and the texts of one hit
 * (region, modes, what matched). Every cell is cut to its column width here.
 */
import type {HandlingMode} from '../../core/catalog/model.js';
import type {ContextReason, SearchHit, TermMatch} from '../../core/catalog/search/types.js';
import type {CatalogService} from '../../core/ports/catalog.js';
import {shortProvinceName} from '../../core/identity/regions.js';
import {displayWidth, padEndToWidth} from '../../text/width.js';
import type {MessageKey, Translate} from '../i18n/index.js';

export const SEARCH_LIMIT = 200;

export type ResultColumnId = 'name' | 'region' | 'department' | 'mode' | 'match';

export interface ResultColumn {
	id: ResultColumnId;
	width: number;
	header: MessageKey;
}

const HEADERS: Record<ResultColumnId, MessageKey> = {
	name: 'search.col.name',
	region: 'search.col.region',
	department: 'search.col.department',
	mode: 'search.col.mode',
	match: 'search.col.match',
};

/** Width of the selection marker column ("> "). */
const MARKER_WIDTH = 2;

/**
 * Column widths for a terminal width: shares of the space left after the marker and the
 * one-column gaps; narrow terminals drop the department and match columns. `modeWidth` is
 * the room two short mode names need in the UI language ("代办/网办" 9, "proxy/online" 12).
 */
export function resultColumns(width: number, modeWidth = 9): ResultColumn[] {
	const ids: ResultColumnId[] = width >= 60 ? ['name', 'region', 'department', 'mode', 'match'] : ['name', 'region', 'mode'];
	const share: Record<ResultColumnId, number> = {name: 0.33, region: 0.17, department: 0.22, mode: 0.12, match: 0};
	// "四川省 成都市" (13) and "代办/网办" (9) should fit whole whenever the terminal allows.
	const minimum: Record<ResultColumnId, number> = {name: 0, region: width >= 80 ? 13 : 0, department: 0, mode: modeWidth, match: 0};
	const available = Math.max(ids.length * 2, width - MARKER_WIDTH - (ids.length - 1));
	const widths = ids.map((id) => Math.max(minimum[id], Math.floor(available * share[id])));
	// The last column takes what is left, so the row is exactly as wide as the terminal.
	const used = widths.slice(0, -1).reduce((sum, w) => sum + w, 0);
	widths[widths.length - 1] = Math.max(1, available - used);
	return ids.map((id, index) => ({id, width: widths[index] ?? 1, header: HEADERS[id]}));
}

/** "四川省 成都市": province and city of a region, from the service's region path. */
function regionLabel(catalog: CatalogService, regionCode: string): string {
	return catalog.regionPath(regionCode).split(' ').slice(0, 2).join(' ');
}

export function modesLabel(modes: readonly HandlingMode[], t: Translate, short = true): string {
	return modes.map((mode) => t(short ? `mode.${mode}.short` : `mode.${mode}`)).join(short ? '/' : ', ');
}

const FIELD_LABEL: Record<TermMatch['field'], MessageKey> = {
	name: 'match.name',
	alias: 'match.alias',
	keyword: 'match.keyword',
	basicCode: 'match.code',
	implementationCode: 'match.code',
	region: 'match.region',
	department: 'match.department',
};

/** "拼音 ylbx", "别名 医保": how each query term matched. */
function matchLabel(matches: readonly TermMatch[], t: Translate): string {
	return matches
		.map((match) => {
			const label = match.kind === 'pinyin' || match.kind === 'initials' ? t('match.pinyin') : t(FIELD_LABEL[match.field]);
			return `${label} ${match.term}`;
		})
		.join(' ');
}

const REASON_LABEL: Record<ContextReason, MessageKey> = {
	handling: 'search.reason.handling',
	card: 'search.reason.card',
	branch: 'search.reason.branch',
};

/**
 * "按证件：四川": why the counter's context ranked the row up (issue 18.1); the English screen
 * names the province by its code (region names are Chinese data).
 */
function reasonLabel(hit: SearchHit, catalog: CatalogService, t: Translate): string {
	if (!hit.context) return '';
	const {reason, province} = hit.context;
	const name = shortProvinceName(catalog.regionPath(`${province}0000`).split(' ')[0] ?? province);
	return t(REASON_LABEL[reason], {province: {'zh-CN': name, en: t('search.provinceCode', {code: province})}});
}

/** A cell's text; `width` (the column's) lets the match cell keep the context's reason whole when both do not fit. */
export function cellText(id: ResultColumnId, hit: SearchHit, catalog: CatalogService, t: Translate, width = Infinity): string {
	switch (id) {
		case 'name':
			return hit.item.name;
		case 'region':
			return regionLabel(catalog, hit.implementation.regionCode);
		case 'department':
			return hit.implementation.department.name;
		case 'mode':
			return modesLabel(hit.implementation.modes, t);
		case 'match': {
			// The reason first; at 80 columns the cell has room for it and little more, so it is
			// shown alone rather than cut.
			const reason = reasonLabel(hit, catalog, t);
			const both = [reason, matchLabel(hit.matches, t)].filter(Boolean).join(' ');
			return reason && displayWidth(both) > width ? reason : both;
		}
	}
}

/** One row: marker + cells padded to their widths, separated by one space. */
export function formatRow(cells: readonly string[], columns: readonly ResultColumn[], marker: string): string {
	const body = columns.map((column, index) => padEndToWidth(cells[index] ?? '', column.width)).join(' ');
	return padEndToWidth(marker, MARKER_WIDTH) + body;
}

/**
 * First visible row: lists scroll by whole pages, so the window is predictable for PgUp/PgDn
 * and needs no remembered state.
 */
export function pageStart(selected: number, height: number): number {
	if (height <= 0) return 0;
	return Math.floor(Math.max(0, selected) / height) * height;
}
