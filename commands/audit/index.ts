import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import {auditText} from '../../src/i18n/audit.js';
import type {CaseAcceptancePort} from '../../src/store/retention.js';
import type {GlobalArgs} from '../context.js';
import {auditExportCommand} from './export.js';
import {auditPurgeCommand} from './purge.js';
import {auditTailCommand} from './tail.js';
import {auditVerifyCommand} from './verify.js';

export interface AuditCommandDeps {
	/**
	 * When the hub accepted cases, for `purge`: a port, or one made for the command's data dir.
	 * Default: the data dir's case index (`cases.json`, see src/store/case-acceptance.ts).
	 */
	caseAcceptance?: CaseAcceptancePort | ((dataDir: string) => CaseAcceptancePort);
}

export function auditCommand(lang: Lang, deps: AuditCommandDeps = {}): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'audit',
		describe: auditText(lang, 'cmd.audit'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.command(auditVerifyCommand(lang))
				.command(auditExportCommand(lang))
				.command(auditTailCommand(lang))
				.command(auditPurgeCommand(lang, deps.caseAcceptance))
				.demandCommand(1),
		handler: () => {},
	};
}
