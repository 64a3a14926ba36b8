/**
 * Temporary folders for the tests of one file: each call makes a fresh folder under the OS temp
 * folder, and every folder made during a test is removed after it (files the code under test
 * writes must never outlive the test, nor leak into the next one).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach} from 'vitest';

/** Call at the top of a test file; `prefix` names the folders (tongban-<what>-) for whoever finds one left behind. */
export function tempDirs(prefix: string): () => string {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
	});
	return () => {
		const dir = mkdtempSync(join(tmpdir(), prefix));
		dirs.push(dir);
		return dir;
	};
}
