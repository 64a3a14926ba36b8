/**
 * The branch's own devices for the console (outside the demo): the ID card reader and the
 * document camera on the serial ports the settings name (readerPort/readerBaud,
 * cameraPort/cameraBaud/cameraVerify). A device that is missing at start is not an error: the
 * reader shows "disconnected" and reconnects when it appears, the camera reports a clear error
 * on capture; the technician's commands (`tongban devices …`) diagnose either.
 */
import {Vc0706Camera} from '../../devices/camera/driver.js';
import {createCameraService} from '../../devices/camera/service.js';
import {IdReader} from '../../devices/idreader/driver.js';
import {createIdReaderService, type IdReaderService} from '../../devices/idreader/service.js';
import {serialPortOpener} from '../../devices/transport.js';
import {isKnownNationality} from '../catalog/nationalities.js';
import type {Clock} from '../core/ports/clock.js';
import {SILENT_LOG, type OpsLog} from '../core/ports/ops-log.js';
import type {Settings} from '../store/settings-schema.js';
import type {CameraPort} from '../ui/services.js';
import {SerialQueue} from '../core/serial-queue.js';

export interface BranchDevices {
	reader?: IdReaderService;
	camera?: CameraPort;
	close(): Promise<void>;
}

/**
 * Device events for the operations log (docs/operations.md#logs): a port lost and back, the reader's
 * state changes with the error code, a card read by its kind only (never its fields).
 */
function watchDriver(driver: {on(event: 'disconnected', listener: (error: Error & {code?: string}) => void): unknown; on(event: 'reconnected', listener: () => void): unknown}, log: OpsLog, device: string, port: string): void {
	driver.on('disconnected', (error) => log.log('warn', 'device.disconnected', {device, port, code: error.code ?? error.name}));
	driver.on('reconnected', () => log.log('info', 'device.reconnected', {device, port}));
}

export async function startBranchDevices(options: {settings: Settings; clock: Clock; lang: 'zh-CN' | 'en'; isKnownRegion: (code: string) => boolean; log?: OpsLog}): Promise<BranchDevices> {
	const {settings} = options;
	const log = options.log ?? SILENT_LOG;
	const opener = serialPortOpener();
	const closers: Array<() => Promise<unknown>> = [];
	let reader: IdReaderService | undefined;
	if (settings.readerPort) {
		const service = createIdReaderService({
			open: () => {
				const driver = new IdReader({path: settings.readerPort, opener, baudRate: settings.readerBaud});
				watchDriver(driver, log, 'reader', settings.readerPort);
				return driver;
			},
			clock: options.clock,
			lang: options.lang,
			isKnownRegion: options.isKnownRegion,
			isKnownNationality,
		});
		service.subscribe((event) => {
			if (event.type === 'state') log.log(event.state === 'error' ? 'warn' : 'debug', 'reader.state', {state: event.state, code: event.error?.code});
			else log.log('info', 'reader.card', {kind: event.event.display.kind, numberValid: event.event.numberCheck ? event.event.numberCheck.ok : null});
		});
		await service.start();
		log.log('info', 'device.open', {device: 'reader', port: settings.readerPort, baud: settings.readerBaud});
		closers.push(() => service.stop());
		reader = service;
	}
	let camera: CameraPort | undefined;
	if (settings.cameraPort) {
		const driver = new Vc0706Camera({path: settings.cameraPort, opener, baudRate: settings.cameraBaud, verify: settings.cameraVerify});
		watchDriver(driver, log, 'camera', settings.cameraPort);
		const service = createCameraService({camera: driver});
		closers.push(() => service.close());
		// One capture at a time: a second one waits for the line instead of colliding on it.
		const line = new SerialQueue();
		camera = {
			capture(request) {
				return line.run(() => service.capture({...(request.onProgress ? {onProgress: request.onProgress} : {}), ...(request.signal ? {signal: request.signal} : {})}));
			},
		};
	}
	return {
		...(reader ? {reader} : {}),
		...(camera ? {camera} : {}),
		async close() {
			for (const close of closers.reverse()) await close().catch(() => undefined);
		},
	};
}
