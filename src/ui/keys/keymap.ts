/**
 * THE keymap: the one table that drives key handling (router), the `?` help overlay and the
 * hint line. Add a key here and all three follow. Keys are tokens produced by `tokens.ts`:
 * a single printable character ('j', '?', 'G') or a named key ('escape', 'return', 'up',
 * 'pagedown', 'ctrl+c' …).
 */
import type {MessageKey} from '../i18n/index.js';
import type {Role} from '../services.js';

/**
 * Where a binding applies. Text scopes ('input', 'palette') receive printable characters as
 * text, so only named keys are looked up there; 'global' is consulted after the focused scope.
 */
export type KeyScope =
	| 'global'
	| 'search'
	| 'input'
	| 'detail'
	| 'palette'
	| 'help'
	| 'signin'
	| 'lock'
	| 'approval'
	| 'applicant'
	| 'manual'
	| 'confirm'
	| 'cases'
	| 'audit'
	| 'eligibility'
	| 'answer'
	| 'materials'
	| 'capture'
	| 'review'
	| 'receipt'
	| 'drafts'
	| 'work'
	| 'taskCard'
	| 'taskPictures'
	| 'taskReview'
	| 'taskDone'
	| 'waybill'
	| 'followUp'
	| 'day';

/** Optional services a binding needs: without them the key is absent from router, hints and help. */
export type Capability = 'reader' | 'demoCards' | 'cases' | 'audit' | 'session' | 'eligibility' | 'camera' | 'cameraPages' | 'submission' | 'printer' | 'work' | 'workPrinter' | 'dayReport';

export type ActionId =
	| 'app.help'
	| 'app.search'
	| 'app.palette'
	| 'app.back'
	| 'app.quit'
	| 'list.down'
	| 'list.up'
	| 'list.pageDown'
	| 'list.pageUp'
	| 'list.top'
	| 'list.bottom'
	| 'list.open'
	| 'filter.mode'
	| 'filter.type'
	| 'filter.province'
	| 'filter.clear'
	| 'input.submit'
	| 'input.toResults'
	| 'input.cancel'
	| 'input.clearLine'
	| 'input.backspace'
	| 'input.down'
	| 'input.up'
	| 'detail.down'
	| 'detail.up'
	| 'detail.pageDown'
	| 'detail.pageUp'
	| 'detail.top'
	| 'detail.bottom'
	| 'palette.run'
	| 'palette.complete'
	| 'palette.next'
	| 'palette.prev'
	| 'palette.backspace'
	| 'palette.close'
	| 'help.close'
	| 'help.down'
	| 'help.up'
	| 'help.pageDown'
	| 'help.pageUp'
	| 'help.top'
	| 'help.bottom'
	| 'app.applicant'
	| 'app.cases'
	| 'app.audit'
	| 'app.day'
	| 'day.down'
	| 'day.up'
	| 'day.pageDown'
	| 'day.pageUp'
	| 'day.top'
	| 'day.bottom'
	| 'day.refresh'
	| 'app.lock'
	| 'card.read'
	| 'applicant.reveal'
	| 'applicant.manual'
	| 'demo.nextCard'
	| 'demo.liftCard'
	| 'manual.submit'
	| 'manual.cancel'
	| 'manual.backspace'
	| 'manual.kind'
	| 'applicant.typedName'
	| 'applicant.agent'
	| 'confirm.yes'
	| 'confirm.no'
	| 'signin.submit'
	| 'signin.switchField'
	| 'signin.backspace'
	| 'signin.clear'
	| 'lock.submit'
	| 'lock.backspace'
	| 'lock.clear'
	| 'signin.supervisorUnlock'
	| 'lock.supervisorUnlock'
	| 'lock.switchOperator'
	| 'approval.submit'
	| 'approval.switchField'
	| 'approval.backspace'
	| 'approval.clear'
	| 'approval.cancel'
	| 'cases.down'
	| 'cases.up'
	| 'cases.refresh'
	| 'audit.down'
	| 'audit.up'
	| 'audit.pageDown'
	| 'audit.pageUp'
	| 'audit.top'
	| 'audit.bottom'
	| 'eligibility.open'
	| 'eligibility.yes'
	| 'eligibility.no'
	| 'eligibility.down'
	| 'eligibility.up'
	| 'eligibility.toggle'
	| 'eligibility.submit'
	| 'eligibility.skip'
	| 'eligibility.recheck'
	| 'eligibility.pageDown'
	| 'eligibility.pageUp'
	| 'answer.submit'
	| 'answer.backspace'
	| 'answer.clear'
	| 'answer.skip'
	| 'materials.open'
	| 'materials.down'
	| 'materials.up'
	| 'materials.capture'
	| 'materials.original'
	| 'materials.page'
	| 'capture.accept'
	| 'capture.retake'
	| 'capture.discard'
	| 'capture.acceptVerified'
	| 'app.drafts'
	| 'review.open'
	| 'review.submit'
	| 'review.down'
	| 'review.up'
	| 'draft.abandon'
	| 'receipt.print'
	| 'receipt.next'
	| 'receipt.down'
	| 'receipt.up'
	| 'drafts.down'
	| 'drafts.up'
	| 'drafts.resume'
	| 'app.work'
	| 'work.down'
	| 'work.up'
	| 'work.open'
	| 'work.refresh'
	| 'task.down'
	| 'task.up'
	| 'task.capture'
	| 'task.review'
	| 'task.pictures'
	| 'task.submit'
	| 'task.finish'
	| 'task.print'
	| 'task.scrollDown'
	| 'task.scrollUp'
	| 'task.carrier'
	| 'task.ship'
	| 'waybill.backspace'
	| 'waybill.clear'
	| 'task.followUp'
	| 'note.backspace'
	| 'note.clear';

