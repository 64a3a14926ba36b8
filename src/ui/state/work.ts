/**
 * The branch's work queue and the return trip open from it (pure): the ranked list the hub last
 * sent, and the task at the counter — a supplement (补正), a hand-over (领取) or a shipment
 * (资料流转) — with its steps: the card of whoever came, the pictures, the review, the document.
 */
import type {CounterMatch} from '../../core/cases/counter-match.js';
import type {MaskedPerson, WorkItem} from '../../core/cases/return-trips.js';
import {CARRIERS, type Carrier} from '../../core/cases/waybill.js';
import type {Bilingual} from '../../core/lang.js';
import type {MessageKey, Params} from '../i18n/index.js';
import type {CapturedImage} from '../services.js';
import type {AppEvent} from './events.js';
import type {CaptureState} from './case.js';

/** The code a hand-over keeps the agent's power of attorney (委托书) under. */
export const POA_CODE = 'POA';

type TaskStage = 'card' | 'pictures' | 'review' | 'form' | 'note' | 'sending' | 'done';

export interface WorkTask {
	item: WorkItem;
	stage: TaskStage;
	/** The card read at the counter matched this person of the case. */
	presenter?: {role: 'applicant' | 'agent'; strength: Extract<CounterMatch, {role: 'applicant' | 'agent'}>['strength']; person: MaskedPerson};
	/** The last card read did not match (shown until another card is read). */
	mismatch?: boolean;
	/** Pictures kept so far, by material code (POA_CODE for the 委托书). */
	kept: Record<string, {image: CapturedImage; originalVerified: boolean}>;
	/** Cursor on the list of pictures to take. */
	selected: number;
	capture?: CaptureState;
	/** Shipment form: the carrier and the typed waybill. */
	carrier: Carrier;
	waybill: string;
	/** Follow-up (差评整改): the supervisor's note as typed. */
	note: string;
	notice?: {tone: 'warn' | 'error'; key: MessageKey; params?: Params};
	/** The supplement receipt or hand-over slip on screen, and where it was saved. */
	document?: {lines: string[]; file: string; scroll: number};
}

export interface WorkState {
	/** The ranked list (undefined until the first answer). */
	items?: readonly WorkItem[];
	polledAt?: string;
	/** The last poll failed: why (the list shown is the last one that came). */
	error?: Bilingual;
	selected: number;
	task?: WorkTask;
}

export type WorkAction =
	| {type: 'work/items'; items: readonly WorkItem[]; polledAt: string}
	| {type: 'work/failed'; error: Bilingual}
	| {type: 'work/select'; index: number}
	| {type: 'work/open'; item: WorkItem}
	| {type: 'work/task'; patch: Partial<WorkTask>}
	/** Updates the task's capture (starting one when there is none); undefined drops it. */
	| {type: 'work/capture'; patch: Partial<CaptureState> | undefined}
	| {type: 'work/keep'; code: string; image: CapturedImage; originalVerified: boolean}
	| {type: 'work/close'};

export function initialWork(): WorkState {
	return {selected: 0};
}

/** The steps of a task, by what the branch must do: a shipment and a follow-up need no card. */
function firstStage(item: WorkItem): TaskStage {
	return item.need === 'shipment' ? 'form' : item.need === 'follow_up' ? 'note' : 'card';
}

/** The pictures a task takes: the materials asked for, or the agent's power of attorney. */
export function picturesOf(task: WorkTask): Array<{code: string; name: string}> {
	if (task.item.need === 'supplement') return task.item.materials ?? [];
	if (task.item.need === 'pickup' && task.presenter?.role === 'agent') return [{code: POA_CODE, name: ''}];
	return [];
}

export function allKept(task: WorkTask): boolean {
	return picturesOf(task).every((m) => task.kept[m.code] !== undefined);
}

export function workReducer(state: WorkState, action: WorkAction | AppEvent): WorkState {
	switch (action.type) {
		case 'work/items': {
			const {error: _error, ...rest} = state;
			return {...rest, items: action.items, polledAt: action.polledAt, selected: Math.max(0, Math.min(state.selected, action.items.length - 1))};
		}
		case 'work/failed':
			return {...state, error: action.error};
		case 'work/select':
			return {...state, selected: action.index};
		case 'work/open':
			return {...state, task: {item: action.item, stage: firstStage(action.item), kept: {}, selected: 0, carrier: CARRIERS[0], waybill: '', note: ''}};
		case 'work/task':
			return state.task ? {...state, task: {...state.task, ...action.patch}} : state;
		case 'work/capture': {
			if (!state.task) return state;
			const {capture: current, ...rest} = state.task;
			if (!action.patch) return {...state, task: rest};
			const capture = current ? {...current, ...action.patch} : ({materialCode: '', status: 'running', bytes: 0, total: 0, ...action.patch} as CaptureState);
			return {...state, task: {...rest, capture}};
		}
		case 'work/keep': {
			if (!state.task) return state;
			const {capture: _capture, ...rest} = state.task;
			return {...state, task: {...rest, kept: {...rest.kept, [action.code]: {image: action.image, originalVerified: action.originalVerified}}}};
		}
		case 'work/close': {
			const {task: _task, ...rest} = state;
			return rest;
		}
		// Pictures and the presenter are the citizen's: they leave with them, and with the operator.
		case 'nextCitizen':
		case 'signedIn': {
			const {task: _task, ...rest} = state;
			return rest;
		}
		default:
			return state;
	}
}
