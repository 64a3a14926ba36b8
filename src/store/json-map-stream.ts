/**
 * Reads the values of one top-level map of a data file (`cases` of cases.json) one at a time, for reports over a year of records (日终,
 * docs/people.md#日终-closing-the-day): memory holds one value and one chunk, never the file.
 *
 * The file is opened once: a writer replaces it by rename (durable-json.ts), so the open file is
 * one whole version to the end. A file cut short, not JSON, or a value of the wrong shape is
 * damaged (DataFileCorruptError, exit 5), as when the file is read whole; an absent file has no
 * values. Read only: no lock is taken and nothing is written.
 */
import {createReadStream} from 'node:fs';
import type {z} from 'zod';
import {DataFileCorruptError} from './durable-json.js';
import {indexedCaseSchema} from './shapes.js';
import type {IndexedCase} from './cases-index.js';
import {join} from 'node:path';

async function* jsonMapValues(path: string, mapKey: string, schema: z.ZodType): AsyncGenerator<unknown> {
	const stream = createReadStream(path, {encoding: 'utf8', highWaterMark: 64 * 1024});
	let depth = 0;
	let inString = false;
	let escaped = false;
	/** The text of the key string being read at depth 1 (null when not in one). */
	let rootKey: string | null = null;
	let lastRootKey = '';
	let inMap = false;
	let mapDone = false;
	let capture: string[] | null = null;
	let ended = false;
	let seen = 0;
	const damaged = (reason: {kind: 'syntax'} | {kind: 'empty'} | {kind: 'shape'; path: string}) => new DataFileCorruptError(path, reason);
	try {
		for await (const chunk of stream as AsyncIterable<string>) {
			let from = 0;
			for (let i = 0; i < chunk.length; i++) {
				const ch = chunk.charCodeAt(i);
				if (inString) {
					if (escaped) escaped = false;
					else if (ch === 92) escaped = true;
					else if (ch === 34) {
						inString = false;
						if (rootKey !== null) {
							lastRootKey = rootKey + chunk.slice(from, i);
							rootKey = null;
						}
					}
					continue;
				}
				if (ended && ch > 32) throw damaged({kind: 'syntax'});
				if (ch === 34) {
					inString = true;
					if (depth === 1 && capture === null) {
						rootKey = '';
						from = i + 1;
					}
				} else if (ch === 123 || ch === 91) {
					if (depth === 0 && ch !== 123) throw damaged({kind: 'shape', path: 'file'});
					if (depth === 1 && lastRootKey === mapKey) {
						if (ch !== 123) throw damaged({kind: 'shape', path: mapKey});
						inMap = true;
					}
					if (depth === 2 && inMap) {
						if (ch !== 123) throw damaged({kind: 'shape', path: mapKey});
						capture = [];
						from = i;
					}
					depth++;
				} else if (ch === 125 || ch === 93) {
					depth--;
					if (depth < 0) throw damaged({kind: 'syntax'});
					if (depth === 2 && capture !== null) {
						capture.push(chunk.slice(from, i + 1));
						let value: unknown;
						try {
							value = JSON.parse(capture.join(''));
						} catch {
							throw damaged({kind: 'syntax'});
						}
						capture = null;
						const checked = schema.safeParse(value);
						if (!checked.success) throw damaged({kind: 'shape', path: `${mapKey}.${seen}`});
						seen++;
						yield checked.data;
					} else if (depth === 1 && inMap) {
						inMap = false;
						mapDone = true;
					} else if (depth === 0) ended = true;
				}
			}
			if (capture !== null) capture.push(chunk.slice(from));
			else if (rootKey !== null) {
				rootKey += chunk.slice(from);
				from = 0;
			}
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	} finally {
		stream.destroy();
	}
	if (!ended) throw damaged(seen === 0 && depth === 0 && !inString ? {kind: 'empty'} : {kind: 'syntax'});
	if (!mapDone) throw damaged({kind: 'shape', path: mapKey});
}

/** Every case of the terminal's index (cases.json), one at a time. */
export function streamIndexedCases(dataDir: string): AsyncGenerator<IndexedCase> {
	return jsonMapValues(join(dataDir, 'cases.json'), 'cases', indexedCaseSchema) as AsyncGenerator<IndexedCase>;
}
