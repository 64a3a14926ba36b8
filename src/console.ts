/**
 * Starts the full-screen console: loads the catalog (from caches when they are fresh) and the
 * Ink UI in parallel, then hands the services to the UI. Loaded lazily by `tongban console`,
 * so that other commands never pay for Ink and React.
 */
import {openCatalog} from './app.js';
import {systemClock} from './core/ports.js';
import {cliText, type Lang} from './i18n/cli.js';
import type {Settings} from './store/settings-schema.js';

export interface StartConsoleOptions {
	lang: Lang;
	dataDir: string;
	settings: Settings;
	demo: boolean;
}

export async function startConsole(options: StartConsoleOptions): Promise<void> {
	const [catalog, ui] = await Promise.all([
		openCatalog({dataDir: options.dataDir, catalogDir: options.settings.catalogDir}),
		import('./ui/run.js'),
	]);
	await ui.runConsole(
		{
			catalog,
			clock: systemClock,
			// Sign-in arrives with the hub; until then the demo operator works at the configured branch.
			operator: {id: 'demo', name: cliText(options.lang, 'demo.operator'), branch: options.settings.branchName},
			hubState: () => (options.demo || !options.settings.hubUrl ? 'demo' : 'offline'),
		},
		{lang: options.lang},
	);
}