/**
 * When a binding can act, by name; keys/when.ts evaluates them over the console's state. A
 * binding with a `when` that does not hold is left out of the hints and the help, and the router
 * swallows its key (it does not fall through to a global key of the same letter).
 */
export type Condition =
	| 'hits'
	| 'severalHits'
	| 'question'
	| 'yesNoQuestion'
	| 'multipleChoice'
	| 'pictureToKeep'
	| 'pictureToRetake'
	| 'captureNotSaving'
	| 'draftNotSubmitted'
	| 'drafts'
	| 'severalDrafts'
	| 'applicantNumber'
	| 'severalCases'
	| 'workItems'
	| 'severalWorkItems'
	| 'severalPictures'
	| 'helpScrolls'
	| 'pinTyped'
	| 'signInTyped'
	| 'signInLocked';

/** Whether a binding can act right now (keys/when.ts); router, hints and help take the same one. */
export type Available = (binding: KeyBinding) => boolean;

const ALWAYS: Available = () => true;

export interface KeyBinding {
	action: ActionId;
	keys: readonly string[];
	scope: KeyScope;
	/** i18n key of the short description shown in hints and help. */
	label: MessageKey;
	/** Shown in the hint line (the help overlay shows every binding of the scope). */
	hint: boolean;
	/** Only operators with one of these roles get the key (absent: everyone). */
	roles?: readonly Role[];
	/** Only consoles with this service get the key. */
	needs?: Capability;
	/** Only while this holds in the console's state (absent: always). */
	when?: Condition;
}

export type Keymap = readonly KeyBinding[];

