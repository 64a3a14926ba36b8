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

export const RULES_FILE = 'rules.json';

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
		throw new IntegrityError('rules_invalid', `受理条件规则文件无法读取：${path}（${detail}）`, {file: path});
	}
	try {
		return validateRuleSet(json);
	} catch (error) {
		if (!(error instanceof RuleSetInvalid)) throw error;
		const first = error.faults[0]!;
		const more = error.faults.length > 1 ? `（另有 ${error.faults.length - 1} 处问题）` : '';
		throw new IntegrityError('rules_invalid', `受理条件规则文件无效：${path} 事项 ${first.item} 规则 ${first.rule}：${first.problem}${more}`, {file: path, faults: error.faults});
	}
}
