/**
 * The shipped rules (data/catalog/rules.json) evaluated through the service, rule by rule, with
 * the boundaries that matter at the counter. "Today" is 2026-11-26 throughout. Last, every card
 * kind read through the reader goes through id-valid and the review.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {IdReader} from '../../devices/idreader/driver.js';
import {createIdReaderService} from '../../devices/idreader/service.js';
import {demoCard} from '../../mocks/devices/cards.js';
import {IdReaderEmulator} from '../../mocks/devices/idreader-emulator.js';
import {MockBinding, MockReaderHarness} from '../../mocks/devices/mock-port.js';
import {checkSubmission} from '../../mocks/hub/validate.js';
import {isKnownNationality} from '../catalog/nationalities.js';
import type {Implementation} from '../core/catalog/model.js';
import {reviewDraft, submissionFromDraft, type CounterDraft} from '../core/cases/counter-draft.js';
import type {Decision, FactValue, RuleSet} from '../core/eligibility/model.js';
import {HubError, InputError} from '../core/errors.js';
import {idCheckChar} from '../core/identity/idnumber.js';
import {createMemoryFacts, type FactRecords} from './facts-memory.js';
import {loadRuleSet, rulesPath} from './load.js';
import {createEligibilityService, type EligibilityRequest} from './service.js';

const TODAY = '2026-11-26';
const clock = {now: () => new Date(2026, 10, 26, 10, 0)};

/** A valid ID number for a region, birth date (YYYY-MM-DD) and sex. */
function idOf(region: string, birth: string, sex: 'male' | 'female'): string {
	const first17 = `${region}${birth.replaceAll('-', '')}12${sex === 'male' ? '1' : '2'}`;
	return first17 + idCheckChar(first17);
}

let rules: RuleSet;
beforeAll(() => {
	rules = loadRuleSet(rulesPath());
});

async function decide(request: EligibilityRequest, facts: Record<string, FactValue | null> = {}): Promise<Decision> {
	const id = request.card?.idNumber ?? request.idNumber ?? '';
	const records: FactRecords = {[id]: facts};
	const service = createEligibilityService({rules, facts: createMemoryFacts({records}), clock});
	return service.evaluate(request);
}

const outcome = (d: Decision, ruleId: string) => [...d.reasons, ...d.warnings, ...d.notes].find((r) => r.ruleId === ruleId)?.outcome;
const MAN_1980 = idOf('510107', '1980-05-01', 'male');

describe('企业职工基本养老保险关系转移接续 990120000001', () => {
	const code = '990120000001';

	it('is not for people already drawing a pension (high confidence, 国办发〔2009〕66号)', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440100'}, {'pension.recipient': true});
		expect(d.result).toBe('not_eligible');
		const reason = d.reasons[0]!;
		expect(reason).toMatchObject({ruleId: 'not-drawing-pension', outcome: 'fail', confidence: 'high'});
		expect(reason.source).toContain('国办发〔2009〕66号');
		expect(reason.message['zh-CN']).toContain('已在按月领取');
		expect(reason.message.en).toContain('already draws');
	});

	it('an unknown pension status needs checking and names the fact, never a guessed yes', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440100'}, {'pension.recipient': null});
		expect(d.result).toBe('needs_checking');
		expect(d.missing.map((m) => m.name)).toContain('pension.recipient');
		expect(d.missing.find((m) => m.name === 'pension.recipient')?.label['zh-CN']).toBe('是否正在按月领取基本养老金');
	});

	it.each([
		['man, 50th birthday today', 'male', '1976-11-26', '440100', 'shown'],
		['man, 50th birthday tomorrow', 'male', '1976-11-27', '440100', undefined],
		['woman, 40th birthday today', 'female', '1986-11-26', '440100', 'shown'],
		['woman, 40th birthday tomorrow', 'female', '1986-11-27', '440100', undefined],
		['woman of 45 (man threshold irrelevant)', 'female', '1981-01-01', '440100', 'shown'],
		['man of 60 moving to his own 户籍 province', 'male', '1966-01-01', '510100', undefined],
		['man of 60, implementing region not chosen', 'male', '1966-01-01', undefined, 'unknown'],
	] as const)('temporary-account warning: %s', async (_label, sex, birth, region, expected) => {
		const d = await decide({itemCode: code, idNumber: idOf('510107', birth, sex), ...(region ? {regionCode: region} : {})}, {'pension.recipient': false});
		expect(d.result).toBe('eligible');
		expect(outcome(d, 'temporary-account')).toBe(expected);
	});

	it('notes the ~45 working days', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440100'}, {'pension.recipient': false});
		expect(d.notes.find((n) => n.ruleId === 'transfer-duration')?.message['zh-CN']).toContain('45 个工作日');
		expect(d.ruleVersion).toBe(rules.version);
		expect(d.evaluatedOn).toBe(TODAY);
	});
});