export const KEYMAP: Keymap = [
	{action: 'app.help', keys: ['?'], scope: 'global', label: 'key.help', hint: true},
	{action: 'app.search', keys: ['/'], scope: 'global', label: 'key.search', hint: true},
	{action: 'app.palette', keys: [':'], scope: 'global', label: 'key.palette', hint: true},
	{action: 'app.back', keys: ['escape'], scope: 'global', label: 'key.back', hint: true},
	{action: 'app.quit', keys: ['q', 'ctrl+c'], scope: 'global', label: 'key.quit', hint: true},
	{action: 'card.read', keys: ['r'], scope: 'global', label: 'key.readCard', hint: true, roles: ['clerk'], needs: 'reader'},
	{action: 'app.applicant', keys: ['a'], scope: 'global', label: 'key.applicant', hint: false, roles: ['clerk'], needs: 'reader'},
	{action: 'app.cases', keys: ['c'], scope: 'global', label: 'key.cases', hint: true, roles: ['clerk', 'admin'], needs: 'cases'},
	{action: 'app.audit', keys: ['A'], scope: 'global', label: 'key.audit', hint: false, roles: ['admin'], needs: 'audit'},
	{action: 'app.lock', keys: ['ctrl+l'], scope: 'global', label: 'key.lock', hint: false, needs: 'session'},
	{action: 'app.drafts', keys: ['d'], scope: 'global', label: 'key.drafts', hint: false, roles: ['clerk'], needs: 'submission'},
	{action: 'app.day', keys: ['E'], scope: 'global', label: 'key.day', hint: true, roles: ['supervisor'], needs: 'dayReport'},

	{action: 'list.open', keys: ['return'], scope: 'search', label: 'key.open', hint: true, when: 'hits'},
	{action: 'list.down', keys: ['j', 'down'], scope: 'search', label: 'key.down', hint: true, when: 'severalHits'},
	{action: 'list.up', keys: ['k', 'up'], scope: 'search', label: 'key.up', hint: true, when: 'severalHits'},
	{action: 'list.pageDown', keys: ['pagedown'], scope: 'search', label: 'key.pageDown', hint: false, when: 'severalHits'},
	{action: 'list.pageUp', keys: ['pageup'], scope: 'search', label: 'key.pageUp', hint: false, when: 'severalHits'},
	{action: 'list.top', keys: ['g', 'home'], scope: 'search', label: 'key.top', hint: false, when: 'severalHits'},
	{action: 'list.bottom', keys: ['G', 'end'], scope: 'search', label: 'key.bottom', hint: false, when: 'severalHits'},
	{action: 'filter.province', keys: ['p'], scope: 'search', label: 'key.cycleProvince', hint: true},
	{action: 'filter.mode', keys: ['m'], scope: 'search', label: 'key.cycleMode', hint: true},
	{action: 'filter.type', keys: ['t'], scope: 'search', label: 'key.cycleType', hint: false},
	{action: 'filter.clear', keys: ['x'], scope: 'search', label: 'key.clearFilters', hint: false},

	{action: 'input.submit', keys: ['return'], scope: 'input', label: 'key.submit', hint: true, when: 'hits'},
	{action: 'input.toResults', keys: ['tab'], scope: 'input', label: 'key.toResults', hint: true},
	{action: 'input.down', keys: ['down'], scope: 'input', label: 'key.down', hint: true, when: 'severalHits'},
	{action: 'input.up', keys: ['up'], scope: 'input', label: 'key.up', hint: true, when: 'severalHits'},
	{action: 'list.pageDown', keys: ['pagedown'], scope: 'input', label: 'key.pageDown', hint: false, when: 'severalHits'},
	{action: 'list.pageUp', keys: ['pageup'], scope: 'input', label: 'key.pageUp', hint: false, when: 'severalHits'},
	{action: 'input.cancel', keys: ['escape'], scope: 'input', label: 'key.clearInput', hint: true},
	{action: 'input.clearLine', keys: ['ctrl+u'], scope: 'input', label: 'key.clearLine', hint: false},
	{action: 'input.backspace', keys: ['backspace', 'delete'], scope: 'input', label: 'key.backspace', hint: false},

	{action: 'eligibility.open', keys: ['e'], scope: 'detail', label: 'key.eligibility', hint: true, roles: ['clerk'], needs: 'eligibility'},
	{action: 'materials.open', keys: ['m'], scope: 'detail', label: 'key.materials', hint: true, roles: ['clerk'], needs: 'camera'},
	{action: 'detail.down', keys: ['j', 'down'], scope: 'detail', label: 'key.scrollDown', hint: true},
	{action: 'detail.up', keys: ['k', 'up'], scope: 'detail', label: 'key.scrollUp', hint: true},
	{action: 'detail.pageDown', keys: ['pagedown', ' '], scope: 'detail', label: 'key.pageDown', hint: true},
	{action: 'detail.pageUp', keys: ['pageup'], scope: 'detail', label: 'key.pageUp', hint: false},
	{action: 'detail.top', keys: ['g', 'home'], scope: 'detail', label: 'key.top', hint: false},
	{action: 'detail.bottom', keys: ['G', 'end'], scope: 'detail', label: 'key.bottom', hint: false},

	{action: 'palette.run', keys: ['return'], scope: 'palette', label: 'key.run', hint: true},
	{action: 'palette.complete', keys: ['tab'], scope: 'palette', label: 'key.complete', hint: true},
	{action: 'palette.next', keys: ['down'], scope: 'palette', label: 'key.down', hint: true},
	{action: 'palette.prev', keys: ['up'], scope: 'palette', label: 'key.up', hint: true},
	{action: 'palette.close', keys: ['escape'], scope: 'palette', label: 'key.close', hint: true},
	{action: 'palette.backspace', keys: ['backspace', 'delete'], scope: 'palette', label: 'key.backspace', hint: false},

	{action: 'help.close', keys: ['escape', '?', 'q'], scope: 'help', label: 'key.close', hint: true},
	// The help's scroll keys: the letters hinted (the line holds them all at 80 columns), the named keys listed in the help.
	{action: 'help.down', keys: ['j'], scope: 'help', label: 'key.scrollDown', hint: true, when: 'helpScrolls'},
	{action: 'help.up', keys: ['k'], scope: 'help', label: 'key.scrollUp', hint: true, when: 'helpScrolls'},
	{action: 'help.pageDown', keys: ['pagedown'], scope: 'help', label: 'key.pageDown', hint: true, when: 'helpScrolls'},
	{action: 'help.pageUp', keys: ['pageup'], scope: 'help', label: 'key.pageUp', hint: true, when: 'helpScrolls'},
	{action: 'help.top', keys: ['g'], scope: 'help', label: 'key.top', hint: true, when: 'helpScrolls'},
	{action: 'help.bottom', keys: ['G'], scope: 'help', label: 'key.bottom', hint: true, when: 'helpScrolls'},
	{action: 'help.down', keys: ['down', ' '], scope: 'help', label: 'key.scrollDown', hint: false, when: 'helpScrolls'},
	{action: 'help.up', keys: ['up'], scope: 'help', label: 'key.scrollUp', hint: false, when: 'helpScrolls'},
	{action: 'help.top', keys: ['home'], scope: 'help', label: 'key.top', hint: false, when: 'helpScrolls'},
	{action: 'help.bottom', keys: ['end'], scope: 'help', label: 'key.bottom', hint: false, when: 'helpScrolls'},

	{action: 'signin.submit', keys: ['return'], scope: 'signin', label: 'key.signIn', hint: true},
	{action: 'signin.switchField', keys: ['tab', 'up', 'down'], scope: 'signin', label: 'key.switchField', hint: true},
	{action: 'signin.backspace', keys: ['backspace', 'delete'], scope: 'signin', label: 'key.backspace', hint: false},
	{action: 'signin.clear', keys: ['escape', 'ctrl+u'], scope: 'signin', label: 'key.clearLine', hint: true, when: 'signInTyped'},
	// The hub said the typed operator is locked (five wrong PINs): a supervisor's PIN unlocks them here.
	{action: 'signin.supervisorUnlock', keys: ['ctrl+o'], scope: 'signin', label: 'key.supervisorUnlock', hint: true, when: 'signInLocked'},
	{action: 'app.quit', keys: ['ctrl+c'], scope: 'signin', label: 'key.quit', hint: true},

	{action: 'lock.submit', keys: ['return'], scope: 'lock', label: 'key.unlock', hint: true},
	{action: 'lock.backspace', keys: ['backspace', 'delete'], scope: 'lock', label: 'key.backspace', hint: false},
	{action: 'lock.clear', keys: ['escape', 'ctrl+u'], scope: 'lock', label: 'key.clearLine', hint: true, when: 'pinTyped'},
	{action: 'lock.supervisorUnlock', keys: ['tab'], scope: 'lock', label: 'key.supervisorUnlock', hint: true},
	{action: 'lock.switchOperator', keys: ['ctrl+o'], scope: 'lock', label: 'key.switchOperator', hint: true},
	{action: 'app.quit', keys: ['ctrl+c'], scope: 'lock', label: 'key.quit', hint: true},

	// The supervisor's PIN at the clerk's terminal (maker-checker): the lock screen and the review open it.
	{action: 'approval.submit', keys: ['return'], scope: 'approval', label: 'key.approve', hint: true},
	{action: 'approval.switchField', keys: ['tab', 'up', 'down'], scope: 'approval', label: 'key.switchField', hint: true},
	{action: 'approval.backspace', keys: ['backspace', 'delete'], scope: 'approval', label: 'key.backspace', hint: false},
	{action: 'approval.clear', keys: ['ctrl+u'], scope: 'approval', label: 'key.clearLine', hint: false},
	{action: 'approval.cancel', keys: ['escape'], scope: 'approval', label: 'key.cancel', hint: true},
	{action: 'app.quit', keys: ['ctrl+c'], scope: 'approval', label: 'key.quit', hint: true},

	{action: 'card.read', keys: ['r', 'return'], scope: 'applicant', label: 'key.readCard', hint: true, needs: 'reader'},
	// The ways to a case first (an agent, a typed number, a card that will not read), showing the
	// full number after them: at 80 columns the hint line cuts from the end.
	{action: 'applicant.agent', keys: ['b'], scope: 'applicant', label: 'key.agent', hint: true},
	{action: 'applicant.manual', keys: ['n'], scope: 'applicant', label: 'key.manual', hint: true},
	{action: 'applicant.typedName', keys: ['N'], scope: 'applicant', label: 'key.typedApplicant', hint: true},
	{action: 'applicant.reveal', keys: ['v'], scope: 'applicant', label: 'key.reveal', hint: true, when: 'applicantNumber'},
	{action: 'demo.nextCard', keys: ['p'], scope: 'applicant', label: 'key.demoPlace', hint: true, needs: 'demoCards'},
	{action: 'demo.liftCard', keys: ['u'], scope: 'applicant', label: 'key.demoLift', hint: true, needs: 'demoCards'},

	{action: 'manual.submit', keys: ['return'], scope: 'manual', label: 'key.useNumber', hint: true},
	{action: 'manual.cancel', keys: ['escape'], scope: 'manual', label: 'key.close', hint: true},
	{action: 'manual.backspace', keys: ['backspace', 'delete'], scope: 'manual', label: 'key.backspace', hint: false},
	{action: 'manual.kind', keys: ['tab'], scope: 'manual', label: 'key.cardKind', hint: true},

	{action: 'confirm.yes', keys: ['y'], scope: 'confirm', label: 'key.confirm', hint: true},
	{action: 'confirm.no', keys: ['n', 'escape'], scope: 'confirm', label: 'key.cancel', hint: true},
	{action: 'app.quit', keys: ['ctrl+c'], scope: 'confirm', label: 'key.quit', hint: false},

	{action: 'cases.down', keys: ['j', 'down'], scope: 'cases', label: 'key.down', hint: true, when: 'severalCases'},
	{action: 'cases.up', keys: ['k', 'up'], scope: 'cases', label: 'key.up', hint: true, when: 'severalCases'},
	{action: 'cases.refresh', keys: ['R'], scope: 'cases', label: 'key.refresh', hint: true},

	{action: 'audit.down', keys: ['j', 'down'], scope: 'audit', label: 'key.scrollDown', hint: true},
	{action: 'audit.up', keys: ['k', 'up'], scope: 'audit', label: 'key.scrollUp', hint: true},
	{action: 'audit.pageDown', keys: ['pagedown', ' '], scope: 'audit', label: 'key.pageDown', hint: false},
	{action: 'audit.pageUp', keys: ['pageup'], scope: 'audit', label: 'key.pageUp', hint: false},
	{action: 'audit.top', keys: ['g', 'home'], scope: 'audit', label: 'key.top', hint: false},
	{action: 'audit.bottom', keys: ['G', 'end'], scope: 'audit', label: 'key.bottom', hint: false},

	{action: 'eligibility.submit', keys: ['return'], scope: 'eligibility', label: 'key.answer', hint: true, when: 'question'},
	{action: 'eligibility.yes', keys: ['y'], scope: 'eligibility', label: 'key.answerYes', hint: true, when: 'yesNoQuestion'},
	{action: 'eligibility.no', keys: ['n'], scope: 'eligibility', label: 'key.answerNo', hint: true, when: 'yesNoQuestion'},
	{action: 'eligibility.down', keys: ['j', 'down'], scope: 'eligibility', label: 'key.down', hint: false, when: 'question'},
	{action: 'eligibility.up', keys: ['k', 'up'], scope: 'eligibility', label: 'key.up', hint: false, when: 'question'},
	{action: 'eligibility.toggle', keys: [' '], scope: 'eligibility', label: 'key.toggleChoice', hint: false, when: 'multipleChoice'},
	{action: 'eligibility.skip', keys: ['s'], scope: 'eligibility', label: 'key.skipQuestion', hint: false, when: 'question'},
	{action: 'eligibility.recheck', keys: ['R'], scope: 'eligibility', label: 'key.recheck', hint: true},
	{action: 'materials.open', keys: ['m'], scope: 'eligibility', label: 'key.materials', hint: true, roles: ['clerk'], needs: 'camera'},
	{action: 'eligibility.pageDown', keys: ['pagedown'], scope: 'eligibility', label: 'key.pageDown', hint: false},
	{action: 'eligibility.pageUp', keys: ['pageup'], scope: 'eligibility', label: 'key.pageUp', hint: false},

	{action: 'answer.submit', keys: ['return'], scope: 'answer', label: 'key.answer', hint: true},
	{action: 'answer.skip', keys: ['tab'], scope: 'answer', label: 'key.skipQuestion', hint: true, when: 'question'},
	{action: 'card.read', keys: ['ctrl+r'], scope: 'answer', label: 'key.readCard', hint: true, needs: 'reader'},
	{action: 'eligibility.pageDown', keys: ['pagedown'], scope: 'answer', label: 'key.pageDown', hint: false},
	{action: 'eligibility.pageUp', keys: ['pageup'], scope: 'answer', label: 'key.pageUp', hint: false},
	{action: 'answer.clear', keys: ['ctrl+u'], scope: 'answer', label: 'key.clearLine', hint: false},
	{action: 'answer.backspace', keys: ['backspace', 'delete'], scope: 'answer', label: 'key.backspace', hint: false},

	{action: 'materials.capture', keys: ['return'], scope: 'materials', label: 'key.capture', hint: true},
	{action: 'materials.down', keys: ['j', 'down'], scope: 'materials', label: 'key.down', hint: true},
	{action: 'materials.up', keys: ['k', 'up'], scope: 'materials', label: 'key.up', hint: true},
	{action: 'materials.original', keys: ['o'], scope: 'materials', label: 'key.originalVerified', hint: true},
	{action: 'materials.page', keys: ['p'], scope: 'materials', label: 'key.demoPage', hint: true, needs: 'cameraPages'},
	{action: 'review.open', keys: ['s'], scope: 'materials', label: 'key.review', hint: true, needs: 'submission'},
	{action: 'eligibility.open', keys: ['e'], scope: 'materials', label: 'key.eligibility.back', hint: false, needs: 'eligibility'},

	{action: 'capture.accept', keys: ['return', 'y'], scope: 'capture', label: 'key.acceptCapture', hint: true, when: 'pictureToKeep'},
	{action: 'capture.acceptVerified', keys: ['o'], scope: 'capture', label: 'key.acceptVerified', hint: true, when: 'pictureToKeep'},
	{action: 'capture.retake', keys: ['r'], scope: 'capture', label: 'key.retake', hint: true, when: 'pictureToRetake'},
	{action: 'capture.discard', keys: ['escape', 'n'], scope: 'capture', label: 'key.discardCapture', hint: true, when: 'captureNotSaving'},
	{action: 'materials.page', keys: ['p'], scope: 'capture', label: 'key.demoPage', hint: false, needs: 'cameraPages'},

	{action: 'review.submit', keys: ['return'], scope: 'review', label: 'key.submitCase', hint: true, when: 'draftNotSubmitted'},
	{action: 'materials.open', keys: ['m'], scope: 'review', label: 'key.materials', hint: true, needs: 'camera'},
	{action: 'eligibility.open', keys: ['e'], scope: 'review', label: 'key.eligibility.back', hint: false, needs: 'eligibility'},
	{action: 'review.down', keys: ['j', 'down'], scope: 'review', label: 'key.scrollDown', hint: false},
	{action: 'review.up', keys: ['k', 'up'], scope: 'review', label: 'key.scrollUp', hint: false},
	{action: 'draft.abandon', keys: ['D'], scope: 'review', label: 'key.abandonDraft', hint: true, when: 'draftNotSubmitted'},

	{action: 'receipt.next', keys: ['return'], scope: 'receipt', label: 'key.nextCitizen', hint: true},
	{action: 'receipt.print', keys: ['p'], scope: 'receipt', label: 'key.printReceipt', hint: true, needs: 'printer'},
	{action: 'receipt.down', keys: ['j', 'down'], scope: 'receipt', label: 'key.scrollDown', hint: true},
	{action: 'receipt.up', keys: ['k', 'up'], scope: 'receipt', label: 'key.scrollUp', hint: false},

	{action: 'drafts.resume', keys: ['return'], scope: 'drafts', label: 'key.resumeDraft', hint: true, when: 'drafts'},
	{action: 'drafts.down', keys: ['j', 'down'], scope: 'drafts', label: 'key.down', hint: true, when: 'severalDrafts'},
	{action: 'drafts.up', keys: ['k', 'up'], scope: 'drafts', label: 'key.up', hint: true, when: 'severalDrafts'},
	{action: 'draft.abandon', keys: ['D'], scope: 'drafts', label: 'key.abandonDraft', hint: true, when: 'drafts'},

	// The branch's work queue and the return trips opened from it (docs/return-trips.md).
	{action: 'app.work', keys: ['w'], scope: 'global', label: 'key.work', hint: true, roles: ['clerk'], needs: 'work'},
	{action: 'work.open', keys: ['return'], scope: 'work', label: 'key.workOpen', hint: true, when: 'workItems'},
	{action: 'work.down', keys: ['j', 'down'], scope: 'work', label: 'key.down', hint: true, when: 'severalWorkItems'},
	{action: 'work.up', keys: ['k', 'up'], scope: 'work', label: 'key.up', hint: true, when: 'severalWorkItems'},
	{action: 'work.refresh', keys: ['R'], scope: 'work', label: 'key.refresh', hint: true},

	{action: 'card.read', keys: ['r', 'return'], scope: 'taskCard', label: 'key.readCard', hint: true, needs: 'reader'},
	{action: 'demo.nextCard', keys: ['p'], scope: 'taskCard', label: 'key.demoPlace', hint: true, needs: 'demoCards'},
	{action: 'app.back', keys: ['escape'], scope: 'taskCard', label: 'key.backToWork', hint: true},

	{action: 'task.capture', keys: ['return'], scope: 'taskPictures', label: 'key.capture', hint: true, needs: 'camera'},
	{action: 'task.down', keys: ['j', 'down'], scope: 'taskPictures', label: 'key.down', hint: true, when: 'severalPictures'},
	{action: 'task.up', keys: ['k', 'up'], scope: 'taskPictures', label: 'key.up', hint: true, when: 'severalPictures'},
	{action: 'task.review', keys: ['s'], scope: 'taskPictures', label: 'key.review', hint: true},
	{action: 'materials.page', keys: ['p'], scope: 'taskPictures', label: 'key.demoPage', hint: true, needs: 'cameraPages'},
	{action: 'app.back', keys: ['escape'], scope: 'taskPictures', label: 'key.backToWork', hint: true},

	{action: 'task.submit', keys: ['return'], scope: 'taskReview', label: 'key.taskSubmit', hint: true},
	{action: 'task.pictures', keys: ['m'], scope: 'taskReview', label: 'key.taskPictures', hint: true},
	{action: 'app.back', keys: ['escape'], scope: 'taskReview', label: 'key.backToWork', hint: true},

	{action: 'task.finish', keys: ['return'], scope: 'taskDone', label: 'key.backToWork', hint: true},
	{action: 'task.print', keys: ['p'], scope: 'taskDone', label: 'key.printReceipt', hint: true, needs: 'workPrinter'},
	{action: 'task.scrollDown', keys: ['j', 'down'], scope: 'taskDone', label: 'key.scrollDown', hint: true},
	{action: 'task.scrollUp', keys: ['k', 'up'], scope: 'taskDone', label: 'key.scrollUp', hint: false},

	{action: 'task.ship', keys: ['return'], scope: 'waybill', label: 'key.recordShipment', hint: true},
	{action: 'task.carrier', keys: ['tab'], scope: 'waybill', label: 'key.nextCarrier', hint: true},
	{action: 'app.back', keys: ['escape'], scope: 'waybill', label: 'key.backToWork', hint: true},
	{action: 'waybill.clear', keys: ['ctrl+u'], scope: 'waybill', label: 'key.clearLine', hint: false},
	{action: 'waybill.backspace', keys: ['backspace', 'delete'], scope: 'waybill', label: 'key.backspace', hint: false},
	// 差评整改: a supervisor's follow-up of a bad evaluation (docs/people.md#好差评-evaluation).
	{action: 'task.followUp', keys: ['return'], scope: 'followUp', label: 'key.recordFollowUp', hint: true},
	{action: 'app.back', keys: ['escape'], scope: 'followUp', label: 'key.backToWork', hint: true},
	{action: 'note.clear', keys: ['ctrl+u'], scope: 'followUp', label: 'key.clearLine', hint: false},
	{action: 'note.backspace', keys: ['backspace', 'delete'], scope: 'followUp', label: 'key.backspace', hint: false},

	{action: 'day.down', keys: ['j', 'down'], scope: 'day', label: 'key.scrollDown', hint: true},
	{action: 'day.up', keys: ['k', 'up'], scope: 'day', label: 'key.scrollUp', hint: true},
	{action: 'day.pageDown', keys: ['pagedown', ' '], scope: 'day', label: 'key.pageDown', hint: false},
	{action: 'day.pageUp', keys: ['pageup'], scope: 'day', label: 'key.pageUp', hint: false},
	{action: 'day.top', keys: ['g', 'home'], scope: 'day', label: 'key.top', hint: false},
	{action: 'day.bottom', keys: ['G', 'end'], scope: 'day', label: 'key.bottom', hint: false},
	{action: 'day.refresh', keys: ['R'], scope: 'day', label: 'key.refresh', hint: true},
];

