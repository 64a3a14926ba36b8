/**
 * `tongban doctor [--json] [--bundle FILE]`: the one command a technician runs first
 * (docs/technician-guide.md#13-the-first-check-doctor). Checks the settings file, the data folder,
 * the hub, the reader and the camera, the audit chain and the outbox; prints one line per
 * finding (ok / warn / fail); exits with the code of the worst (src/core/doctor/findings.ts,
 * docs/architecture.md#exit-codes). It runs on a broken settings file (that is one of its
 * findings) and changes nothing but the audit log, which records the device probes.
 */
import {existsSync} from 'node:fs';
import type {Argv, CommandModule} from 'yargs';
import {doctorExitCode, finding, type Finding} from '../../src/core/doctor/findings.js';
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {doctorText, type DoctorMessageKey} from '../../src/i18n/doctor.js';
import {listRecent} from '../../src/store/audit-store.js';
import {runHandler, type CommandContext} from '../context.js';
import {hubBaseUrl, withHubOptions, type HubArgs} from '../cases/hub-args.js';
import {bundleFiles, maskedParams, redactedSettings, tarGz, writeBundle} from './bundle.js';
import {checkDevices} from './devices.js';
import {checkHub} from './hub.js';
import {checkAudit, checkDataFolder, checkOutbox, checkSettings, listDataFolder} from './local.js';

interface DoctorArgs extends HubArgs {
	bundle?: string;
	tail?: number;
}

/** A finding's message in `lang`: bilingual values in that language, the clock's direction worded. */
function message(lang: Lang, f: Finding, params = f.params): string {
	const filled: Record<string, string | number> = {};
	for (const [key, value] of Object.entries(params)) {
		if (value === undefined) continue;
		filled[key] = typeof value === 'string' || typeof value === 'number' ? value : 'en' in value ? value[lang] : value.code;
	}
	if (f.check === 'hub.clock' && typeof filled['direction'] === 'string') filled['direction'] = doctorText(lang, `clock.${filled['direction']}` as DoctorMessageKey);
	return doctorText(lang, f.code as DoctorMessageKey, filled);
}

async function runChecks(ctx: CommandContext, args: DoctorArgs): Promise<{findings: Finding[]; listing: Awaited<ReturnType<typeof listDataFolder>>}> {
	const now = () => new Date();
	const findings: Finding[] = [checkSettings(ctx.settingsInspection)];
	const listing = await listDataFolder(ctx.dataDir);
	findings.push(...(await checkDataFolder(ctx.dataDir, listing)));
	const raw = args.hub ?? ctx.settings.hubUrl;
	let baseUrl: string | undefined;
	if (!raw) findings.push(finding('hub.config', 'fail', 'hub.unset', {}, 2));
	else {
		try {
			baseUrl = hubBaseUrl(raw);
		} catch {
			findings.push(finding('hub.config', 'fail', 'hub.badUrl', {url: raw}, 2));
		}
	}
	if (baseUrl) {
		const tls = {...(args.ca ? {caFile: args.ca} : {}), ...(args.cert ? {certFile: args.cert} : {}), ...(args.key ? {keyFile: args.key} : {})};
		const timeout = args.timeout ?? 5;
		if (!(Number.isFinite(timeout) && timeout >= 1 && timeout <= 300)) throw new InputError('bad_timeout', {value: String(args.timeout)});
		findings.push(...(await checkHub({baseUrl, tls, now, timeoutMs: Math.round(timeout * 1000), terminalId: ctx.settings.terminalId})));
	}
	findings.push(...(await checkDevices(ctx)));
	findings.push(await checkAudit(ctx.dataDir));
	findings.push(await checkOutbox(ctx.dataDir, now()));
	return {findings, listing};
}