describe('领取养老金人员待遇资格认证 990120000004', () => {
	const code = '990120000004';
	const recipient = (last: string | null, province = '44') => ({'pension.recipient': true, 'pension.province': province, 'pension.lastCertified': last});

	it('only for pension recipients', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000'}, {'pension.recipient': false, 'pension.province': '44'});
		expect(d.result).toBe('not_eligible');
		expect(outcome(d, 'is-pension-recipient')).toBe('fail');
	});

	it('certified for the paying province', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000'}, recipient('2026-06-01', '51'));
		expect(d.result).toBe('not_eligible');
		expect(d.reasons[0]).toMatchObject({ruleId: 'paying-province', outcome: 'fail', kind: 'province'});
		expect(d.reasons[0]!.message['zh-CN']).toContain('养老金由 51 发放');
	});

	it.each([
		['certified exactly 12 months ago: valid through today', '2025-11-26', undefined, 'shown'],
		['certified 12 months and a day ago: overdue', '2025-11-25', 'shown', undefined],
		['certified a month ago', '2026-10-26', undefined, 'shown'],
		['never certified on record (unknown)', null, 'unknown', undefined],
	] as const)('%s', async (_label, last, overdue, valid) => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000'}, recipient(last));
		expect(d.result).toBe('eligible');
		expect(outcome(d, 'certification-overdue')).toBe(overdue);
		expect(outcome(d, 'certification-valid')).toBe(valid);
	});

	it('explains an overdue certification: suspended, resumed with back pay, and the due date', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000'}, recipient('2025-06-30'));
		const warning = d.warnings.find((w) => w.ruleId === 'certification-overdue')!;
		expect(warning.message['zh-CN']).toContain('有效期至 2026-06-30');
		expect(warning.message['zh-CN']).toContain('补发');
		expect(warning.message.en).toContain('back pay');
	});
});

