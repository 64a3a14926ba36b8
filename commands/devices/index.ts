import type {CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import type {GlobalArgs} from '../context.js';
import {cameraCommand} from './camera.js';
import {devicesEmulateCommand} from './emulate.js';
import {idreaderCommand} from './idreader.js';
import {devicesListCommand} from './list.js';
import {devicesMonitorCommand} from './monitor.js';
import {commandGroup, dt} from './shared.js';

export function devicesCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return commandGroup('devices', dt(lang)('cmd.devices'), [
		devicesListCommand(lang),
		idreaderCommand(lang),
		cameraCommand(lang),
		devicesMonitorCommand(lang),
		devicesEmulateCommand(lang),
	]);
}
