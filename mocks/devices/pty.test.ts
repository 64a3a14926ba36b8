import {afterEach, describe, expect, it, vi} from 'vitest';
import {IdReader} from '../../devices/idreader/driver.js';
import {serialPortOpener, type SerialLink} from '../../devices/transport.js';
import {demoCard} from './cards.js';
import {IdReaderEmulator} from './idreader-emulator.js';
import {parsePtyPaths, socatAvailable, startPtyPair, type PtyPair} from './pty.js';

const haveSocat = socatAvailable();
if (!haveSocat) console.warn('pty.test.ts: socat is not installed, skipping the real-pty tests (apt-get install socat)');

describe('parsePtyPaths', () => {
	it('reads both paths from socat -d -d stderr', () => {
		const stderr = '2026/01/02 10:00:00 socat[42] N PTY is /dev/pts/3\n2026/01/02 10:00:00 socat[42] N PTY is /dev/pts/4\n2026/01/02 10:00:00 socat[42] N starting data transfer loop with FDs [5,5] and [7,7]\n';
		expect(parsePtyPaths(stderr)).toEqual(['/dev/pts/3', '/dev/pts/4']);
	});
});

describe.skipIf(!haveSocat)('ID reader through a real pty pair (socat)', () => {
	let pair: PtyPair | undefined;
	let device: SerialLink | undefined;
	let reader: IdReader | undefined;

	afterEach(async () => {
		await reader?.close();
		await device?.close();
		await pair?.stop();
		pair = device = reader = undefined;
	});

	it('reads a card from the paced emulator on the other end', async () => {
		pair = await startPtyPair();
		const emulator = new IdReaderEmulator({card: demoCard('hkmotw')});
		const {attachEmulator} = await import('./pty.js');
		device = await attachEmulator(emulator, pair.devicePath);
		reader = new IdReader({path: pair.hostPath, opener: serialPortOpener()});
		const card = await reader.readCard();
		expect(card).toMatchObject({kind: 'hkmotw', name: '陈嘉欣', passNumber: 'H60123456'});
		await expect(reader.samId()).resolves.toMatch(/^05\.01-/);
	});

	it('reports the port gone when the pty disappears', async () => {
		pair = await startPtyPair();
		const emulator = new IdReaderEmulator({card: demoCard('resident')});
		const {attachEmulator} = await import('./pty.js');
		device = await attachEmulator(emulator, pair.devicePath);
		reader = new IdReader({path: pair.hostPath, opener: serialPortOpener()});
		await reader.samStatus();
		const gone = vi.fn();
		reader.on('disconnected', gone);
		await pair.stop();
		// A pty whose master closed does not wake the poller; the next write finds the bad descriptor.
		await expect(reader.samStatus()).rejects.toMatchObject({code: 'idreader_port_gone'});
		await vi.waitFor(() => expect(gone).toHaveBeenCalledTimes(1));
		await expect(reader.samStatus()).rejects.toMatchObject({code: 'idreader_port_gone'});
	});
});
