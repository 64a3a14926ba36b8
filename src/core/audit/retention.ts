/**
 * Retention planning (pure): which local personal-data files may go. A file under
 * `drafts/<caseId>[...]` or `captures/<caseId>[...]` (a folder named after the case, or a file
 * `<caseId>.<ext>`) is purged once the hub accepted its case at least `retentionDays` ago.
 * Files of cases not accepted, not known, or accepted too recently are kept: when in doubt, keep
 * (a purge cannot be undone; a late purge only costs disk).
 */
export type PersonalDataKind = 'draft' | 'capture';

export interface PersonalDataFile {
	kind: PersonalDataKind;
	/** Path relative to its root folder, with `/` separators, e.g. `C2026112600012/id-front.jpg`. */
	relativePath: string;
}

export type KeepReason = 'not_accepted' | 'too_recent' | 'no_case';

export interface PurgePlan {
	cutoff: Date;
	purge: Array<PersonalDataFile & {caseId: string}>;
	keep: Array<PersonalDataFile & {caseId?: string; reason: KeepReason}>;
	/** Distinct cases whose files are purged. */
	cases: string[];
}

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 86_400_000;

/** The case a file belongs to: the first path component, without an extension for a plain file. */
export function caseIdOf(relativePath: string): string | undefined {
	const first = relativePath.split('/').filter(Boolean)[0];
	if (!first || first.startsWith('.')) return undefined;
	const isFile = !relativePath.includes('/');
	const id = isFile ? first.replace(/\.[^.]*$/, '') : first;
	return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

export function planPurge(input: {
	files: readonly PersonalDataFile[];
	/** When the hub accepted each case (undefined: not accepted or not known). */
	acceptedAt: ReadonlyMap<string, Date>;
	now: Date;
	retentionDays: number;
}): PurgePlan {
	if (!Number.isInteger(input.retentionDays) || input.retentionDays < MIN_RETENTION_DAYS || input.retentionDays > MAX_RETENTION_DAYS) {
		throw new RangeError(`retentionDays must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`);
	}
	const cutoff = new Date(input.now.getTime() - input.retentionDays * DAY_MS);
	const plan: PurgePlan = {cutoff, purge: [], keep: [], cases: []};
	const cases = new Set<string>();
	for (const file of input.files) {
		const caseId = caseIdOf(file.relativePath);
		if (!caseId) {
			plan.keep.push({...file, reason: 'no_case'});
			continue;
		}
		const accepted = input.acceptedAt.get(caseId);
		if (!accepted) plan.keep.push({...file, caseId, reason: 'not_accepted'});
		else if (accepted.getTime() > cutoff.getTime()) plan.keep.push({...file, caseId, reason: 'too_recent'});
		else {
			plan.purge.push({...file, caseId});
			cases.add(caseId);
		}
	}
	plan.cases = [...cases].sort();
	return plan;
}
