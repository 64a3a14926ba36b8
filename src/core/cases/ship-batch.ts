/**
 * Checking an end-of-day shipment batch (`tongban cases ship --batch`, docs/return-trips.md) before
 * anything is sent. The file is unusable (an InputError, exit 2, nothing sent) without a header
 * naming caseId, carrier and waybill (sentAt optional; any order, any case; nothing else). Each
 * row is then checked on its own — case id, carrier, waybill (waybill.ts), sentAt — and refused
 * with its reason when it fails, without stopping the others. Rows naming the same parcel (case,
 * carrier, waybill: what the idempotency key is derived from) must agree in every column: an
 * exact repeat is the same parcel, sent once; repeats that differ are all refused, since which of
 * them is right only a person can say. So is one waybill number under two carriers.
 *
 * Values echoed in a refusal are cut and escaped (core/echo.ts): a cell can hold anything.
 */
import {looksLikeIdNumber} from '../audit/redact.js';
import {echoValue} from '../echo.js';
import {InputError} from '../errors.js';
import type {NestedMessage} from '../template.js';
import {CASE_ID_PATTERN} from './model.js';
import {parseSentAt} from './sent-at.js';
import {checkWaybill, isCarrier, type Carrier} from './waybill.js';

const COLUMNS = ['caseId', 'carrier', 'waybill', 'sentAt'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['caseId', 'carrier', 'waybill'];
/** How the header is named in messages and docs. */
const SHIP_BATCH_HEADER = 'caseId,carrier,waybill[,sentAt]';

export interface BatchRecord {
	/** The file line the record starts on: what the admin looks for in an editor. */
	line: number;
	cells: readonly string[];
}

export interface Parcel {
	carrier: Carrier;
	/** As checked: upper case, no spaces. */
	waybill: string;
	/** ISO in UTC; undefined: the time the batch is sent. */
	sentAt: string | undefined;
	/** The carrier publishes no format: recorded as typed, with a warning. */
	unchecked: boolean;
}

export type ShipBatchRow =
	| {row: number; caseId: string; kind: 'send'; parcel: Parcel}
	/** The same parcel as an earlier row (`of`): sent once, reported as that row went. */
	| {row: number; caseId: string; kind: 'duplicate'; parcel: Parcel; of: number}
	/** Refused before sending; `caseId` is echoed (cut and escaped) when it is not a valid one. */
	| {row: number; caseId: string; kind: 'refused'; reason: NestedMessage};

type Checked = {ok: true; row: number; caseId: string; parcel: Parcel} | {ok: false; row: number; caseId: string; reason: NestedMessage};

/** Column name → cell index; throws the file's InputError when the header is not usable. */
function headerColumns(header: BatchRecord | undefined): Map<Column, number> {
	if (!header) throw new InputError('ship_batch_empty', {header: SHIP_BATCH_HEADER});
	const columns = new Map<Column, number>();
	const unusable = () => new InputError('ship_batch_header', {header: SHIP_BATCH_HEADER, found: echoValue(header.cells.map((c) => c.trim()).join(','), 60)});
	header.cells.forEach((cell, index) => {
		// An empty header cell (a spreadsheet's trailing comma) names no column; a row's cell under it must be empty too.
		if (cell.trim() === '') return;
		const column = COLUMNS.find((c) => c.toLowerCase() === cell.trim().toLowerCase());
		if (!column || columns.has(column)) throw unusable();
		columns.set(column, index);
	});
	if (!REQUIRED.every((c) => columns.has(c))) throw unusable();
	return columns;
}

function checkRecord(record: BatchRecord, columns: ReadonlyMap<Column, number>): Checked {
	const cell = (column: Column) => {
		const index = columns.get(column);
		return index === undefined ? '' : (record.cells[index] ?? '').trim();
	};
	const row = record.line;
	const rawCaseId = cell('caseId');
	const refuse = (code: string, params?: NestedMessage['params'], caseId = echoValue(rawCaseId)): Checked => ({ok: false, row, caseId, reason: params ? {code, params} : {code}});
	const named = new Set(columns.values());
	if (record.cells.some((c, index) => !named.has(index) && c.trim() !== '')) return refuse('ship_row_cells', {cells: record.cells.length, columns: columns.size});
	if (rawCaseId === '') return refuse('ship_missing_cell', {column: 'caseId'});
	// An ID card number in the case id column passes the id's pattern; it must never reach the hub, the output or the audit.
	if (looksLikeIdNumber(rawCaseId)) return refuse('ship_id_number', {value: echoValue(rawCaseId)});
	if (!CASE_ID_PATTERN.test(rawCaseId)) return refuse('bad_case_id', {caseId: echoValue(rawCaseId)});
	const caseId = rawCaseId;
	const carrier = cell('carrier').toLowerCase();
	if (carrier === '') return refuse('ship_missing_cell', {column: 'carrier'}, caseId);
	if (!isCarrier(carrier)) return refuse('ship_unknown_carrier', {carrier: echoValue(carrier)}, caseId);
	const typedWaybill = cell('waybill');
	const check = checkWaybill(carrier, typedWaybill);
	if (!check.ok) return refuse(check.reason, {waybill: echoValue(typedWaybill), carrier}, caseId);
	const typedSentAt = cell('sentAt');
	const sentAt = typedSentAt === '' ? undefined : parseSentAt(typedSentAt);
	if (typedSentAt !== '' && sentAt === undefined) return refuse('ship_bad_sent_at', {value: echoValue(typedSentAt)}, caseId);
	return {ok: true, row, caseId, parcel: {carrier, waybill: check.waybill, sentAt, unchecked: check.format === 'unchecked'}};
}

/** The other lines of a clash, the first few: a file repeating one parcel a thousand times gets a short message. */
function linesNamed(rows: readonly number[]): string {
	const shown = [...rows].sort((a, b) => a - b);
	return shown.length > 5 ? `${shown.slice(0, 5).join(', ')}…` : shown.join(', ');
}

const sameParcel = (a: Checked & {ok: true}) => `${a.caseId}\n${a.parcel.carrier}\n${a.parcel.waybill}`;

/**
 * The rows of a batch file (its records, the header first), checked, in file order. Throws an
 * InputError when the file itself is unusable (no header, an unknown or missing column).
 */
export function planShipBatch(records: readonly BatchRecord[]): ShipBatchRow[] {
	const columns = headerColumns(records[0]);
	const checked = records.slice(1).map((record) => checkRecord(record, columns));
	const good = checked.filter((c): c is Checked & {ok: true} => c.ok);
	/** Rows refused for a clash with other rows: row → the other rows. */
	const clashes = new Map<number, number[]>();
	const clash = (group: ReadonlyArray<Checked & {ok: true}>) => {
		for (const c of group) clashes.set(c.row, [...new Set([...(clashes.get(c.row) ?? []), ...group.map((o) => o.row).filter((r) => r !== c.row)])]);
	};
	const groupBy = (key: (c: Checked & {ok: true}) => string) => {
		const groups = new Map<string, Array<Checked & {ok: true}>>();
		for (const c of good) {
			const group = groups.get(key(c));
			if (group) group.push(c);
			else groups.set(key(c), [c]);
		}
		return [...groups.values()];
	};
	// One waybill is one parcel of one carrier (several cases may travel in it).
	for (const group of groupBy((c) => c.parcel.waybill)) if (new Set(group.map((c) => c.parcel.carrier)).size > 1) clash(group);
	// The same parcel named twice must say the same thing twice.
	for (const group of groupBy(sameParcel)) if (new Set(group.map((c) => c.parcel.sentAt ?? '')).size > 1) clash(group);
	const firstOf = new Map<string, number>();
	return checked.map((c): ShipBatchRow => {
		if (!c.ok) return {row: c.row, caseId: c.caseId, kind: 'refused', reason: c.reason};
		const others = clashes.get(c.row);
		if (others) return {row: c.row, caseId: c.caseId, kind: 'refused', reason: {code: 'ship_conflict', params: {rows: linesNamed(others)}}};
		const first = firstOf.get(sameParcel(c));
		if (first !== undefined) return {row: c.row, caseId: c.caseId, kind: 'duplicate', parcel: c.parcel, of: first};
		firstOf.set(sameParcel(c), c.row);
		return {row: c.row, caseId: c.caseId, kind: 'send', parcel: c.parcel};
	});
}
