/** Plain-text and JSON renderings of catalog records for the items commands. */
import {HANDLING_MODE_NAMES, ITEM_TYPES, type Implementation, type ServiceItem, type TimeLimit} from '../../src/core/catalog/model.js';
import type {SearchHit} from '../../src/core/catalog/search/types.js';
import type {CatalogService} from '../../src/core/ports/catalog.js';
import type {CommandContext} from '../context.js';

export function warnFallback(ctx: CommandContext, catalog: CatalogService): void {
	const warning = catalog.loadWarning();
	if (warning) ctx.err(ctx.t('warn.catalogFallback', {detail: warning[ctx.lang], version: catalog.catalog().version, savedAt: '-'}));
}

export function hitToJson(hit: SearchHit, catalog: CatalogService) {
	const impl = hit.implementation;
	return {
		basicCode: hit.item.basicCode,
		implementationCode: impl.implementationCode,
		name: hit.item.name,
		itemType: hit.item.type,
		region: {code: impl.regionCode, name: catalog.regionPath(impl.regionCode)},
		department: {name: impl.department.name, uscc: impl.department.uscc, kind: impl.department.kind},
		modes: impl.modes,
		score: hit.score,
		matches: hit.matches,
	};
}

function limitText(ctx: CommandContext, limit: TimeLimit): string {
	return ctx.t(`unit.${limit.unit}`, {n: limit.value});
}

function modesText(ctx: CommandContext, modes: ServiceItem['modes']): string {
	return modes.map((m) => (ctx.lang === 'en' ? m : HANDLING_MODE_NAMES[m])).join(ctx.lang === 'en' ? ', ' : '、');
}

export function itemText(ctx: CommandContext, item: ServiceItem, impls: Implementation[], regionPath: (c: string) => string): string[] {
	const lines = [
		item.name,
		`${ctx.t('show.basicCode')}: ${item.basicCode}`,
		`${ctx.t('show.type')}: ${item.type} ${ITEM_TYPES[item.type]}`,
		`${ctx.t('show.lead')}: ${item.leadDepartment}`,
		`${ctx.t('show.modes')}: ${modesText(ctx, item.modes)}`,
		`${ctx.t('show.scope')}: ${item.scope}`,
		`${ctx.t('show.legal')}: ${item.legalBasis.join('；')}`,
		`${ctx.t('show.result')}: ${item.resultName}`,
		`${ctx.t('show.keywords')}: ${[...item.keywords, ...item.aliases].join('、')}`,
		'',
		item.summary,
		'',
		ctx.t('show.implementations', {count: impls.length}),
	];
	for (const impl of impls) lines.push(`  ${impl.implementationCode}  ${regionPath(impl.regionCode)}  ${impl.department.name}`);
	return lines;
}

export function implementationText(ctx: CommandContext, item: ServiceItem, impl: Implementation, regionPath: (c: string) => string): string[] {
	const lines = [
		item.name,
		`${ctx.t('show.implCode')}: ${impl.implementationCode}`,
		`${ctx.t('show.basicCode')}: ${item.basicCode}`,
		`${ctx.t('show.type')}: ${item.type} ${ITEM_TYPES[item.type]}`,
		`${ctx.t('show.region')}: ${regionPath(impl.regionCode)}`,
		`${ctx.t('show.department')}: ${impl.department.name} (${impl.department.uscc})`,
		`${ctx.t('show.modes')}: ${modesText(ctx, impl.modes)}`,
		`${ctx.t('show.limits')}: ${ctx.t('show.limit.value', {statutory: limitText(ctx, impl.statutoryLimit), promised: limitText(ctx, impl.promisedLimit)})}`,
		`${ctx.t('show.fee')}: ${impl.fee.charged ? ctx.t('show.fee.amount', {amount: impl.fee.amountYuan ?? 0, basis: impl.fee.basis ?? '-'}) : ctx.t('show.fee.none')}`,
		'',
		`${ctx.t('show.conditions')}:`,
		...impl.conditions.map((c, i) => `  ${i + 1}. ${c}`),
		'',
		`${ctx.t('show.materials')}:`,
	];
	for (const m of impl.materials) {
		const need = m.required ? ctx.t('show.material.required') : ctx.t('show.material.optional');
		lines.push(`  [${m.code}] ${m.name} (${need}; ${ctx.t('show.material.counts', {originals: m.originals, copies: m.copies})}; ${m.format})`);
		if (m.notes) lines.push(`        ${m.notes}`);
	}
	lines.push(
		'',
		`${ctx.t('show.where')}: ${impl.address}`,
		`${ctx.t('show.hours')}: ${impl.hours}`,
		`${ctx.t('show.phone')}: ${impl.phone}`,
	);
	return lines;
}
