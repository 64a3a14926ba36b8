/** The audit trail as capabilities record into it (src/store/audit-store.ts implements it). */
import type {AuditEntry, AuditInput} from '../audit/model.js';

/** The port capabilities depend on; the lowdb store implements it. */
export interface AuditRecorder {
	record(input: AuditInput): Promise<AuditEntry>;
}
