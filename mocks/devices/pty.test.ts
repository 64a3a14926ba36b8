import {afterEach, describe, expect, it, vi} from 'vitest';
import {IdReader} from '../../devices/idreader/driver.js';
import {serialPortOpener} from '../../devices/transport.js';
import {demoCard} from './cards.js';
import {IdReaderEmulator} from './idreader-emulator.js';
import {driverOnPty, parsePtyPaths, socatAvailable, type PtyRig} from './pty.js';

const haveSocat = socatAvailable();
if (!haveSocat) console.warn('pty.test.ts: socat is not installed, skipping the real-pty tests (apt-get install socat)');

describe('parsePtyPaths', () => {
	it('reads both paths from socat -d -d stderr', () => {
		const stderr = '2026/01/02 10:00:00 socat[42] N PTY is /dev/pts/3\n2026/01/02 10:00:00 socat[42] N PTY is /dev/pts/4\n2026/01/02 10:00:00 socat[42] N starting data transfer loop with FDs [5,5] and [7,7]\n';
		expect(parsePtyPaths(stderr)).toEqual(['/dev/pts/3', '/dev/pts/4']);
	});
});

describe.skipIf(!haveSocat)('ID reader through a real pty pair (socat)', () => {
	let rig: PtyRig<IdReader> | undefined;
	const reader = (path: string) => new IdReader({path, opener: serialPortOpener()});

	afterEach(async () => {
		await rig?.close();
		rig = undefined;
	});

	it('reads a card from the paced emulator on the other end', async () => {
		rig = await driverOnPty(new IdReaderEmulator({card: demoCard('hkmotw')}), reader);
		const card = await rig.driver.readCard();
		expect(card).toMatchObject({kind: 'hkmotw', name: '陈嘉欣', passNumber: 'H60123456'});
		await expect(rig.driver.samId()).resolves.toMatch(/^05\.01-/);
	});

	it('reports the port gone when the pty disappears', async () => {
		rig = await driverOnPty(new IdReaderEmulator({card: demoCard('resident')}), reader);
		const {driver, pair} = rig;
		await driver.samStatus();
		const gone = vi.fn();
		driver.on('disconnected', gone);
		await pair.stop();
		// A pty whose master closed does not wake the poller; the next write finds the bad descriptor.
		await expect(driver.samStatus()).rejects.toMatchObject({code: 'idreader_port_gone'});
		await vi.waitFor(() => expect(gone).toHaveBeenCalledTimes(1));
		await expect(driver.samStatus()).rejects.toMatchObject({code: 'idreader_port_gone'});
	});
});
