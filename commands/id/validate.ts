/**
 * `tongban id validate <number>`: says which kind of number it recognised (citizen ID, legacy
 * 15-digit citizen ID, HK/MO/TW residence permit, 2017 or 2023 foreign permanent resident card),
 * checks it by that kind's rule and says what is wrong (every problem, in the operator's
 * language) and what it could not check. Exit 0 valid, 2 invalid. The number is shown masked,
 * in --json too (script output ends up in logs); --reveal shows it in full, e.g. to copy the
 * 18-digit form of an upgraded 15-digit number.
 *
 * Batch (issue 16.8): with several numbers, --file or numbers on stdin, or --csv, one verdict
 * per input line is streamed (text, NDJSON with --json, CSV with --csv) as the lines come, in
 * bounded memory (src/text/bounded-lines.ts); exit 1 when any is invalid, like the other batch
 * commands' "some rows failed" (`cases status`). The single-number form keeps exit 2.
 */
import type {Argv, CommandModule} from 'yargs';
import {builtinRegionTable} from '../../src/catalog/regions.js';
import {EXIT} from '../../src/core/errors.js';
import {builtinNationalities} from '../../src/catalog/nationalities.js';
import {validateIdNumber, HKMOTW_REGIONS} from '../../src/core/identity/idnumber.js';
import {NationalityTable} from '../../src/core/identity/nationality.js';
import {maskIdNumber} from '../../src/core/identity/mask.js';
import {RegionTable} from '../../src/core/identity/regions.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {devicesText} from '../../src/i18n/devices.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {recognisedAs, validateBatch} from './validate-batch.js';

interface ValidateArgs extends GlobalArgs {
	numbers?: string[];
	file?: string;
	csv?: boolean;
	reveal?: boolean;
}

export function idValidateCommand(lang: Lang): CommandModule<GlobalArgs, ValidateArgs> {
	return {
		command: 'validate [numbers..]',
		describe: devicesText(lang, 'cmd.id.validate'),
		builder: (y: Argv<GlobalArgs>) =>
			// Kept strings: yargs would turn 11010519491231002 into a lossy number.
			y.positional('numbers', {type: 'string', array: true, describe: devicesText(lang, 'opt.number'), coerce: (values: unknown[]) => values.map(String)})
				.option('file', {type: 'string', nargs: 1, describe: devicesText(lang, 'opt.idFile')})
				.option('csv', {type: 'boolean', describe: devicesText(lang, 'opt.idCsv')})
				.option('reveal', {type: 'boolean', default: false, describe: devicesText(lang, 'opt.reveal')}) as unknown as Argv<ValidateArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const t = (key: Parameters<typeof devicesText>[1], params?: Record<string, string | number>) => devicesText(ctx.lang, key, params);
				const regions = builtinRegionTable();
				const nationalities = new NationalityTable(builtinNationalities());
				const today = systemClock.now();
				const validate = (number: string) =>
					validateIdNumber(number, {today, isKnownRegion: (code) => regions.isKnown(code), isKnownNationality: (code) => nationalities.isKnown(code)});
				const numbers = args.numbers ?? [];
				if (numbers.length !== 1 || args.file !== undefined || args.csv === true) {
					return validateBatch(ctx, {numbers, file: args.file, mode: ctx.json ? 'json' : args.csv ? 'csv' : 'text', reveal: args.reveal === true}, validate);
				}
				const number = numbers[0]!;
				const result = validate(number);
				const recognised = recognisedAs(result);
				const kindName = recognised ? t(`id.kind.${recognised}`) : null;
				const nationalityName = result.nationality ? (nationalities.name(result.nationality, ctx.lang) ?? '') : null;
				const reveal = args.reveal === true;
				const show = (number: string) => (reveal ? number : maskIdNumber(number));
				const problems = result.problems.map((p) => ({code: p.code, severity: p.severity, message: p[ctx.lang]}));
				const unchecked = result.unchecked.map((u) => ({part: u.part, message: u[ctx.lang]}));
				if (ctx.json) {
					ctx.out(
						JSON.stringify(
							{
								valid: result.ok,
								normalized: result.normalized ? show(result.normalized) : null,
								masked: !reveal,
								kind: result.kind ?? null,
								recognisedAs: recognised ?? null,
								kindName,
								upgradedFrom15: result.upgradedFrom15 ?? false,
								regionCode: result.regionCode ?? null,
								region: result.regionCode ? regionName(regions, result.regionCode, ctx.lang) : null,
								birthDate: result.birthDate ?? null,
								sex: result.sex ?? null,
								nationality: result.nationality ?? null,
								nationalityName,
								problems,
								unchecked,
							},
							null,
							2,
						),
					);
				} else {
					const shown = show(result.normalized ?? number.trim());
					if (result.ok) ctx.out(t('id.valid', {number: shown, kind: kindName ?? ''}));
					else ctx.out(kindName ? t('id.invalidKind', {number: shown, kind: kindName}) : t('id.invalid', {number: shown}));
					for (const p of problems) ctx.out(p.severity === 'error' ? t('id.problem', {message: p.message}) : t('id.warning', {message: p.message}));
					if (result.upgradedFrom15 && result.normalized) ctx.out(t('id.upgraded', {number: show(result.normalized)}));
					if (result.regionCode) ctx.out(t('id.region', {code: result.regionCode, path: regionName(regions, result.regionCode, ctx.lang)}));
					if (result.birthDate) ctx.out(t('id.birth', {date: result.birthDate}));
					if (result.sex) ctx.out(t('id.sex', {sex: t(result.sex === 'male' ? 'id.male' : 'id.female')}));
					if (result.nationality) ctx.out(t('id.nationality', {code: result.nationality, name: nationalityName ?? ''}).trimEnd());
					for (const u of unchecked) ctx.out(t('id.unchecked', {message: u.message}));
				}
				return result.ok ? EXIT.ok : EXIT.usage;
			}),
	};
}

function regionName(regions: RegionTable, code: string, lang: Lang): string {
	const path = regions.path(code);
	if (path.length > 0) return path.join(' ');
	const special = HKMOTW_REGIONS[code];
	if (special) return special[lang];
	return regions.provinceName(code) ?? '';
}
