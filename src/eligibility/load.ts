/**
 * Reads and validates the rule set file. The catalog directory may carry its own rules.json (a
 * province's tuned copy); otherwise the built-in data/catalog/rules.json is used.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {IntegrityError} from '../core/errors.js';
import type {RuleSet} from '../core/eligibility/model.js';
import {builtinDataDir} from '../paths.js';
import {RuleSetInvalid, validateRuleSet} from './schema.js';
import {systemReason} from '../core/reasons.js';

const RULES_FILE = 'rules.json';

export function rulesPath(catalogDir?: string): string {
	if (catalogDir && existsSync(join(catalogDir, RULES_FILE))) return join(catalogDir, RULES_FILE);
	return join(builtinDataDir(), 'catalog', RULES_FILE);
}

/** Throws IntegrityError (exit 5) naming the file, item and rule when the file is unusable. */
export function loadRuleSet(path: string): RuleSet {
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		const why = error instanceof SyntaxError ? {code: 'reason_damaged_syntax'} : systemReason(error);
		throw new IntegrityError('rules_unreadable', {file: path, reason: why}, {file: path, detail});
	}
	try {
		return validateRuleSet(json);
	} catch (error) {
		if (!(error instanceof RuleSetInvalid)) throw error;
		const first = error.faults[0]!;
		// The field is named by its path; what the schema says of it (English) is in the faults (--json).
		const field = first.problem.split(':')[0]!.trim();
		throw new IntegrityError('rules_invalid', {file: path, item: first.item, rule: first.rule, field, count: error.faults.length}, {file: path, faults: error.faults});
	}
}
