// Crash-test child: appends audit entries in a loop and prints each seq once its write resolved.
// The parent kills it with SIGKILL at a random point. Runs the COMPILED store (npm test builds it).
// Usage: node audit-crash-child.mjs <dataDir> <maxEntriesPerPart> [<step> <after>]
// With <step> (intent | part), the child kills itself at that step of append number <after> + 1:
// the crash window of one append, left on disk exactly as a crash leaves it.
import {AuditStore} from '../../../dist/src/store/audit-store.js';

const [dataDir, perPart, crashStep, crashAfter] = process.argv.slice(2);
let appended = 0;
const onAppendStep = crashStep
	? (step) => {
			if (step === crashStep && appended === Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
		}
	: undefined;
const store = await AuditStore.open({dataDir, terminal: 'T-CRASH', actor: {id: 'clerk01', role: 'clerk'}, maxEntriesPerPart: Number(perPart), lockWaitMs: 5000, onAppendStep});
process.stdout.write(`open ${store.last.seq}\n`);
for (let i = 0; ; i++) {
	const entry = await store.record({action: 'material.capture', target: {caseId: `C${i}`}, outcome: 'ok', details: {materialCode: 'M01', sha256: 'a'.repeat(64)}});
	appended++;
	process.stdout.write(`${entry.seq}\n`);
}
