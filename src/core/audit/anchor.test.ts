import {describe, expect, it} from 'vitest';
import {judgeAnchor} from './anchor.js';

const anchor = {seq: 12, hash: 'a'.repeat(64)};

describe('judgeAnchor', () => {
	it('holds when the local chain has the anchored entry, however far it went on since', () => {
		expect(judgeAnchor(anchor, {lastSeq: 12, hashAtSeq: 'a'.repeat(64)})).toEqual({ok: true});
		expect(judgeAnchor(anchor, {lastSeq: 400, hashAtSeq: 'a'.repeat(64)})).toEqual({ok: true});
	});

	it('names the folder deleted, the tail cut and the chain rewritten', () => {
		expect(judgeAnchor(anchor, {lastSeq: 0, hashAtSeq: undefined})).toEqual({ok: false, kind: 'folder_deleted', seq: 12});
		expect(judgeAnchor(anchor, {lastSeq: 11, hashAtSeq: undefined})).toEqual({ok: false, kind: 'truncated', seq: 12, last: 11});
		expect(judgeAnchor(anchor, {lastSeq: 30, hashAtSeq: 'b'.repeat(64)})).toEqual({ok: false, kind: 'rewritten', seq: 12});
		expect(judgeAnchor(anchor, {lastSeq: 30, hashAtSeq: undefined})).toEqual({ok: false, kind: 'rewritten', seq: 12});
	});
});
