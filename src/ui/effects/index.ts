/**
 * What the console does beyond its own state, one module per concern: the session, the
 * applicant, the eligibility step, the materials step, and the drafts with review, submission and
 * receipt. Built once per App from the services, the store and the flash; the key actions call
 * these. Nothing here throws into the render loop: failures become flashes (and audit failures a
 * flash of their own, the entry is never silently dropped).
 */
import type {FactValue} from '../../core/eligibility/model.js';
import type {DraftRecord} from '../services.js';
import {createApplicantEffects} from './applicant.js';
import {createApprovalEffects} from './approval.js';
import {createDraftEffects} from './drafts.js';
import {createEligibilityEffects} from './eligibility.js';
import {createMaterialsEffects} from './materials.js';
import {createSessionEffects} from './session.js';
import {createWorkEffects} from './work.js';
import {createAudit, type StoreDeps} from './shared.js';

export function createEffects(store: StoreDeps) {
	const deps = {...store, audit: createAudit(store)};
	const drafts = createDraftEffects(deps);
	const eligibility = createEligibilityEffects({...deps, drafts});
	const materials = createMaterialsEffects({...deps, drafts});
	const session = createSessionEffects(deps, {
		// Work a crash or a restart interrupted is offered first (clerks only: they do the cases).
		signedIn: (operator) => {
			if (operator.roles.includes('clerk') && store.services.submission) void drafts.openDrafts(true);
		},
	});
	const work = createWorkEffects(deps);
	const approval = createApprovalEffects(deps, {
		submit: (granted, allowDuplicate) => void drafts.submitApproved({id: granted.id, supervisorId: granted.supervisor.id, exceptions: granted.exceptions}, allowDuplicate),
		signOut: () => session.signOut('switch'),
	});
	const applicant = createApplicantEffects(deps, {cardRead: () => void eligibility.evaluate(), taskCard: (event) => void work.taskCard(event)});
	return {
		...session,
		...applicant,
		audit: deps.audit,
		eligibility,
		approval,
		materials,
		drafts,
		work,
		/** Resumes a stored draft at the step where it stopped. */
		resumeDraft(draft: DraftRecord): void {
			drafts.resume(draft, {
				eligibility: (code, answers) => eligibility.open(code, answers as Record<string, FactValue> | undefined),
				materials: (code) => materials.open(code),
				review: () => void drafts.openReview(),
			});
		},
	};
}

export type Effects = ReturnType<typeof createEffects>;