describe('异地就医登记备案 990220000001', () => {
	const code = '990220000001';
	const insured = {'medical.insuredStatus': 'normal', 'medical.insuredProvince': '44'};
	const ask = (answers: Record<string, unknown>, region = '440000') => decide({itemCode: code, idNumber: MAN_1980, regionCode: region, counterRegion: '510107', answers}, insured);

	it('without the category it needs checking and asks only the category', async () => {
		const d = await ask({});
		expect(d.result).toBe('needs_checking');
		expect(d.openQuestions.map((q) => [q.id, q.blocking])).toEqual([['category', true]]);
	});

	it('must be insured normally', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000', answers: {category: 'emergency'}}, {...insured, 'medical.insuredStatus': 'suspended'});
		expect(d.result).toBe('not_eligible');
		expect(outcome(d, 'insured-normally')).toBe('fail');
	});

	it.each([
		['long-term, pledge signed', {category: 'long-term-residence', materials: ['pledge']}, 'eligible'],
		['long-term, proof of residence', {category: 'retired-relocated', materials: ['residence-proof']}, 'eligible'],
		['long-term, neither', {category: 'posted-work', materials: []}, 'not_eligible'],
		['long-term, materials not stated', {category: 'posted-work'}, 'needs_checking'],
		['referral with certificate, not settled', {category: 'referral', materials: ['referral-cert'], settled: false}, 'eligible'],
		['referral without certificate', {category: 'referral', materials: ['pledge'], settled: false}, 'not_eligible'],
		['other temporary, already settled', {category: 'other-temporary', settled: true}, 'not_eligible'],
		['other temporary, not settled', {category: 'other-temporary', settled: false}, 'eligible'],
	])('%s', async (_label, answers, result) => {
		expect((await ask(answers)).result).toBe(result);
	});

	it('emergency treatment counts as filed: the settlement question is not even asked', async () => {
		const d = await ask({category: 'emergency'});
		expect(d.result).toBe('eligible');
		const reason = d.reasons.find((r) => r.ruleId === 'filed-before-settlement')!;
		expect(reason).toMatchObject({outcome: 'deemed', deemedBy: 'emergency-deemed-filed'});
		expect(d.openQuestions).toEqual([]);
		// Even already settled: deemed.
		expect((await ask({category: 'emergency', settled: true})).result).toBe('eligible');
	});

	it('an undecided deem rule keeps a failing rule open instead of refusing', async () => {
		const d = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000'}, insured);
		expect(outcome(d, 'filed-before-settlement')).toBe('unknown');
	});

	it('reimbursement-cut warnings: ≤10 points for referral/emergency, ≤20 for other, overridden to 10 in Guangdong', async () => {
		const emergency = await ask({category: 'emergency'});
		expect(emergency.warnings.find((w) => w.ruleId === 'rate-cut-referral-emergency')?.message['zh-CN']).toContain('最多降低 10 个百分点');
		const national = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '510000', answers: {category: 'other-temporary', settled: false}}, {...insured, 'medical.insuredProvince': '51'});
		expect(national.paramsFrom).toEqual([]);
		expect(national.warnings.find((w) => w.ruleId === 'rate-cut-other')?.message['zh-CN']).toContain('最多降低 20 个百分点');
		const guangdong = await ask({category: 'other-temporary', settled: false}, '440100');
		expect(guangdong.paramsFrom).toEqual(['44']);
		expect(guangdong.params['otherCutPoints']).toBe(10);
		expect(guangdong.warnings.find((w) => w.ruleId === 'rate-cut-other')?.message.en).toContain('at most 10 points');
	});

	it('filing is for the insuring province; a counter in that province gets a warning', async () => {
		const wrong = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '510000', answers: {category: 'emergency'}}, insured);
		expect(wrong.result).toBe('not_eligible');
		const same = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440000', counterRegion: '440305', answers: {category: 'emergency'}}, insured);
		expect(outcome(same, 'outside-insured-province')).toBe('shown');
	});
});

