/**
 * 日终 (docs/people.md#日终-closing-the-day) over the real records, for `tongban report day` and the
 * console's supervisor view alike: the case index and the outbox streamed from the data folder
 * one record at a time, then the hub's list of the branch's day page by page, folded as they come
 * (core/report/day.ts). Reads only.
 */
import type {Clock} from '../core/ports/clock.js';
import type {HubApi} from '../core/ports/hub.js';
import {dayReportFold, hubDayRows, type DayReport, type LocalDay} from '../core/report/day.js';
import {streamIndexedCases} from '../store/json-map-stream.js';
import {allOutboxEntries} from '../store/outbox-files.js';

export interface DayReportDeps {
	hub: Pick<HubApi, 'branchCases'>;
	dataDir: string;
	settings: {branchCode: string; terminalId: string};
	clock: Clock;
}

export async function readDayReport(deps: DayReportDeps, day: LocalDay): Promise<DayReport> {
	const {branchCode, terminalId} = deps.settings;
	const fold = dayReportFold(day, {branchCode, terminalId});
	// The local side first: the hub's rows are matched against the day's own cases as they come.
	for await (const c of streamIndexedCases(deps.dataDir)) fold.addLocal(c);
	for await (const e of allOutboxEntries(deps.dataDir)) fold.addOutbox(e);
	for await (const row of hubDayRows(deps.hub, branchCode, day)) fold.addHub(row);
	return fold.finish(deps.clock.now());
}
