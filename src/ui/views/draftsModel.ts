/** The drafts list's lines (pure): one row per open draft, the selected one highlighted. */
import {maskName} from '../../core/identity/mask.js';
import {truncateToWidth, wrapToWidth} from '../../text/width.js';
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
	return wrapToWidth(t('drafts.hint'), width).map((text) => ({text, tone: 'muted'}));
}

/** Two lines a draft (the item; then who, where it stopped, when and by whom), so 80 columns hold it. */
export const DRAFT_ROW_LINES = 2;

export function draftRows(list: readonly DraftRecord[] | undefined, selected: number, itemName: (code: string) => string, t: Translate, width: number): ViewLine[] {
	return (list ?? []).flatMap((draft, index) => {
		const applicant = draft.applicant ? `${draft.applicant.name ? maskName(draft.applicant.name) : ''} ${draft.applicant.masked}`.trim() : t('drafts.noApplicant');
		const details = t('drafts.row', {
			applicant,
			step: t(`drafts.step.${draft.step ?? 'eligibility'}`),
			time: localTime(draft.updatedAt),
			operator: draft.operatorId ?? '',
		});
		const tone = index === selected ? 'selected' : 'body';
		return [
			{text: truncateToWidth(`${index === selected ? '>' : ' '} ${itemName(draft.itemCode)}`, width), tone},
			{text: truncateToWidth(`    ${details}`, width), tone: index === selected ? 'selected' : 'muted'},
		] satisfies ViewLine[];
	});
}
