/**
 * `tongban id validate <number>`: says what is wrong with a number (every problem, in the
 * operator's language), not just "invalid". Exit 0 valid, 2 invalid. The number is shown masked,
 * in --json too (script output ends up in logs); --reveal shows it in full, e.g. to copy the
 * 18-digit form of an upgraded 15-digit number.
 */
import type {Argv, CommandModule} from 'yargs';
import {builtinRegions} from '../../src/catalog/regions.js';
import {EXIT} from '../../src/core/errors.js';
import {validateIdNumber, HKMOTW_REGIONS} from '../../src/core/identity/idnumber.js';
import {maskIdNumber} from '../../src/core/identity/mask.js';
import {RegionTable} from '../../src/core/identity/regions.js';
import {systemClock} from '../../src/core/ports.js';
import type {Lang} from '../../src/i18n/cli.js';
import {devicesText} from '../../src/i18n/devices.js';
import {runHandler, type GlobalArgs} from '../context.js';

interface ValidateArgs extends GlobalArgs {
	number: string;
	reveal?: boolean;
}

export function idValidateCommand(lang: Lang): CommandModule<GlobalArgs, ValidateArgs> {
	return {
		command: 'validate <number>',
		describe: devicesText(lang, 'cmd.id.validate'),
		builder: (y: Argv<GlobalArgs>) =>
			// Kept a string: yargs would turn 11010519491231002 into a lossy number.
			y.positional('number', {type: 'string', describe: devicesText(lang, 'opt.number'), demandOption: true, coerce: String})
				.option('reveal', {type: 'boolean', default: false, describe: devicesText(lang, 'opt.reveal')}) as unknown as Argv<ValidateArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const t = (key: Parameters<typeof devicesText>[1], params?: Record<string, string | number>) => devicesText(ctx.lang, key, params);
				const regions = new RegionTable(builtinRegions());
				const result = validateIdNumber(String(args.number), {today: systemClock.now(), isKnownRegion: (code) => regions.isKnown(code)});
				const reveal = args.reveal === true;
				const show = (number: string) => (reveal ? number : maskIdNumber(number));
				const problems = result.problems.map((p) => ({code: p.code, severity: p.severity, message: p[ctx.lang]}));
				if (ctx.json) {
					ctx.out(
						JSON.stringify(
							{
								valid: result.ok,
								normalized: result.normalized ? show(result.normalized) : null,
								masked: !reveal,
								kind: result.kind ?? null,
								upgradedFrom15: result.upgradedFrom15 ?? false,
								regionCode: result.regionCode ?? null,
								region: result.regionCode ? regionName(regions, result.regionCode, ctx.lang) : null,
								birthDate: result.birthDate ?? null,
								sex: result.sex ?? null,
								problems,
							},
							null,
							2,
						),
					);
				} else {
					const shown = show(result.normalized ?? String(args.number).trim());
					ctx.out(result.ok ? t('id.valid', {number: shown, kind: t(`id.kind.${result.kind ?? 'resident'}`)}) : t('id.invalid', {number: shown}));
					for (const p of problems) ctx.out(p.severity === 'error' ? t('id.problem', {message: p.message}) : t('id.warning', {message: p.message}));
					if (result.upgradedFrom15 && result.normalized) ctx.out(t('id.upgraded', {number: show(result.normalized)}));
					if (result.regionCode) ctx.out(t('id.region', {code: result.regionCode, path: regionName(regions, result.regionCode, ctx.lang)}));
					if (result.birthDate) ctx.out(t('id.birth', {date: result.birthDate}));
					if (result.sex) ctx.out(t('id.sex', {sex: t(result.sex === 'male' ? 'id.male' : 'id.female')}));
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
