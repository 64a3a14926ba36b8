/**
 * Retention for the demo hub's saved state (`<data dir>/demo-hub.json`, written by the mock hub
 * the demo console runs in-process, src/wiring/demo.ts): it holds the demo citizens' submissions and
 * material bytes like a real hub would, so the terminal's retention purge reaches it too. Only
 * this module, src/wiring/demo.ts and src/wiring/catalog.ts wire the mocks into the application (architecture test).
 */
import {join} from 'node:path';
import {retentionStartsAt} from '../core/audit/retention.js';
import {purgeSnapshot, type HubSnapshot} from '../../mocks/hub/state.js';
import {DurableJSONFile} from '../store/durable-json.js';

function demoHubFile(dataDir: string): string {
	return join(dataDir, 'demo-hub.json');
}

/** Purges the demo hub's copy; counts what was (or, with dryRun, would be) removed. */
export async function purgeDemoHub(dataDir: string, cutoff: Date, dryRun: boolean): Promise<{cases: number; blobs: number}> {
	const file = new DurableJSONFile<HubSnapshot>(demoHubFile(dataDir));
	const snapshot = await file.read();
	if (!snapshot) return {cases: 0, blobs: 0};
	const result = purgeSnapshot(snapshot, (c) => retentionStartsAt(c), cutoff);
	if (!dryRun && (result.cases > 0 || result.blobs > 0)) await file.write(result.snapshot);
	return {cases: result.cases, blobs: result.blobs};
}
