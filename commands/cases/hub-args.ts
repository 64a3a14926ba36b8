/**
 * Options every `cases` command shares (--hub, TLS files) and the client they build. The token
 * comes from TONGBAN_HUB_TOKEN (never from an argument: arguments show up in `ps` and history).
 */
import {logExchange} from '../../src/log/hub-exchange.js';
import type {Argv} from 'yargs';
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {errorText} from '../../src/i18n/errors.js';
import {HubClient, type HubClientOptions} from '../../src/hub/client.js';
import type {CommandContext, GlobalArgs} from '../context.js';

export interface HubArgs extends GlobalArgs {
	hub?: string;
	ca?: string;
	cert?: string;
	key?: string;
	retries?: number;
	timeout?: number;
}

export function withHubOptions<T extends GlobalArgs>(y: Argv<T>, lang: Lang): Argv<T & HubArgs> {
	return y
		.option('hub', {type: 'string', describe: hubText(lang, 'opt.hub')})
		.option('ca', {type: 'string', describe: hubText(lang, 'opt.ca')})
		.option('cert', {type: 'string', describe: hubText(lang, 'opt.cert')})
		.option('key', {type: 'string', describe: hubText(lang, 'opt.key')})
		.option('retries', {type: 'number', describe: hubText(lang, 'opt.retries')})
		.option('timeout', {type: 'number', describe: hubText(lang, 'opt.timeout')}) as unknown as Argv<T & HubArgs>;
}

/** The hub base URL with the version path: ".../api/v1" is added when the URL has no path. */
export function hubBaseUrl(raw: string): string {
	const url = new URL(raw);
	if (url.pathname === '/' || url.pathname === '') url.pathname = '/api/v1';
	return url.toString().replace(/\/$/, '');
}

/** Retries after a failed call: --retries (0 to 10), else `fallback`. The outbox uses it for submissions. */
export function retriesOf(args: HubArgs, fallback = 2): number {
	return args.retries !== undefined && Number.isInteger(args.retries) && args.retries >= 0 ? Math.min(args.retries, 10) : fallback;
}

export function hubClientFor(ctx: CommandContext, args: HubArgs, extra: Partial<HubClientOptions> = {}): HubClient {
	const raw = args.hub ?? ctx.settings.hubUrl;
	if (!raw) throw new InputError('hub_not_configured');
	let baseUrl: string;
	try {
		baseUrl = hubBaseUrl(raw);
	} catch {
		throw new InputError('hub_url_invalid', {url: raw});
	}
	if (args.timeout !== undefined && !(Number.isFinite(args.timeout) && args.timeout >= 1 && args.timeout <= 300)) throw new InputError('bad_timeout', {value: String(args.timeout)});
	const tls = {...(args.ca ? {caFile: args.ca} : {}), ...(args.cert ? {certFile: args.cert} : {}), ...(args.key ? {keyFile: args.key} : {})};
	const token = process.env.TONGBAN_HUB_TOKEN;
	return new HubClient({
		baseUrl,
		terminalId: ctx.settings.terminalId,
		...(token ? {token} : {}),
		...(Object.keys(tls).length > 0 ? {tls} : {}),
		// Long waits say what is being waited for, on stderr (stdout stays the command's output).
		onSlow: ({call, attempt, waitedMs, timeoutMs}) => ctx.err(hubText(ctx.lang, 'wait.slow', {call, attempt, waited: Math.round(waitedMs / 1000), timeout: Math.round(timeoutMs / 1000)})),
		onRetry: ({call, attempt, delayMs, error}) => ctx.err(hubText(ctx.lang, 'wait.retry', {call, attempt: attempt + 1, delay: (delayMs / 1000).toFixed(1), reason: errorText(error, ctx.lang)})),
		onExchange: (exchange) => logExchange(ctx.log, exchange),
		...extra,
		...(args.retries !== undefined ? {retries: retriesOf(args)} : {}),
		...(args.timeout !== undefined ? {timeoutMs: Math.round(args.timeout * 1000)} : {}),
	});
}
