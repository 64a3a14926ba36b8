import type {CommandModule} from 'yargs';
import {EXIT} from '../../src/core/errors.js';
import type {Lang} from '../../src/i18n/cli.js';
import {auditText} from '../../src/i18n/audit.js';
import {verifyAuditLog} from '../../src/store/audit-store.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {verifyMessage} from './format.js';

export function auditVerifyCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'verify',
		describe: auditText(lang, 'cmd.audit.verify'),
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const started = performance.now();
				const report = await verifyAuditLog(ctx.dataDir);
				const message = verifyMessage(ctx.lang, report);
				if (ctx.json) ctx.out(JSON.stringify({...report, message, ms: Math.round(performance.now() - started)}, null, 2));
				else if (report.ok) ctx.out(message);
				// Like every error: the verdict goes to stderr too, so a script's log shows it.
				if (!report.ok) ctx.err(message);
				return report.ok ? EXIT.ok : EXIT.integrity;
			}),
	};
}