describe('住房公积金转移接续 990320000003', () => {
	const code = '990320000003';
	const ok = {'hpf.accountStatus': 'sealed', 'hpf.newAccountStatus': 'normal', 'hpf.outstandingLoan': false, 'hpf.newAccountMonths': 6};
	it.each([
		['Guangzhou requires 6 months: exactly 6', '440106', ok, 'eligible'],
		['Guangzhou requires 6 months: 5', '440106', {...ok, 'hpf.newAccountMonths': 5}, 'not_eligible'],
		['no minimum in Sichuan: 1 month', '510107', {...ok, 'hpf.newAccountMonths': 1}, 'eligible'],
		['old account not sealed', '510107', {...ok, 'hpf.accountStatus': 'normal'}, 'not_eligible'],
		['new account not contributing', '510107', {...ok, 'hpf.newAccountStatus': 'closed'}, 'not_eligible'],
		['outstanding fund loan at the old place', '510107', {...ok, 'hpf.outstandingLoan': true}, 'not_eligible'],
		['loan status unknown', '510107', {...ok, 'hpf.outstandingLoan': null}, 'needs_checking'],
	] as const)('%s', async (_label, region, facts, result) => {
		expect((await decide({itemCode: code, idNumber: MAN_1980, regionCode: region}, facts)).result).toBe(result);
	});

	it('per-city parameter: the region decides, and an unknown region leaves an overridden parameter unknown', async () => {
		const gz = await decide({itemCode: code, idNumber: MAN_1980, regionCode: '440106'}, {...ok, 'hpf.newAccountMonths': 5});
		expect(gz.paramsFrom).toEqual(['4401']);
		expect(gz.reasons[0]!.message['zh-CN']).toContain('转入地要求满 6 个月');
		const nowhere = await decide({itemCode: code, idNumber: MAN_1980}, {...ok, 'hpf.newAccountMonths': 5});
		expect(nowhere.result).toBe('needs_checking');
		const open = nowhere.reasons.filter((r) => r.outcome === 'unknown');
		expect(open.map((r) => [r.ruleId, r.missing.map((m) => m.name)])).toEqual([['minimum-months', ['params.minContributionMonths']]]);
		expect(open[0]!.missing[0]!.label.en).toContain('implementing region');
	});
});

describe('居民身份证异地换领 / 补领', () => {
	const card = (validUntil: string) => ({idNumber: MAN_1980, validFrom: '2016-12-01', validUntil});
	it.each([
		['expiring today', '2026-11-26', {}, 'eligible'],
		['expiring in exactly 3 months', '2027-02-26', {}, 'eligible'],
		['expiring in 3 months and a day, no other reason given', '2027-02-27', {}, 'needs_checking'],
		['expiring in 3 months and a day, reason "expiring"', '2027-02-27', {reason: 'expiring'}, 'not_eligible'],
		['not expiring but damaged', '2036-01-01', {reason: 'damaged'}, 'eligible'],
		['expired yesterday', '2026-11-25', {}, 'eligible'],
		['long-term card, expiry given as reason', '长期', {reason: 'expiring'}, 'not_eligible'],
	] as const)('换领: %s', async (_label, validUntil, answers, result) => {
		const d = await decide({itemCode: '990407000001', card: card(validUntil), answers});
		expect(d.result).toBe(result);
		if (result === 'eligible') expect(d.notes.find((n) => n.ruleId === 'renewal-fee')?.message['zh-CN']).toBe('换领工本费 20 元');
	});

	it('换领 without the card read: needs checking, asks the reason and names the card expiry', async () => {
		const d = await decide({itemCode: '990407000001', idNumber: MAN_1980});
		expect(d.result).toBe('needs_checking');
		expect(d.missing.map((m) => m.name)).toEqual(expect.arrayContaining(['card.expired', 'card.validUntil']));
		expect(d.openQuestions.map((q) => q.id)).toEqual(['reason']);
	});

	it('补领: lost → 40 元; not lost → refuse with a pointer to 换领', async () => {
		const lost = await decide({itemCode: '990407000002', idNumber: MAN_1980, answers: {lost: true}});
		expect(lost.result).toBe('eligible');
		expect(lost.notes.map((n) => n.message['zh-CN'])).toContain('补领工本费 40 元');
		const notLost = await decide({itemCode: '990407000002', idNumber: MAN_1980, answers: {lost: false}});
		expect(notLost.result).toBe('not_eligible');
		expect(notLost.reasons[0]!.message['zh-CN']).toContain('换领');
	});

	it('other items warn (not refuse) about an expired card', async () => {
		const d = await decide({itemCode: '990120000001', card: card('2026-11-25'), regionCode: '440100'}, {'pension.recipient': false});
		expect(d.result).toBe('eligible');
		expect(outcome(d, 'card-not-expired')).toBe('shown');
	});
});

