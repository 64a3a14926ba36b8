/**
 * An in-memory FactsPort for tests and the demo: fact records by ID number, answered the way the
 * hub answers (unknown citizen or unknown fact → null, never guessed). The ID numbers are valid
 * GB 11643 numbers made up for the demo; they belong to nobody. The first four match the mock
 * hub's demo citizens (mocks/hub/fixtures.ts) and agree with it on the facts both hold.
 */
import type {FactValue} from '../core/eligibility/model.js';
import type {FactsPort} from '../core/ports/facts.js';

export type FactRecords = Record<string, Record<string, FactValue | null>>;

export const DEMO_FACTS: FactRecords = {
	// Male, born 1990, works in Guangdong, 户籍 Hunan; insured normally; no pension.
	'44030519900101123X': {
		'pension.recipient': false,
		'pension.province': '44',
		'pension.lastCertified': null,
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '44',
		'hpf.accountStatus': 'normal',
		'hpf.newAccountStatus': null,
		'hpf.newAccountMonths': null,
		'hpf.outstandingLoan': false,
		'household.province': '43',
		'socialCard.status': 'active',
	},
	// Female, born 1985, Beijing pension recipient certified 2025-12-01; fund moved to a new city 4 months ago.
	'110105198503152348': {
		'pension.recipient': true,
		'pension.province': '11',
		'pension.lastCertified': '2025-12-01',
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '11',
		'hpf.accountStatus': 'sealed',
		'hpf.newAccountStatus': 'normal',
		'hpf.newAccountMonths': 4,
		'hpf.outstandingLoan': false,
		'household.province': '11',
		'socialCard.status': 'active',
	},
	// Male, born 1972, Sichuan pension recipient, last certified 2025-06-30 (overdue from 2026-07-01).
	'510107197206083457': {
		'pension.recipient': true,
		'pension.province': '51',
		'pension.lastCertified': '2025-06-30',
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '44',
		'hpf.accountStatus': null,
		'hpf.newAccountStatus': null,
		'hpf.newAccountMonths': null,
		'hpf.outstandingLoan': null,
		'household.province': '51',
		'socialCard.status': 'lost-reported',
	},
	// Male, born 1956 (the demo card "longterm"), retired in Sichuan and living near his children in
	// Shenzhen: a Sichuan pension recipient certified 2026-03-10, so this year's certification is
	// the counter flow's common path (eligible, no questions).
	'51010719560920113X': {
		'pension.recipient': true,
		'pension.province': '51',
		'pension.lastCertified': '2026-03-10',
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '51',
		'hpf.accountStatus': null,
		'household.province': '51',
		'socialCard.status': 'active',
	},
	// Female, born 1995, Shanghai; the hub does not know where (or whether) she draws a pension.
	'310115199509204561': {
		'pension.recipient': false,
		'pension.province': null,
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '31',
		'hpf.accountStatus': 'normal',
		'household.province': '31',
		'socialCard.status': 'none',
	},
	// Male, born 1974, 户籍 Sichuan, now working in Guangdong: a transfer there opens a temporary account.
	// His old fund account is sealed, the new one contributes 8 months, but a fund loan is still open.
	'510107197403151519': {
		'pension.recipient': false,
		'pension.province': '51',
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '51',
		'hpf.accountStatus': 'sealed',
		'hpf.newAccountStatus': 'normal',
		'hpf.newAccountMonths': 8,
		'hpf.outstandingLoan': true,
		'household.province': '51',
		'socialCard.status': 'active',
	},
	// Female, born 1986-07-20, Hunan insured, long-term residence elsewhere.
	'430102198607202026': {
		'pension.recipient': false,
		'pension.province': '43',
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '43',
		'hpf.accountStatus': 'sealed',
		'hpf.newAccountStatus': 'normal',
		'hpf.newAccountMonths': 7,
		'hpf.outstandingLoan': false,
		'household.province': '43',
		'socialCard.status': 'active',
	},
	// Male, born 1966, Guangdong pension recipient certified on 2025-11-26.
	'440106196605053010': {
		'pension.recipient': true,
		'pension.province': '44',
		'pension.lastCertified': '2025-11-26',
		'medical.insuredStatus': 'normal',
		'medical.insuredProvince': '44',
		'hpf.accountStatus': 'closed',
		'hpf.outstandingLoan': false,
		'household.province': '44',
		'socialCard.status': 'active',
	},
};

export interface MemoryFactsOptions {
	records?: FactRecords;
	/** The asOf the answers carry (fixed, so decisions in tests are reproducible). */
	asOf?: string;
	/** Makes every query fail with this error (e.g. a HubError, to test "hub unavailable"). */
	fail?: () => Error;
}

export interface MemoryFacts extends FactsPort {
	/** Every query made, for tests: which facts were asked for. */
	readonly queries: Array<{idNumber: string; itemCode: string; factNames: string[]}>;
}

export function createMemoryFacts(options: MemoryFactsOptions = {}): MemoryFacts {
	const records = options.records ?? DEMO_FACTS;
	const queries: MemoryFacts['queries'] = [];
	return {
		queries,
		async query(idNumber, itemCode, factNames) {
			queries.push({idNumber, itemCode, factNames: [...factNames]});
			if (options.fail) throw options.fail();
			const record = records[idNumber.toUpperCase()];
			const facts: Record<string, FactValue | null> = {};
			for (const name of factNames) facts[name] = record?.[name] ?? null;
			return {facts, asOf: options.asOf ?? '2026-01-01T00:00:00+08:00'};
		},
	};
}