/** Who is at the console and what it is wired to: decides which bindings exist. */
export interface KeyGate {
	roles: readonly Role[];
	has(capability: Capability): boolean;
}

export function allowedBy(gate: KeyGate, entry: {roles?: readonly Role[]; needs?: Capability}): boolean {
	if (entry.needs && !gate.has(entry.needs)) return false;
	return !entry.roles || entry.roles.some((role) => gate.roles.includes(role));
}

/** The keymap as one operator at one console has it (router, hints and help all read this). */
export function gatedKeymap(gate: KeyGate, keymap: Keymap = KEYMAP): Keymap {
	return keymap.filter((binding) => allowedBy(gate, binding));
}

/** What has the keyboard right now; decides the scopes consulted, most specific first. */
export type Focus = Exclude<KeyScope, 'global'>;

/** Modal focuses: nothing of the global scope applies (their own scope binds ctrl+c). */
const MODAL: ReadonlySet<Focus> = new Set(['signin', 'lock', 'approval', 'confirm']);

/** Text scopes take printable input as text instead of looking it up as keys. */
export function isTextFocus(focus: Focus): boolean {
	return focus === 'input' || focus === 'palette' || focus === 'signin' || focus === 'lock' || focus === 'approval' || focus === 'manual' || focus === 'answer' || focus === 'waybill' || focus === 'followUp';
}

