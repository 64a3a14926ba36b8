/** The drafts list's lines (pure): one row per open draft, the selected one highlighted. */
import {maskName} from '../../core/identity/mask.js';
import {truncateToWidth} from '../../text/width.js';
import type {Translate} from '../i18n/index.js';
import type {DraftRecord} from '../services.js';
import type {ViewLine} from './PagedView.js';

function localTime(iso: string): string {
	const d = new Date(iso);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function draftsHeader(list: readonly DraftRecord[] | undefined, t: Translate, width: number): ViewLine[] {
	if (!list) return [{text: t('drafts.loading'), tone: 'muted'}];
	if (list.length === 0) return [{text: t('drafts.empty'), tone: 'muted'}];
	return [{text: truncateToWidth(t('drafts.hint'), width), tone: 'muted'}];
}

export function draftRows(list: readonly DraftRecord[] | undefined, selected: number, itemName: (code: string) => string, t: Translate, width: number): ViewLine[] {
	return (list ?? []).map((draft, index) => {
		const applicant = draft.applicant ? `${draft.applicant.name ? maskName(draft.applicant.name) : ''} ${draft.applicant.masked}`.trim() : t('drafts.noApplicant');
		const text = t('drafts.row', {
			item: itemName(draft.itemCode),
			applicant,
			step: t(`drafts.step.${draft.step ?? 'eligibility'}`),
			time: localTime(draft.updatedAt),
			operator: draft.operatorId ?? '',
		});
		return {text: truncateToWidth(`${index === selected ? '>' : ' '} ${text}`, width), tone: index === selected ? 'selected' : 'body'};
	});
}
