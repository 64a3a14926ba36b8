import {describe, expect, it} from 'vitest';
import type {CaseStatus} from '../cases/model.js';
import {retentionStartsAt, type CaseProgress} from './retention.js';

const progress = (status: CaseStatus, history: Array<[CaseStatus, string]>, updatedAt = history.at(-1)?.[1] ?? '2026-11-09T00:00:00.000Z'): CaseProgress => ({
	status,
	updatedAt,
	history: history.map(([s, at]) => ({status: s, at})),
});
const iso = (d: Date | undefined) => d?.toISOString();

describe('retentionStartsAt (when "the hub accepted the case")', () => {
	it('is undefined before the handling node took the case in', () => {
		expect(retentionStartsAt(progress('received', [['received', '2026-11-01T08:00:00Z']]))).toBeUndefined();
		expect(retentionStartsAt(progress('dispatched', [['received', '2026-11-01T08:00:00Z'], ['dispatched', '2026-11-01T09:00:00Z']]))).toBeUndefined();
	});

	it('is the first entry at or past accepted, whatever came after (rejected and completed included)', () => {
		const timeline: Array<[CaseStatus, string]> = [['received', '2026-11-01T08:00:00Z'], ['dispatched', '2026-11-01T09:00:00Z'], ['accepted', '2026-11-02T10:00:00Z'], ['in_review', '2026-11-03T10:00:00Z'], ['rejected', '2026-11-04T10:00:00Z'], ['completed', '2026-11-05T10:00:00Z']];
		for (let n = 3; n <= timeline.length; n++) {
			expect(iso(retentionStartsAt(progress(timeline[n - 1]![0], timeline.slice(0, n))))).toBe('2026-11-02T10:00:00.000Z');
		}
	});

	it('holds a case returned for more material, and resumes from the first acceptance once it moves on', () => {
		const returned: Array<[CaseStatus, string]> = [['received', '2026-11-01T08:00:00Z'], ['accepted', '2026-11-01T10:00:00Z'], ['in_review', '2026-11-02T10:00:00Z'], ['returned', '2026-11-03T10:00:00Z']];
		expect(retentionStartsAt(progress('returned', returned))).toBeUndefined();
		expect(iso(retentionStartsAt(progress('in_review', [...returned, ['in_review', '2026-11-20T10:00:00Z']])))).toBe('2026-11-01T10:00:00.000Z');
	});

	it('falls back to updatedAt (never earlier than the acceptance) when the timeline lacks it', () => {
		expect(iso(retentionStartsAt(progress('completed', [['received', '2026-11-01T08:00:00Z']], '2026-11-09T00:00:00Z')))).toBe('2026-11-09T00:00:00.000Z');
		expect(iso(retentionStartsAt(progress('approved', [['accepted', 'garbage']], '2026-11-09T00:00:00Z')))).toBe('2026-11-09T00:00:00.000Z');
		expect(retentionStartsAt(progress('approved', [], 'garbage'))).toBeUndefined();
		expect(retentionStartsAt({status: 'approved', updatedAt: 'garbage', history: null as never})).toBeUndefined();
	});
});
