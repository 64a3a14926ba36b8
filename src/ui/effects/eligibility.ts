/**
 * The eligibility step's side: evaluating through the eligibility port, answering the open
 * questions one at a time (each answer re-evaluates), and the audit entry of a final decision.
 * Failures become a message on the step (and the view stays usable); nothing throws into the
 * render loop. The audit entry carries the masked number only, never the full one.
 */
import {checkAnswer, parseAnswer} from '../../core/eligibility/answers.js';
import type {Decision, FactValue} from '../../core/eligibility/model.js';
import {maskIdNumber} from '../../core/identity/mask.js';
import {validateTyped} from '../idNumber.js';
import {problemOf, type Bilingual} from '../problem.js';
import {agentActs, applicantNumber, currentQuestion} from '../state/case.js';
import {agentMaterialOf} from '../../core/catalog/model.js';
import type {DraftEffects} from './drafts.js';
import type {EffectDeps} from './shared.js';

export interface EligibilityEffectDeps extends EffectDeps {
	/** Keeps final decisions in the case's draft (absent in tests of the step alone). */
	drafts?: DraftEffects;
}


/** A final decision: no question left that could change the result. */
function isFinal(decision: Decision, skipped: readonly string[]): boolean {
	return !decision.openQuestions.some((q) => q.blocking && !skipped.includes(q.id));
}

