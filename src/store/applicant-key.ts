/**
 * The installation's secret for applicant fingerprints (core/cases/duplicates.ts): 32 random bytes
 * in `applicant-key.json`, mode 0600, made the first time it is needed. The case index keeps an
 * HMAC of each case's card kind and ID number under it instead of the number, so "this applicant
 * already has an open case" can be answered from the index without it holding personal data; and
 * without this file the fingerprints cannot be tried against likely numbers.
 *
 * Created once, atomically: the bytes are written and fsynced under a temporary name, then linked
 * to the real name, which fails when another process got there first (its key is used then). Two
 * processes starting together therefore never end up with two keys.
 *
 * A damaged file (cut short, not JSON, a secret of the wrong length) is set aside like every
 * damaged data file (quarantine.ts) and never silently replaced: the open throws
 * DataFileQuarantinedError (exit 5), and the next open makes a new key. Fingerprints carry the id
 * of their key, so those of the old key simply stop matching (never a false match); the case
 * index makes them again from the outbox where it still holds the number, and the hub's query
 * covers the rest (docs/return-trips.md#no-accidental-second-case).
 */
import {createHash, randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {link, mkdir, open, rm} from 'node:fs/promises';
import {join} from 'node:path';
import type {FingerprintKey} from '../core/cases/duplicates.js';
import {systemClock, type Clock} from '../core/ports/clock.js';
import {readJsonChecked, removeStaleTemps, syncDirectory} from './durable-json.js';
import {DataFileQuarantinedError, quarantineFile} from './quarantine.js';

const FILE = 'applicant-key.json';
const SECRET_BYTES = 32;

interface KeyFile {
	version: 1;
	id: string;
	/** base64 of SECRET_BYTES random bytes. */
	secret: string;
	createdAt: string;
}

function keyPath(dataDir: string): string {
	return join(dataDir, FILE);
}

/** Where the file is not a key file (a field path), undefined when it is one. */
function checkKeyFile(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'file';
	const v = value as Partial<KeyFile>;
	if (v.version !== 1) return 'version';
	if (typeof v.secret !== 'string' || Buffer.from(v.secret, 'base64').length !== SECRET_BYTES) return 'secret';
	if (typeof v.id !== 'string' || v.id !== keyIdOf(Buffer.from(v.secret, 'base64'))) return 'id';
	return undefined;
}

/** A short id of a secret (8 hex of its SHA-256): says which key made a fingerprint, reveals nothing of it. */
function keyIdOf(secret: Uint8Array): string {
	return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

let tempCounter = 0;

/** Writes a new key under a temp name and links it in; false when another process's key is there already. */
async function createKeyFile(dataDir: string, clock: Clock): Promise<boolean> {
	await mkdir(dataDir, {recursive: true, mode: 0o700});
	const secret = randomBytes(SECRET_BYTES);
	const file: KeyFile = {version: 1, id: keyIdOf(secret), secret: secret.toString('base64'), createdAt: clock.now().toISOString()};
	// The temp name follows durable-json.ts, so removeStaleTemps clears what a killed writer left.
	const temp = join(dataDir, `.${FILE}.${process.pid}.${++tempCounter}.tmp`);
	const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
	try {
		await handle.writeFile(JSON.stringify(file));
		await handle.sync();
	} finally {
		await handle.close();
	}
	try {
		await link(temp, keyPath(dataDir));
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	} finally {
		await rm(temp, {force: true});
		await syncDirectory(dataDir);
	}
}

/**
 * The installation's fingerprint key, made on first use. A damaged key file is set aside and
 * DataFileQuarantinedError thrown; opening again makes a new key.
 */
export async function openApplicantKey(dataDir: string, options: {clock?: Clock} = {}): Promise<FingerprintKey> {
	const clock = options.clock ?? systemClock;
	await removeStaleTemps(dataDir, FILE);
	let found = await readJsonChecked<KeyFile>(keyPath(dataDir), checkKeyFile);
	// Absent: make one, or read the one another process has just linked in (a few tries, should
	// someone delete it in between).
	for (let tries = 0; found.kind === 'absent' && tries < 3; tries++) {
		await createKeyFile(dataDir, clock);
		found = await readJsonChecked<KeyFile>(keyPath(dataDir), checkKeyFile);
	}
	if (found.kind === 'ok') return {id: found.value.id, secret: new Uint8Array(Buffer.from(found.value.secret, 'base64'))};
	const reason = found.kind === 'damaged' ? found.reason : ({kind: 'empty'} as const);
	throw new DataFileQuarantinedError(await quarantineFile(dataDir, keyPath(dataDir), reason, {clock}));
}
