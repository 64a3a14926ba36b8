/**
 * `tongban eligibility check <itemCode> --id <number> [--answer key=value …] [--region CODE]
 *  [--item-region CODE] [--valid-from DATE --valid-until DATE] [--on DATE] [--demo] [--json]`
 *
 * Exit codes (what a script can rely on):
 *   0  eligible
 *   1  not eligible, or needs checking: anything that is not a clear yes. A script that does
 *      `tongban eligibility check … && take-case` must never go ahead on an unknown; --json's
 *      `result` tells the two apart.
 *   2  bad input (code, ID number, answer, date, region; no hub configured when one is needed)
 *   3  the hub was needed and could not be reached, and the rules could not decide without it
 *      (a refusal that local facts already decide stays 1)
 *   5  the rule set file is invalid
 */
import type {Argv, CommandModule} from 'yargs';
import {openCatalog} from '../../src/wiring/catalog.js';
import {builtinRegionTable} from '../../src/catalog/regions.js';
import {parseAnswer} from '../../src/core/eligibility/answers.js';
import {isDay} from '../../src/core/eligibility/dates.js';
import {hubFactsFor} from '../../src/core/eligibility/evaluate.js';
import type {RuleSet} from '../../src/core/eligibility/model.js';
import type {FactsPort} from '../../src/core/ports/facts.js';
import {EXIT, InputError, isAppError} from '../../src/core/errors.js';
import {builtinNationalities} from '../../src/catalog/nationalities.js';
import {validateIdNumber} from '../../src/core/identity/idnumber.js';
import {NationalityTable} from '../../src/core/identity/nationality.js';
import {maskIdNumber} from '../../src/core/identity/mask.js';

import {systemClock} from '../../src/core/ports/clock.js';
import {factsFromHub} from '../../src/eligibility/facts-hub.js';
import {createMemoryFacts} from '../../src/eligibility/facts-memory.js';
import {loadRuleSet, rulesPath} from '../../src/eligibility/load.js';
import {createEligibilityService} from '../../src/eligibility/service.js';
import type {Lang} from '../../src/core/lang.js';
import {eligibilityText, type EligibilityMessageKey} from '../../src/i18n/eligibility.js';
import {hubClientFor, withHubOptions, type HubArgs} from '../cases/hub-args.js';
import {runHandler, type CommandContext} from '../context.js';
import {decisionJson, decisionText} from './format.js';

interface CheckArgs extends HubArgs {
	itemCode: string;
	id: string;
	answer?: string[];
	region?: string;
	itemRegion?: string;
	validFrom?: string;
	validUntil?: string;
	on?: string;
	demo?: boolean;
}

const REGION = /^(\d{2}|\d{6})$/;

