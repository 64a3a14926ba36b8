/**
 * The case's context a supplement (补正) entry carries in the outbox: this terminal's own entry of
 * the case when it still has one (the applicant, masked wherever it is shown), else what the hub's
 * record says. The clerk, the terminal and the time are the supplement's own. Nothing more of the
 * citizen is copied than the entry needs: not the answers, not an agent (代办) named on the case.
 * Used by `tongban cases supplement` and the console's supplement step.
 */
import type {CaseRecord} from './model.js';
import type {CaseDraft} from './outbox.js';
import type {OutboxEntry} from './outbox-machine.js';

export function supplementContext(
	record: Pick<CaseRecord, 'caseId' | 'itemCode' | 'implementationCode' | 'receivingNode'>,
	entries: readonly OutboxEntry[],
	by: {operatorId: string; terminalId: string; branchCode: string; now: Date},
): CaseDraft {
	const own = entries.find((e) => e.supplementFor === undefined && e.receipt?.caseId === record.caseId);
	const base: CaseDraft = own
		? (({materials: _materials, agent: _agent, ...rest}) => ({...rest, answers: {}}))(own.submission)
		: {
				itemCode: record.itemCode,
				implementationCode: record.implementationCode,
				receivingNode: record.receivingNode,
				applicant: {idNumber: '', name: '', cardType: 'resident'},
				answers: {},
				eligibility: {result: 'unknown', ruleVersion: 'none'},
				operatorId: '',
				terminalId: '',
				createdAt: '',
			};
	return {...base, operatorId: by.operatorId, terminalId: by.terminalId, createdAt: by.now.toISOString(), branchCode: by.branchCode};
}
