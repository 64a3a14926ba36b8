/**
 * The camera emulator behind serialport's MockBinding (the shared MockDeviceHarness), with its
 * 'unplug' fault wired to the harness so the open port closes like a pulled USB cable.
 */
import {CameraEmulator, type CameraEmulatorOptions} from './camera-emulator.js';
import {MockDeviceHarness} from './mock-port.js';

const CAMERA_PORT_INFO = {manufacturer: 'Emulated', vendorId: '0403', productId: '6001'};

export function createCameraHarness(options: CameraEmulatorOptions = {}, path = '/dev/ttyCAM0'): MockDeviceHarness<CameraEmulator> {
	const emulator = new CameraEmulator(options);
	const harness = new MockDeviceHarness(emulator, path, CAMERA_PORT_INFO);
	emulator.onUnplug(() => harness.unplug());
	return harness;
}
