/**
 * The item detail as a list of pre-measured lines (pure). Building lines up front lets the
 * view scroll by slicing, and guarantees every line fits the width: labels and values are
 * wrapped with the CJK-aware helpers, the materials table has explicit column widths.
 */
import type {Implementation, Material, ServiceItem, TimeLimit} from '../../core/catalog/model.js';
import {displayWidth, padEndToWidth, truncateToWidth, wrapToWidth} from '../../text/width.js';
import type {MessageKey, Translate} from '../i18n/index.js';
import {layoutTable, tableOverhead, widestOf, type TableColumn} from '../layout/table.js';
import {modesLabel} from './searchModel.js';

export type LineTone = 'heading' | 'label' | 'body' | 'muted';

export interface DetailLine {
	text: string;
	tone: LineTone;
}

export interface DetailInput {
	item: ServiceItem;
	implementation: Implementation;
	/** "四川省 成都市 武侯区". */
	regionPath: string;
}

/** Below this width the materials table becomes a list (the frame would leave no room). */
const MIN_TABLE_WIDTH = 50;

export function timeLimitText(limit: TimeLimit, t: Translate): string {
	return t(`time.${limit.unit}`, {value: limit.value});
}

export function feeText(impl: Implementation, t: Translate): string {
	if (!impl.fee.charged) return t('detail.feeFree');
	const parts = [impl.fee.amountYuan === undefined ? '' : t('detail.feeAmount', {amount: impl.fee.amountYuan})];
	if (impl.fee.basis) parts.push(t('detail.feeBasis', {basis: impl.fee.basis}));
	return parts.filter(Boolean).join('; ');
}

/** "label   value" rows with a shared label column; long values wrap under the value column. */
function fieldLines(fields: readonly [MessageKey, string][], t: Translate, width: number): DetailLine[] {
	const labels = fields.map(([key]) => t(key));
	const labelWidth = Math.min(widestOf(labels) + 2, Math.floor(width / 3));
	const valueWidth = Math.max(1, width - labelWidth);
	const lines: DetailLine[] = [];
	fields.forEach(([, value], index) => {
		wrapToWidth(value || t('detail.none'), valueWidth).forEach((part, row) => {
			const label = row === 0 ? truncateToWidth(labels[index] ?? '', labelWidth - 1) : '';
			lines.push({text: padEndToWidth(label, labelWidth) + part, tone: 'body'});
		});
	});
	return lines;
}

function heading(key: MessageKey, t: Translate, width: number): DetailLine[] {
	return [
		{text: '', tone: 'body'},
		{text: truncateToWidth(`[${t(key)}]`, width), tone: 'heading'},
	];
}

/** Wrapped text with a hanging indent after a marker such as "1. ". */
function markedLines(marker: string, text: string, width: number): DetailLine[] {
	const indent = displayWidth(marker);
	return wrapToWidth(text, Math.max(1, width - indent)).map((part, row) => ({
		text: (row === 0 ? marker : ' '.repeat(indent)) + part,
		tone: 'body' as const,
	}));
}

export function materialColumns(width: number, t: Translate): TableColumn[] {
	const small = (key: MessageKey, align: TableColumn['align'] = 'left'): TableColumn => ({
		header: t(key),
		width: Math.max(3, displayWidth(t(key))),
		align,
	});
	const required = small('detail.material.required');
	const originals = small('detail.material.originals', 'right');
	const copies = small('detail.material.copies', 'right');
	const rest = width - tableOverhead(5) - required.width - originals.width - copies.width;
	const nameWidth = Math.floor(rest * 0.45);
	return [
		{header: t('detail.material.name'), width: nameWidth},
		required,
		originals,
		copies,
		{header: t('detail.material.notes'), width: rest - nameWidth},
	];
}

function materialLines(materials: readonly Material[], t: Translate, width: number): DetailLine[] {
	const yesNo = (value: boolean) => t(value ? 'detail.yes' : 'detail.no');
	if (materials.length === 0) return [{text: t('detail.none'), tone: 'body'}];
	if (width < MIN_TABLE_WIDTH) {
		return materials.flatMap((material, index) =>
			markedLines(
				`${index + 1}. `,
				`${material.name} (${t('detail.material.required')} ${yesNo(material.required)}, ${t('detail.material.originals')} ${material.originals}, ${t('detail.material.copies')} ${material.copies}) ${material.notes ?? ''}`,
				width,
			),
		);
	}
	const rows = materials.map((material) => [
		material.name,
		yesNo(material.required),
		String(material.originals),
		String(material.copies),
		material.notes ?? '',
	]);
	return layoutTable(materialColumns(width, t), rows).map((text) => ({text, tone: 'body' as const}));
}

export function buildDetailLines({item, implementation: impl, regionPath}: DetailInput, t: Translate, width: number): DetailLine[] {
	const lines: DetailLine[] = fieldLines(
		[
			['detail.basicCode', item.basicCode],
			['detail.implementationCode', impl.implementationCode],
			['detail.itemType', `${t(`itemType.${item.type}`)} (${item.type})`],
			['detail.department', impl.department.name],
			['detail.region', regionPath],
			['detail.modes', modesLabel(impl.modes, t, false)],
			['detail.scope', impl.scope],
		],
		t,
		width,
	);
	lines.push(...heading('detail.conditions', t, width));
	if (impl.conditions.length === 0) lines.push({text: t('detail.none'), tone: 'body'});
	impl.conditions.forEach((condition, index) => lines.push(...markedLines(`${index + 1}. `, condition, width)));

	lines.push(...heading('detail.materials', t, width), ...materialLines(impl.materials, t, width));

	lines.push(...heading('detail.limits', t, width));
	lines.push(
		...fieldLines(
			[
				['detail.statutory', timeLimitText(impl.statutoryLimit, t)],
				['detail.promised', timeLimitText(impl.promisedLimit, t)],
			],
			t,
			width,
		),
	);
	lines.push(...heading('detail.fee', t, width), ...markedLines('', feeText(impl, t), width));

	lines.push(...heading('detail.where', t, width));
	lines.push(
		...fieldLines(
			[
				['detail.address', impl.address],
				['detail.hours', impl.hours],
				['detail.phone', impl.phone],
			],
			t,
			width,
		),
	);

	lines.push(...heading('detail.faqs', t, width));
	if (impl.faqs.length === 0) lines.push({text: t('detail.none'), tone: 'body'});
	for (const faq of impl.faqs) {
		lines.push(...markedLines('', t('detail.faqQ', {q: faq.q}), width).map((line) => ({...line, tone: 'label' as const})));
		lines.push(...markedLines('', t('detail.faqA', {a: faq.a}), width));
	}
	return lines;
}
