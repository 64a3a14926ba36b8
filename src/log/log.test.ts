/** The operations log (docs/operations.md#logs): JSON lines, rotated, 0600, scrubbed of personal data. */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {tempDirs} from '../test-utils/temp-dirs.js';
import {deferredLog, opsLogFor} from './deferred.js';
import {LOG_FILE, localIso, logDir, openFileLog} from './file-log.js';
import {scrubFields, scrubText} from './scrub.js';

const tempDir = tempDirs('tongban-log-');
const lines = (dataDir: string, file = LOG_FILE) =>
	readFileSync(join(logDir(dataDir), file), 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('scrubbing', () => {
	it('drops fields named like personal data or secrets and masks ID numbers anywhere else', () => {
		expect(scrubFields({name: '欧阳建国', idNumber: '51010719560920113X', pin: '246810', token: 't', call: 'cases.batch', detail: 'card 51010719560920113X refused', count: 3})).toEqual({
			name: '[redacted]',
			idNumber: '[redacted]',
			pin: '[redacted]',
			token: '[redacted]',
			call: 'cases.batch',
			detail: 'card 510107********113X refused',
			count: 3,
		});
		expect(scrubText('old 110105491231002 and foreign USA123456789012')).toBe('old 110105*****1002 and foreign USA123*****9012');
		// A case number, a request id and a waybill are not ID numbers.
		for (const fact of ['TB44-20261203-0000002', '3b2e6a40-6f0e-4c43-9d7a-2d7a1f7e0c11', 'EA123456785CN']) expect(scrubText(fact)).toBe(fact);
	});

	it('never lets an 18-character number through, whatever surrounds it', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 20}), fc.stringMatching(/^\d{17}[\dX]$/), fc.string({maxLength: 20}), (before, number, after) => {
				const text = `${before} ${number} ${after}`;
				expect(scrubText(text)).not.toContain(number);
				expect(JSON.stringify(scrubFields({message: text}))).not.toContain(number);
			}),
		);
	});
});

describe('the log file', () => {
	it('writes one JSON object a line with level, local time and offset, component and event; 0600 in a 0700 folder', async () => {
		const dataDir = tempDir();
		const log = await openFileLog({dataDir, level: 'info', component: 'console'});
		log.log('info', 'hub.request', {call: 'cases.get', status: 200, requestId: 'r-1', ms: 12});
		log.log('debug', 'reader.state', {state: 'idle'});
		log.log('warn', 'device.disconnected', {device: 'reader', port: '/dev/ttyUSB0', idNumber: '51010719560920113X'});
		await log.close();
		const written = lines(dataDir);
		expect(written).toHaveLength(2);
		expect(written[0]).toMatchObject({level: 'info', component: 'console', event: 'hub.request', call: 'cases.get', status: 200, requestId: 'r-1'});
		expect(String(written[0]!['time'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
		expect(written[1]).toMatchObject({level: 'warn', event: 'device.disconnected', idNumber: '[redacted]'});
		expect(statSync(join(logDir(dataDir), LOG_FILE)).mode & 0o777).toBe(0o600);
		expect(statSync(logDir(dataDir)).mode & 0o777).toBe(0o700);
	});

	it('rotates by size, keeping the newest lines in tongban.log and the older in tongban.log.1', async () => {
		const dataDir = tempDir();
		const log = await openFileLog({dataDir, level: 'info', component: 'test', size: '2K', keep: 2});
		for (let i = 0; i < 70; i++) log.log('info', 'outbox.delivered', {n: i, key: `draft-${String(i).padStart(4, '0')}`});
		await log.close();
		const files = readdirSync(logDir(dataDir)).sort();
		expect(files).toContain(LOG_FILE);
		expect(files).toContain(`${LOG_FILE}.1`);
		expect(files.length).toBeLessThanOrEqual(3);
		const current = lines(dataDir).map((l) => l['n'] as number);
		expect(current.at(-1)).toBe(69);
		const older = lines(dataDir, `${LOG_FILE}.1`).map((l) => l['n'] as number);
		expect(Math.max(...older)).toBeLessThan(current[0]!);
		for (const file of files) expect(statSync(join(logDir(dataDir), file)).mode & 0o777).toBe(0o600);
	});

	it('shows local time with its offset, the same instant', () => {
		const at = new Date('2026-12-03T04:31:05.123Z');
		expect(new Date(localIso(at)).getTime()).toBe(at.getTime());
		// The suite runs under TZ=UTC (package.json).
		if (at.getTimezoneOffset() === 0) expect(localIso(at)).toBe('2026-12-03T04:31:05.123+00:00');
	});
});

describe('opening on the first line', () => {
	it('opens nothing until a line comes, keeps order while opening, drops lines below the level', async () => {
		let opens = 0;
		const got: string[] = [];
		const log = deferredLog(async () => {
			opens++;
			return {log: (_level, event) => void got.push(event), close: async () => undefined};
		}, 'info');
		expect(opens).toBe(0);
		log.log('debug', 'a');
		expect(opens).toBe(0);
		log.log('info', 'b');
		log.log('error', 'c');
		await log.close();
		expect(opens).toBe(1);
		expect(got).toEqual(['b', 'c']);
	});

	it('never creates a data folder, and `off` writes nothing', async () => {
		const parent = tempDir();
		const missing = join(parent, 'not-yet');
		const log = opsLogFor(missing, {logLevel: 'info'}, 'cases status');
		log.log('warn', 'command.failed', {code: 'hub_unreachable'});
		await log.close();
		expect(readdirSync(parent)).toEqual([]);
		const dataDir = tempDir();
		const off = opsLogFor(dataDir, {logLevel: 'off'}, 'console');
		off.log('error', 'x');
		await off.close();
		expect(readdirSync(dataDir)).toEqual([]);
	});
});