describe('the service', () => {
	it('asks the hub only for the facts the item reads, with the normalised number', async () => {
		const facts = createMemoryFacts({records: {}});
		const service = createEligibilityService({rules, facts, clock});
		await service.evaluate({itemCode: '990120000001', idNumber: MAN_1980.toLowerCase()});
		expect(facts.queries).toEqual([{idNumber: MAN_1980, itemCode: '990120000001', factNames: ['pension.recipient']}]);
		await service.evaluate({itemCode: '990407000002', idNumber: MAN_1980, answers: {lost: true}});
		expect(facts.queries).toHaveLength(1);
	});

	it('an invalid ID number is not eligible, and the hub is not asked', async () => {
		const facts = createMemoryFacts();
		const service = createEligibilityService({rules, facts, clock});
		const d = await service.evaluate({itemCode: '990120000001', idNumber: `${MAN_1980.slice(0, 17)}0`});
		expect(d.result).toBe('not_eligible');
		expect(d.reasons[0]).toMatchObject({ruleId: 'id-valid', outcome: 'fail'});
		expect(facts.queries).toEqual([]);
	});

	it('hub unreachable: its facts are unknown (needs checking), and the decision says why', async () => {
		const facts = createMemoryFacts({fail: () => new HubError('hub_unreachable', {'zh-CN': '连接失败', en: 'connection failed'}, {retryable: true})});
		const d = await createEligibilityService({rules, facts, clock}).evaluate({itemCode: '990120000001', idNumber: MAN_1980});
		expect(d.result).toBe('needs_checking');
		expect(d.hubUnavailable?.code).toBe('hub_unreachable');
	});

	it('rejects answers to questions the item does not have, and badly typed answers', async () => {
		const service = createEligibilityService({rules, facts: createMemoryFacts(), clock});
		await expect(service.evaluate({itemCode: '990220000001', idNumber: MAN_1980, answers: {colour: 'red'}})).rejects.toThrow(InputError);
		await expect(service.evaluate({itemCode: '990220000001', idNumber: MAN_1980, answers: {category: 'holiday'}})).rejects.toThrow(/holiday|category/);
		await expect(service.evaluate({itemCode: '999999999999', idNumber: MAN_1980})).rejects.toThrow(InputError);
	});

	it('the day is injected: --on overrides the clock, and the same inputs give the same decision', async () => {
		const request = {itemCode: '990120000004', idNumber: MAN_1980, regionCode: '440000', on: '2026-11-27'};
		const facts = {'pension.recipient': true, 'pension.province': '44', 'pension.lastCertified': '2025-11-26'};
		const first = await decide(request, facts);
		expect(first.evaluatedOn).toBe('2026-11-27');
		expect(outcome(first, 'certification-overdue')).toBe('shown');
		expect(await decide(request, facts)).toEqual(first);
	});

	it('every item evaluates for the demo citizens without an evaluator error', async () => {
		const service = createEligibilityService({rules, facts: createMemoryFacts(), clock});
		for (const itemCode of Object.keys(rules.items)) {
			for (const idNumber of ['44030519900101123X', '110105198503152348', '510107197206083457']) {
				const d = await service.evaluate({itemCode, card: {idNumber, validFrom: '2020-01-01', validUntil: '2040-01-01'}, regionCode: '440100', counterRegion: '510107'});
				const errors = [...d.reasons, ...d.warnings].filter((r) => r.error);
				expect(errors, `${itemCode} ${idNumber}`).toEqual([]);
			}
		}
	});
});

