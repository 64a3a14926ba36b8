// Crash-test child: appends audit entries in a loop and prints each seq once its write resolved.
// The parent kills it with SIGKILL at a random point. Runs the COMPILED store (npm test builds it).
// Usage: node audit-crash-child.mjs <dataDir> <maxEntriesPerPart>
import {AuditStore} from '../../../dist/src/store/audit-store.js';

const [dataDir, perPart] = process.argv.slice(2);
const store = await AuditStore.open({dataDir, terminal: 'T-CRASH', actor: {id: 'clerk01', role: 'clerk'}, maxEntriesPerPart: Number(perPart), lockWaitMs: 5000});
process.stdout.write(`open ${store.last.seq}\n`);
for (let i = 0; ; i++) {
	const entry = await store.record({action: 'material.capture', target: {caseId: `C${i}`}, outcome: 'ok', details: {materialCode: 'M01', sha256: 'a'.repeat(64)}});
	process.stdout.write(`${entry.seq}\n`);
}
