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
import type {Settings} from '../store/settings-schema.js';
import type {CameraPort} from '../ui/services.js';
import {SerialQueue} from '../core/serial-queue.js';

export interface BranchDevices {
	reader?: IdReaderService;
	camera?: CameraPort;
	close(): Promise<void>;
}

export async function startBranchDevices(options: {settings: Settings; clock: Clock; lang: 'zh-CN' | 'en'; isKnownRegion: (code: string) => boolean}): Promise<BranchDevices> {
	const {settings} = options;
	const opener = serialPortOpener();
	const closers: Array<() => Promise<unknown>> = [];
	let reader: IdReaderService | undefined;
	if (settings.readerPort) {
		const service = createIdReaderService({
			open: () => new IdReader({path: settings.readerPort, opener, baudRate: settings.readerBaud}),
			clock: options.clock,
			lang: options.lang,
			isKnownRegion: options.isKnownRegion,
			isKnownNationality,
		});
		await service.start();
		closers.push(() => service.stop());
		reader = service;
	}
	let camera: CameraPort | undefined;
	if (settings.cameraPort) {
		const driver = new Vc0706Camera({path: settings.cameraPort, opener, baudRate: settings.cameraBaud, verify: settings.cameraVerify});
		const service = createCameraService({camera: driver});
		closers.push(() => service.close());
		// One capture at a time: a second one waits for the line instead of colliding on it.
		const line = new SerialQueue();
		camera = {
			capture(request) {
				return line.run(() => service.capture(request.onProgress ? {onProgress: request.onProgress} : {}));
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