export function createEligibilityEffects({services, getState, dispatch, flash, audit, drafts}: EligibilityEffectDeps) {
	let generation = 0;
	/** The last final decision recorded, so re-drawing or re-checking the same one does not record it twice. */
	let lastAudited = '';

	async function evaluate(): Promise<void> {
		const port = services.eligibility;
		const state = getState();
		const step = state.case.eligibility;
		const number = applicantNumber(state.case);
		if (!port || !step || !number) return;
		const implementation = services.catalog.implementation(step.implementationCode);
		if (!implementation) return;
		const mine = ++generation;
		dispatch({type: 'case/eligibility', patch: {busy: true, error: undefined}});
		const read = state.case.applicant.manualNumber ? undefined : state.case.applicant.card?.card;
		const card = {
			idNumber: number,
			...(read?.birthDate ? {birthDate: read.birthDate} : {}),
			...(read?.validFrom ? {validFrom: read.validFrom} : {}),
			...(read?.validUntil ? {validUntil: read.validUntil} : {}),
		};
		let decision: Decision;
		try {
			decision = await port.evaluate({
				itemCode: implementation.basicCode,
				regionCode: implementation.regionCode,
				...(services.counterRegion ? {counterRegion: services.counterRegion} : {}),
				card,
				answers: step.answers,
			});
		} catch (error) {
			if (mine === generation) dispatch({type: 'case/eligibility', patch: {busy: false, error: problemOf(error)}});
			return;
		}
		// A newer evaluation (another answer, another card) was started meanwhile: this one is stale.
		if (mine !== generation) return;
		dispatch({type: 'case/eligibility', patch: {busy: false, decision, cursor: 0, picked: [], input: ''}});
		const after = getState().case.eligibility;
		if (!after || !isFinal(decision, after.skipped)) return;
		// The decision and its answers are kept in the case's draft (created now if needed), so a
		// restart resumes here instead of asking the citizen again.
		drafts?.syncQuietly(implementation.implementationCode);
		const key = JSON.stringify([implementation.implementationCode, maskIdNumber(number), number.length, decision.result, after.answers, decision.ruleVersion]);
		if (key === lastAudited) return;
		lastAudited = key;
		audit({
			action: 'eligibility.decide',
			outcome: decision.result === 'eligible' ? 'ok' : decision.result === 'not_eligible' ? 'denied' : 'unknown',
			target: {itemCode: implementation.basicCode},
			details: {
				ruleSetVersion: decision.ruleVersion,
				eligible: decision.result === 'eligible',
				result: decision.result,
				idNumberMasked: maskIdNumber(number),
				implementationCode: implementation.implementationCode,
				regionCode: implementation.regionCode,
				counterRegion: services.counterRegion ?? null,
				failed: decision.reasons.filter((r) => r.outcome === 'fail').map((r) => r.ruleId),
				unknown: decision.reasons.filter((r) => r.outcome === 'unknown').map((r) => r.ruleId),
			},
		});
	}

	function answer(id: string, value: FactValue): void {
		const step = getState().case.eligibility;
		if (!step) return;
		dispatch({type: 'case/eligibility', patch: {answers: {...step.answers, [id]: value}, input: '', cursor: 0, picked: []}});
		void evaluate();
	}

	function rejected(problem: Bilingual): void {
		dispatch({type: 'case/eligibility', patch: {error: problem}});
	}

	return {
		evaluate,

		/** Opens the step; `answers` are a resumed draft's (the questions already answered). */
		open(implementationCode: string, answers?: Record<string, FactValue>): void {
			if (!services.eligibility) return;
			const implementation = services.catalog.implementation(implementationCode);
			if (!implementation) return;
			// 委托代办: the catalog says whether an agent may act (docs/people.md#agents-委托代办).
			if (agentActs(getState().case) && !agentMaterialOf(implementation)) {
				return flash({level: 'error', key: 'flash.agentNotAllowed', params: {name: services.catalog.item(implementation.basicCode)?.name ?? implementation.basicCode}});
			}
			if (!services.eligibility.hasRules(implementation.basicCode)) {
				return flash({level: 'warn', key: 'flash.noEligibilityRules', params: {code: implementation.basicCode}});
			}
			dispatch({type: 'openEligibility', implementationCode});
			if (answers && Object.keys(answers).length > 0) dispatch({type: 'case/eligibility', patch: {answers: {...answers}}});
			if (applicantNumber(getState().case)) void evaluate();
		},

		/** enter on a yes/no or choice question: the highlighted option (or the ticked ones). */
		submitChoice(): void {
			const step = getState().case.eligibility;
			const question = currentQuestion(step);
			if (!step || !question || step.busy) return;
			if (question.type === 'yesno') return answer(question.id, step.cursor === 0);
			const choices = question.choices ?? [];
			if (question.multiple) {
				const checked = checkAnswer(question, step.picked);
				if (!checked.ok) return rejected(checked.problem);
				return answer(question.id, checked.value);
			}
			const choice = choices[step.cursor];
			if (choice) answer(question.id, choice.value);
		},

		yesNo(value: boolean): void {
			const step = getState().case.eligibility;
			const question = currentQuestion(step);
			if (!step || step.busy) return;
			if (question?.type !== 'yesno') return flash({level: 'info', key: 'flash.notYesNo'});
			answer(question.id, value);
		},

		toggle(): void {
			const step = getState().case.eligibility;
			const question = currentQuestion(step);
			if (!step || !question?.multiple) return;
			const value = question.choices?.[step.cursor]?.value;
			if (!value) return;
			const picked = step.picked.includes(value) ? step.picked.filter((v) => v !== value) : [...step.picked, value];
			dispatch({type: 'case/eligibility', patch: {picked}});
		},

		skip(): void {
			const step = getState().case.eligibility;
			const question = currentQuestion(step);
			if (!step || !question) return;
			if (question.blocking) return flash({level: 'warn', key: 'flash.cannotSkip'});
			dispatch({type: 'case/eligibility', patch: {skipped: [...step.skipped, question.id], input: '', cursor: 0, picked: []}});
			void evaluate();
		},

		/** enter in the text field: an ID number (no applicant yet) or a date / number answer. */
		submitText(): void {
			const state = getState();
			const step = state.case.eligibility;
			if (!step || step.busy) return;
			if (!applicantNumber(state.case)) {
				const result = validateTyped(step.input, services);
				if (!result.ok || !result.normalized) {
					const problem = result.problems.find((p) => p.severity === 'error') ?? result.problems[0];
					return rejected(problem ? {'zh-CN': problem['zh-CN'], en: problem.en} : {'zh-CN': step.input, en: step.input});
				}
				dispatch({type: 'case/applicant', patch: {manual: undefined, manualNumber: result.normalized, card: undefined, revealed: false}});
				dispatch({type: 'case/eligibility', patch: {input: '', error: undefined}});
				return void evaluate();
			}
			const question = currentQuestion(step);
			if (!question) return;
			const parsed = parseAnswer(question, step.input);
			if (!parsed.ok) return rejected(parsed.problem);
			answer(question.id, parsed.value);
		},
	};
}