/**
 * Scopes consulted for a focus, most specific first. Overlays are modal: in 'help' and
 * 'palette' only ctrl+c reaches the global scope (see `router.ts`).
 */
export function scopesFor(focus: Focus): KeyScope[] {
	return MODAL.has(focus) ? [focus] : [focus, 'global'];
}

/**
 * The first binding of `scopes` (in order) that lists `token`, if it can act now: a key bound in
 * a scope that cannot act is swallowed, never passed on to a later scope.
 */
export function findBinding(token: string, scopes: readonly KeyScope[], keymap: Keymap = KEYMAP, available: Available = ALWAYS): KeyBinding | undefined {
	for (const scope of scopes) {
		const binding = keymap.find((entry) => entry.scope === scope && entry.keys.includes(token));
		if (binding) return available(binding) ? binding : undefined;
	}
	return undefined;
}

/** Bindings shown for a focus that can act now, focused scope first, without global keys shadowed by it. */
export function bindingsFor(focus: Focus, keymap: Keymap = KEYMAP, available: Available = ALWAYS): KeyBinding[] {
	const own = keymap.filter((entry) => entry.scope === focus);
	if (focus === 'help' || focus === 'palette' || MODAL.has(focus)) return own.filter(available);
	const taken = new Set(own.flatMap((entry) => entry.keys));
	const global = keymap.filter(
		(entry) =>
			entry.scope === 'global' &&
			entry.keys.some((key) => !taken.has(key) && !(isTextFocus(focus) && isPrintableKey(key))),
	);
	return [...own, ...global].filter(available);
}

/** Printable single-character keys (as opposed to named keys such as 'escape'). */
function isPrintableKey(key: string): boolean {
	return [...key].length === 1;
}

const KEY_NAMES: Record<string, string> = {
	escape: 'esc',
	return: 'enter',
	pagedown: 'PgDn',
	pageup: 'PgUp',
	backspace: 'bksp',
	delete: 'del',
	' ': 'space',
};

/** ASCII name of a key for hints and help (no arrows: they are ambiguous-width glyphs). */
function keyName(key: string): string {
	return KEY_NAMES[key] ?? key;
}

/** "j/down", the keys of a binding as shown to the operator. */
export function keysLabel(binding: KeyBinding, focus?: Focus): string {
	const keys = focus && isTextFocus(focus) ? binding.keys.filter((key) => !isPrintableKey(key)) : binding.keys;
	return keys.map(keyName).join('/');
}
