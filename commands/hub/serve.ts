import type {Argv, CommandModule} from 'yargs';
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {runHandler, type GlobalArgs} from '../context.js';

interface ServeArgs extends GlobalArgs {
	port: number;
	host: string;
	faults?: string;
	speed: number;
	data?: string;
	seed?: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function hubServeCommand(lang: Lang): CommandModule<GlobalArgs, ServeArgs> {
	return {
		command: 'serve',
		describe: hubText(lang, 'cmd.hub.serve'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.option('port', {type: 'number', default: 8787, describe: hubText(lang, 'opt.port')})
				.option('host', {type: 'string', default: '127.0.0.1', describe: hubText(lang, 'opt.host')})
				.option('faults', {type: 'string', describe: hubText(lang, 'opt.faults')})
				.option('speed', {type: 'number', default: 1, describe: hubText(lang, 'opt.speed')})
				.option('data', {type: 'string', describe: hubText(lang, 'opt.data')})
				.option('seed', {type: 'number', describe: hubText(lang, 'opt.seed')}) as unknown as Argv<ServeArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new InputError('bad_port', {value: String(args.port)});
				if (!(args.speed > 0)) throw new InputError('bad_speed', {value: String(args.speed)});
				// The mock pulls in the demo catalog and fault machinery: load it only for this command.
				const {startMockHub} = await import('../../mocks/hub/server.js');
				const {FaultSpecError} = await import('../../mocks/hub/faults.js');
				let hub;
				try {
					hub = await startMockHub({
						port: args.port,
						host: args.host,
						speed: args.speed,
						...(args.faults ? {faults: args.faults} : {}),
						...(args.data ? {dataFile: args.data} : {}),
						...(args.seed !== undefined ? {seed: args.seed} : {}),
					});
				} catch (error) {
					if (error instanceof FaultSpecError) throw new InputError('bad_faults', {value: String(args.faults)}, {detail: error.message});
					// The listen errors a user can act on: another program has the port, or it needs privileges.
					const code = (error as NodeJS.ErrnoException).code;
					if (code === 'EADDRINUSE') throw new InputError('port_in_use', {port: args.port, host: args.host}, {cause: code});
					if (code === 'EACCES') throw new InputError('port_forbidden', {port: args.port, host: args.host}, {cause: code});
					if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError('host_unavailable', {host: args.host}, {cause: code});
					throw error;
				}
				if (!LOOPBACK.has(args.host)) ctx.err(hubText(ctx.lang, 'hub.notLoopback', {host: args.host}));
				if (ctx.json) ctx.out(JSON.stringify({url: hub.url}));
				else {
					ctx.out(hubText(ctx.lang, 'hub.listening', {url: hub.url}));
					ctx.err(hubText(ctx.lang, 'hub.tokenHint'));
				}
				await new Promise<void>((resolve) => {
					const stop = () => resolve();
					process.once('SIGINT', stop);
					process.once('SIGTERM', stop);
				});
				await hub.close();
				return 0;
			}),
	};
}

export function hubCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'hub',
		describe: hubText(lang, 'cmd.hub'),
		builder: (y: Argv<GlobalArgs>) => y.command(hubServeCommand(lang)).demandCommand(1),
		handler: () => {},
	};
}
