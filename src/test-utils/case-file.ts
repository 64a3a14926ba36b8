/**
 * A case file for `tongban cases submit --file`, as a script at the counter writes one: the given
 * implementation (the tests pass the mock hub's DEMO_IMPLEMENTATION; src/ never imports mocks/),
 * received in Guangdong (node 44), the eligibility already decided and one material, the ID card
 * photo (id.jpg) beside it.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {idCheckChar} from '../core/identity/idnumber.js';

/**
 * The `n`th of a series of made-up applicants (陈晓明 each time, a valid GB 11643 number of its
 * own, 0 ≤ n < 1000): tests that send several cases of one item to one hub need different
 * citizens, or the duplicate guard refuses the second (exit 6, docs/return-trips.md).
 */
export function seriesApplicant(n: number): {idNumber: string; name: string} {
	const first17 = `44030519900102${String(n).padStart(3, '0')}`;
	return {idNumber: first17 + idCheckChar(first17), name: '陈晓明'};
}

export interface CaseFileOptions {
	/** The applicant; the demo applicant (陈晓明) unless given. */
	applicant?: {idNumber: string; name: string};
	/** The bytes of id.jpg (a different photo is a different material hash). */
	image?: string;
	/** The answers; cases with different answers are different cases to the hub. */
	answers?: Record<string, unknown>;
	/** More fields of the case file, or fields to replace. */
	extra?: Record<string, unknown>;
}

/** Writes `dir`/case.json and `dir`/id.jpg (making `dir`) and returns the case file's path. */
export function writeCaseFile(dir: string, implementation: {itemCode: string; implementationCode: string}, options: CaseFileOptions = {}): string {
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'id.jpg'), options.image ?? 'JPEG:身份证');
	writeFileSync(
		join(dir, 'case.json'),
		JSON.stringify({
			...implementation,
			receivingNode: '44',
			applicant: options.applicant ?? {idNumber: '44030519900101123X', name: '陈晓明'},
			answers: options.answers ?? {},
			eligibility: {result: 'eligible', ruleVersion: 'demo-1'},
			materials: [{code: 'M01', file: 'id.jpg', pages: 1, originalVerified: true}],
			...options.extra,
		}),
	);
	return join(dir, 'case.json');
}