function environment(): Record<string, unknown> {
	const proxy = process.env.HTTPS_PROXY ?? process.env.https_proxy ?? process.env.HTTP_PROXY ?? process.env.http_proxy;
	let proxyHost: string | null = null;
	try {
		proxyHost = proxy ? new URL(proxy).host : null;
	} catch {
		proxyHost = '[not a URL]';
	}
	return {
		node: process.version,
		platform: process.platform,
		arch: process.arch,
		timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
		locale: process.env.LANG ?? null,
		hubToken: process.env.TONGBAN_HUB_TOKEN ? 'set' : 'not set',
		proxy: proxyHost,
		noProxy: Boolean(process.env.NO_PROXY ?? process.env.no_proxy),
		auditWaitMs: process.env.TONGBAN_AUDIT_WAIT_MS ?? null,
	};
}

export function doctorCommand(lang: Lang): CommandModule<HubArgs, DoctorArgs> {
	return {
		command: 'doctor',
		describe: doctorText(lang, 'cmd.doctor'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.option('bundle', {type: 'string', describe: doctorText(lang, 'opt.bundle')})
				.option('tail', {type: 'number', describe: doctorText(lang, 'opt.tail'), default: 50}) as unknown as Argv<DoctorArgs>,
		handler: (args) =>
			runHandler(
				args,
				async (ctx) => {
					const bundle = args.bundle;
					// Refused before anything runs: the bundle never replaces a file.
					if (bundle !== undefined && (bundle === '' || existsSync(bundle))) throw new InputError('bundle_exists', {file: bundle}, {file: bundle});
					const tail = Number(args.tail);
					if (!Number.isInteger(tail) || tail < 0 || tail > 10_000) throw new InputError('bad_tail', {value: String(args.tail)});
					const {findings, listing} = await runChecks(ctx, args);
					const exitCode = doctorExitCode(findings);
					const t = (key: DoctorMessageKey, params?: Record<string, string | number>) => doctorText(ctx.lang, key, params);
					const counts = {total: findings.length, ok: findings.filter((f) => f.status === 'ok').length, warn: findings.filter((f) => f.status === 'warn').length, fail: findings.filter((f) => f.status === 'fail').length, exit: exitCode};
					let written: {file: string; bytes: number; files: number} | undefined;
					if (bundle !== undefined) {
						const generatedAt = new Date();
						const auditTail = tail === 0 ? [] : await listRecent(ctx.dataDir, tail).catch(() => []);
						const files = bundleFiles({
							report: {
								generatedAt: generatedAt.toISOString(),
								terminalId: ctx.settings.terminalId,
								exitCode,
								findings: findings.map((f) => {
									const params = maskedParams(f.params);
									return {...f, params, message: {'zh-CN': message('zh-CN', f, params), en: message('en', f, params)}};
								}),
							},
							settings: redactedSettings(ctx.settingsInspection, ctx.settings),
							listing,
							auditTail,
							environment: environment(),
						});
						const stamp = generatedAt.toISOString().replace(/[-:]/g, '').slice(0, 15);
						const bytes = tarGz(`tongban-doctor-${ctx.settings.terminalId}-${stamp}`, files, generatedAt);
						await writeBundle(bundle, bytes);
						written = {file: bundle, bytes: bytes.length, files: files.length};
					}
					if (ctx.json) {
						ctx.out(
							JSON.stringify(
								{
									ok: exitCode === 0,
									exitCode,
									findings: findings.map((f) => ({check: f.check, status: f.status, code: f.code, exitCode: f.exitCode, message: message(ctx.lang, f)})),
									...(written ? {bundle: written} : {}),
								},
								null,
								2,
							),
						);
					} else {
						for (const f of findings) ctx.out(t('line', {status: t(`status.${f.status}`), check: t(`check.${f.check}` as DoctorMessageKey), message: message(ctx.lang, f)}));
						ctx.out(t('summary', counts));
						if (written) ctx.out(t('bundle.written', written));
					}
					return exitCode;
				},
				// A broken settings file is a finding, not a reason not to look at the rest.
				{settings: 'lenient'},
			),
	};
}
