import {describe, expect, it} from 'vitest';
import {AUDIT_ACTION_CODES} from '../core/audit/actions.js';
import {auditActionLabel} from './audit.js';

describe('audit i18n', () => {
	it('labels every action code in both languages', () => {
		for (const code of AUDIT_ACTION_CODES) {
			expect(auditActionLabel('zh-CN', code)).not.toBe(code);
			expect(auditActionLabel('en', code)).not.toBe(code);
		}
	});
});