export function eligibilityCheckCommand(lang: Lang): CommandModule<HubArgs, CheckArgs> {
	const d = (key: EligibilityMessageKey) => eligibilityText(lang, key);
	return {
		command: 'check <itemCode>',
		describe: d('cmd.eligibility.check'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.positional('itemCode', {type: 'string', demandOption: true, coerce: String})
				// Strings, not numbers: yargs would turn an ID number or "44" into a lossy number.
				.option('id', {type: 'string', demandOption: true, describe: d('opt.id'), coerce: String})
				.option('answer', {type: 'string', array: true, describe: d('opt.answer')})
				.option('region', {type: 'string', describe: d('opt.region'), coerce: String})
				.option('item-region', {type: 'string', describe: d('opt.itemRegion'), coerce: String})
				.option('valid-from', {type: 'string', describe: d('opt.validFrom'), coerce: String})
				.option('valid-until', {type: 'string', describe: d('opt.validUntil'), coerce: String})
				.option('on', {type: 'string', describe: d('opt.on'), coerce: String})
				.option('demo', {type: 'boolean', describe: d('opt.demo')}) as unknown as Argv<CheckArgs>,
		handler: (args) => runHandler(args, (ctx) => check(ctx, args)),
	};
}

async function check(ctx: CommandContext, args: CheckArgs): Promise<number> {
	const code = args.itemCode.trim().toUpperCase();
	if (!/^[0-9A-Z]{12}$/.test(code) && !/^[0-9A-Z]{31}$/.test(code)) throw new InputError('eligibility_bad_code', {value: args.itemCode});
	for (const [option, value] of [['--region', args.region], ['--item-region', args.itemRegion]] as const) {
		if (value !== undefined && !REGION.test(value)) throw new InputError('bad_region_option', {option, value});
	}
	for (const [option, value] of [['--on', args.on], ['--valid-from', args.validFrom]] as const) {
		if (value !== undefined && !isDay(value)) throw new InputError('bad_date_option', {option, value});
	}
	if (args.validUntil !== undefined && !isDay(args.validUntil) && !['长期', 'long-term'].includes(args.validUntil)) {
		throw new InputError('bad_date_option', {option: '--valid-until', value: args.validUntil});
	}

	const regions = builtinRegionTable();
	const today = args.on ?? undefined;
	const nationalities = new NationalityTable(builtinNationalities());
	const id = validateIdNumber(args.id, {today: today ?? systemClock.now(), isKnownRegion: (c) => regions.isKnown(c), isKnownNationality: (c) => nationalities.isKnown(c)});
	if (!id.ok || !id.normalized) {
		const errors = id.problems.filter((p) => p.severity === 'error');
		const problems = {'zh-CN': errors.map((p) => p['zh-CN']).join('；'), en: errors.map((p) => p.en).join('; ')};
		throw new InputError('bad_id_number', {number: maskIdNumber(args.id), problems});
	}

	let basicCode = code;
	let itemRegion = args.itemRegion;
	if (code.length === 31) {
		const catalog = await openCatalog({dataDir: ctx.dataDir, catalogDir: ctx.settings.catalogDir});
		const impl = catalog.implementation(code);
		if (!impl) throw new InputError('implementation_not_found', {code});
		basicCode = impl.basicCode;
		itemRegion ??= impl.regionCode;
	}

	const rules = loadRuleSet(rulesPath(ctx.settings.catalogDir || undefined));
	const item = rules.items[basicCode];
	if (!item) throw new InputError('eligibility_item_unknown', {itemCode: basicCode});

	const answers: Record<string, unknown> = {};
	for (const raw of args.answer ?? []) {
		const at = raw.indexOf('=');
		if (at <= 0) throw new InputError('bad_answer', {value: raw});
		const key = raw.slice(0, at).trim();
		const question = item.questions.find((q) => q.id === key);
		if (!question) {
			// The service names the questions the item has.
			answers[key] = raw.slice(at + 1);
			continue;
		}
		const parsed = parseAnswer(question, raw.slice(at + 1));
		if (!parsed.ok) throw new InputError('eligibility_bad_answer', {question: key, problem: parsed.problem}, {question: key});
		answers[key] = parsed.value;
	}

	const facts = args.demo ? createMemoryFacts() : lazyHubFacts(ctx, args, rules, basicCode);
	const service = createEligibilityService({
		rules,
		facts,
		clock: systemClock,
		isKnownRegion: (c) => regions.isKnown(c),
		isKnownNationality: (c) => nationalities.isKnown(c),
		provinceName: (c) => regions.provinceName(c),
	});
	const card = {
		idNumber: id.normalized,
		...(args.validFrom ? {validFrom: args.validFrom} : {}),
		...(args.validUntil ? {validUntil: args.validUntil} : {}),
	};
	let decision;
	try {
		decision = await service.evaluate({
			itemCode: basicCode,
			card,
			answers,
			...(itemRegion ? {regionCode: itemRegion} : {}),
			...(args.region ? {counterRegion: args.region} : {}),
			...(args.on ? {on: args.on} : {}),
		});
	} catch (error) {
		throw error;
	}

	const context = {idNumber: id.normalized, ...(args.region ? {counterRegion: args.region} : {}), ...(itemRegion ? {itemRegion} : {})};
	if (ctx.json) ctx.out(JSON.stringify(decisionJson(decision, context), null, 2));
	else ctx.out(decisionText(ctx.lang, decision, context).join('\n'));

	if (decision.result === 'eligible') return EXIT.ok;
	if (decision.result === 'needs_checking' && decision.hubUnavailable) return EXIT.hub;
	return EXIT.partial;
}

/** The hub is only contacted (and only has to be configured) when the item reads hub facts. */
function lazyHubFacts(ctx: CommandContext, args: CheckArgs, rules: RuleSet, itemCode: string): FactsPort {
	return {
		async query(idNumber, code, names) {
			let hub;
			try {
				hub = hubClientFor(ctx, args, {retries: 1});
			} catch (error) {
				if (isAppError(error) && error.code === 'hub_not_configured') {
					throw new InputError('eligibility_no_hub', {facts: hubFactsFor(rules, itemCode).join(', ')});
				}
				throw error;
			}
			try {
				return await factsFromHub(hub).query(idNumber, code, names);
			} finally {
				await hub.close();
			}
		},
	};
}
