/**
 * Finds personal data where it must not be: every file under the given folders (any format,
 * searched as bytes, so JSON, CSV, logs and temp files all count) and every captured output
 * (stdout, stderr, error messages). Reusable by the whole-system test once every capability exists.
 * Findings show where, never the secret itself (a test report is an output too).
 */
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

export interface PiiFinding {
	/** A file path, or `output[i]` for the i-th output. */
	where: string;
	/** Index of the secret in the list given (not the secret). */
	secretIndex: number;
	offset: number;
}

function filesUnder(dir: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	const out: string[] = [];
	for (const name of names) {
		const path = join(dir, name);
		const info = statSync(path);
		if (info.isDirectory()) out.push(...filesUnder(path));
		else if (info.isFile()) out.push(path);
	}
	return out;
}

/**
 * Each secret is searched as UTF-8 bytes and, for JSON files, as its \u-escaped form too
 * (JSON.stringify with ensure-ASCII writers would otherwise hide a name).
 */
export function scanForPersonalData(dirs: readonly string[], outputs: readonly string[], secrets: readonly string[]): PiiFinding[] {
	const needles = secrets.map((s) => [Buffer.from(s, 'utf8'), Buffer.from(JSON.stringify(s).slice(1, -1).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'utf8')]);
	const findings: PiiFinding[] = [];
	const search = (where: string, haystack: Buffer) => {
		needles.forEach((forms, secretIndex) => {
			for (const needle of forms) {
				if (needle.length === 0) continue;
				const offset = haystack.indexOf(needle);
				if (offset >= 0) {
					findings.push({where, secretIndex, offset});
					break;
				}
			}
		});
	};
	for (const dir of dirs) for (const file of filesUnder(dir)) search(file, readFileSync(file));
	outputs.forEach((text, i) => search(`output[${i}]`, Buffer.from(text, 'utf8')));
	return findings;
}