describe('every card kind the reader reads is a valid applicant (issue 12.8)', () => {
	afterEach(() => {
		MockBinding.reset();
	});

	/** Reads a demo card through the real driver and the reader service, the way the console does. */
	async function readThroughReader(cardId: string) {
		const emulator = new IdReaderEmulator({baudRate: 0, card: demoCard(cardId)});
		const harness = new MockReaderHarness(emulator, `/dev/ttyKIND-${cardId}`);
		const reader = createIdReaderService({open: () => new IdReader({path: harness.path, opener: harness.opener}), clock, isKnownNationality});
		await reader.start();
		try {
			return await reader.readNow();
		} finally {
			await reader.stop();
		}
	}

	it.each(['resident', 'hkmotw', 'foreign2017', 'foreign2023', 'longterm'])('%s: the number checks out, id-valid passes, the review does not block and the hub contract takes it', async (cardId) => {
		const read = await readThroughReader(cardId);
		expect(read.numberCheck).toMatchObject({ok: true, kind: demoCard(cardId)!.kind});
		const {card} = read;
		const service = createEligibilityService({rules, facts: createMemoryFacts(), clock, isKnownNationality});
		const d = await service.evaluate({
			itemCode: '990407000002',
			card: {idNumber: card.number, birthDate: card.birthDate, validFrom: card.validFrom, validUntil: card.validUntil},
			answers: {lost: true},
		});
		expect(outcome(d, 'id-valid')).toBe('pass');
		expect(d.result).not.toBe('not_eligible');
		const draft: CounterDraft = {
			draftId: `d-${cardId}`,
			itemCode: '990407000002',
			implementationCode: '11440106TB000007944990407000002',
			applicant: {idNumber: card.number, masked: read.display.number, name: card.name, cardType: card.kind},
			eligibility: {result: d.result, ruleVersion: rules.version},
			materials: [],
			createdAt: '2026-11-26T01:00:00.000Z',
			updatedAt: '2026-11-26T01:00:00.000Z',
		};
		const implementation = {implementationCode: '11440106TB000007944990407000002', basicCode: '990407000002', regionCode: '440100', materials: []} as unknown as Implementation;
		const review = reviewDraft(draft, implementation);
		expect(review.problems).toEqual([]);
		const {submission} = submissionFromDraft(draft, implementation, {operatorId: 'op-1001', terminalId: 'T-1', receivingNode: '44', now: new Date('2026-11-26T02:00:00.000Z')});
		expect(() => checkSubmission({...submission, materials: []})).not.toThrow();
	});

	it('a foreign2017 card whose number contradicts its own birth date fails id-valid', async () => {
		const service = createEligibilityService({rules, facts: createMemoryFacts(), clock, isKnownNationality});
		const d = await service.evaluate({itemCode: '990407000002', card: {idNumber: 'USA310075061521', birthDate: '1975-06-16'}, answers: {lost: true}});
		expect(d.result).toBe('not_eligible');
		expect(outcome(d, 'id-valid')).toBe('fail');
	});
});

describe('where the hub says a matter is handled (issue 18.1)', () => {
	it('asks each item that names a handling fact for that fact only, keeps province codes, leaves out what the hub cannot answer', async () => {
		const asked: Array<[string, readonly string[]]> = [];
		const facts = {
			async query(_idNumber: string, itemCode: string, names: readonly string[]) {
				asked.push([itemCode, names]);
				if (itemCode === '990220000003') throw new HubError('hub_unreachable', {}, {retryable: true});
				// A Guangdong card whose pension Beijing pays; no household record; medical insurance in Hunan.
				const answers: Record<string, string | null> = {'pension.province': '11', 'medical.insuredProvince': '43', 'household.province': null};
				return {facts: Object.fromEntries(names.map((n) => [n, answers[n] ?? null])), asOf: '2026-11-26T00:00:00Z'};
			},
		};
		const service = createEligibilityService({rules, facts, clock});
		const provinces = await service.handlingProvinces('44030519900101123X');
		expect([...provinces].sort()).toEqual([
			['990120000004', '11'],
			['990220000001', '43'],
		]);
		expect(asked.map(([code, names]) => `${code}:${names.join()}`).sort()).toEqual(['990120000004:pension.province', '990220000001:medical.insuredProvince', '990220000003:medical.insuredProvince', '990420000001:household.province']);
	});
});
