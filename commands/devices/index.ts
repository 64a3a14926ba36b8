import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import type {GlobalArgs} from '../context.js';
import {cameraCommand} from './camera.js';
import {devicesEmulateCommand} from './emulate.js';
import {idreaderCommand} from './idreader.js';
import {devicesListCommand} from './list.js';
import {devicesMonitorCommand} from './monitor.js';
import {dt} from './shared.js';

export function devicesCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'devices',
		describe: dt(lang)('cmd.devices'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.command(devicesListCommand(lang))
				.command(idreaderCommand(lang))
				.command(cameraCommand(lang))
				.command(devicesMonitorCommand(lang))
				.command(devicesEmulateCommand(lang))
				.demandCommand(1),
		handler: () => {},
	};
}
