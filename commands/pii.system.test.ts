/**
 * Whole-system personal-data scan: the BUILT binary (dist/bundle/tongban.js, built by `npm test`)
 * runs the main non-interactive flows against one data directory and a mock hub it serves itself;
 * then every file written under the data directory and every captured stdout/stderr is searched
 * for the demo people's full ID numbers and names. The only places allowed to hold them are the
 * outbox (the payload the hub must receive) and case drafts; anything else is a leak.
 *
 * Not run: `devices idreader read --reveal`, the operator's explicit request to see a card in full.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative, sep} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_CARDS} from '../mocks/devices/cards.js';
import {DEMO_IMPLEMENTATION, demoDraft} from '../mocks/hub/demo-cases.js';
import {DEMO_FACTS} from '../src/eligibility/facts-memory.js';
import {scanForPersonalData, type PiiFinding} from '../src/test-utils/pii-scan.js';
import {BUILT_CLI, requireBuiltCli, runScript, type CliRun} from '../src/test-utils/cli-process.js';
import {writeCaseFile} from '../src/test-utils/case-file.js';

const cli = BUILT_CLI;
const HUB_TOKEN = 'demo-api-token';

// ----- the secrets: every full number and name of the demo people used below -----

const APPLICANT = demoDraft().applicant;
/** Invalid numbers one character away from real ones: the error paths must not echo them whole. */
const NEAR_NUMBERS = ['440305199001011231', '11010519850312051X'];

function secretsOfCards(): string[] {
	const out: string[] = [];
	for (const card of DEMO_CARDS) {
		for (const key of ['name', 'englishName', 'number', 'passNumber']) {
			const value = card.fields[key]?.trim();
			if (value) out.push(value);
		}
	}
	return out;
}

const SECRETS = [...new Set([APPLICANT.idNumber, APPLICANT.name, ...Object.keys(DEMO_FACTS), ...secretsOfCards(), ...NEAR_NUMBERS])];

// ----- running the binary -----

interface Run extends CliRun {
	args: string[];
}

const work = mkdtempSync(join(tmpdir(), 'tongban-pii-'));
const dataDir = join(work, 'data');
const runs: Run[] = [];

function childEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env, FORCE_COLOR: '0', TONGBAN_HUB_TOKEN: HUB_TOKEN, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost'};
	// The data dir comes from --data-dir only, never from the caller's environment.
	delete env['TONGBAN_DATA_DIR'];
	return env;
}

async function run(...args: string[]): Promise<Run> {
	const full = [...args, '--data-dir', dataDir];
	const result = {args: full, ...(await runScript(cli, full, {env: childEnv(), maxBuffer: 64 * 1024 * 1024, stdin: ''}))};
	runs.push(result);
	return result;
}

// ----- the mock hub, served by the binary itself -----

let hubProcess: ChildProcess | undefined;
const hubOutput = {stdout: '', stderr: ''};

async function serveHub(): Promise<string> {
	const child = spawn(process.execPath, [cli, 'hub', 'serve', '--port', '0', '--data-dir', dataDir], {env: childEnv(), stdio: ['ignore', 'pipe', 'pipe']});
	hubProcess = child;
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (hubOutput.stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (hubOutput.stderr += chunk));
	const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`hub serve exited (${code}): ${hubOutput.stderr}`))));
	const listening = new Promise<string>((resolveUrl) => {
		const look = () => {
			const url = /https?:\/\/127\.0\.0\.1:\d+\/api\/v1/.exec(hubOutput.stdout)?.[0];
			if (url) {
				child.stdout.off('data', look);
				resolveUrl(url);
			}
		};
		child.stdout.on('data', look);
	});
	return Promise.race([listening, exited]);
}

async function stopHub(): Promise<void> {
	const child = hubProcess;
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const gone = new Promise<void>((done) => child.once('exit', () => done()));
	child.kill('SIGTERM');
	await gone;
}

// ----- the allow-list -----

/** The outbox's files (src/store/outbox-files.ts): snapshot, journal, archive of delivered entries. */
function isOutboxFile(rel: string): boolean {
	return rel === 'outbox.json' || rel === 'outbox.journal' || /^outbox-delivered\.\d+\.ndjson$/.test(rel);
}

/** Files that must hold the applicant in full: the outbox (payload for the hub) and case drafts. */
function mayHoldPersonalData(file: string): boolean {
	const rel = relative(dataDir, file).split(sep).join('/');
	return isOutboxFile(rel) || rel.startsWith('drafts/');
}

function describeFinding(f: PiiFinding, outputs: readonly string[], labels: readonly string[]): string {
	const index = /^output\[(\d+)\]$/.exec(f.where)?.[1];
	const where = index === undefined ? relative(dataDir, f.where) : labels[Number(index)]!;
	// Never the secret itself: a test report is an output too.
	return `secret #${f.secretIndex} (${SECRETS[f.secretIndex]!.length} chars) in ${where} at ${f.offset}${index === undefined ? '' : ` of ${outputs[Number(index)]!.length}`}`;
}

// ----- the flows -----

let caseId = '';

beforeAll(async () => {
	requireBuiltCli();
	mkdirSync(dataDir, {recursive: true});

	// Devices, ID numbers and eligibility need no hub: two at a time (more only contends for CPU,
	// and the reader emulator answers within a deadline).
	const cardRuns = DEMO_CARDS.map((card) => ['devices', 'idreader', 'read', '--port', `emu:${card.id}`, '--json']);
	cardRuns.push(['devices', 'idreader', 'read', '--port', 'emu:resident'], ['devices', 'idreader', 'read', '--port', 'emu:resident', '--raw']);
	const [nearA, nearB] = NEAR_NUMBERS as [string, string];
	const idRuns = [
		['id', 'validate', APPLICANT.idNumber],
		['id', 'validate', APPLICANT.idNumber, '--json'],
		// Error paths with numbers one character away from real ones.
		['id', 'validate', nearA],
		['id', 'validate', nearB, '--json'],
	];
	const otherCitizen = Object.keys(DEMO_FACTS).find((n) => n !== APPLICANT.idNumber)!;
	const eligibilityRuns = [
		['eligibility', 'check', DEMO_IMPLEMENTATION.itemCode, '--id', APPLICANT.idNumber, '--demo'],
		['eligibility', 'check', DEMO_IMPLEMENTATION.itemCode, '--id', APPLICANT.idNumber, '--demo', '--json'],
		['eligibility', 'check', '990320000001', '--id', otherCitizen, '--demo', '--json'],
		['eligibility', 'check', '990320000003', '--id', otherCitizen, '--demo'],
		['eligibility', 'check', DEMO_IMPLEMENTATION.itemCode, '--id', nearA, '--demo'],
		['eligibility', 'check', DEMO_IMPLEMENTATION.itemCode, '--id', nearB, '--demo', '--json'],
	];
	const queue = [...cardRuns, ...idRuns, ...eligibilityRuns];
	const worker = async () => {
		for (let args = queue.shift(); args; args = queue.shift()) await run(...args);
	};
	await Promise.all([worker(), worker()]);

	// Cases through the hub the binary serves.
	const hubUrl = await serveHub();
	const applicant = {idNumber: APPLICANT.idNumber, name: APPLICANT.name};
	const caseFile = writeCaseFile(join(work, 'case'), DEMO_IMPLEMENTATION, {applicant, image: 'JPEG:身份证正反面', answers: {transferFrom: '43'}});
	const submitted = await run('cases', 'submit', '--file', caseFile, '--hub', hubUrl, '--json');
	caseId = (JSON.parse(submitted.stdout) as {caseId?: string; receipt?: {caseId?: string}}).caseId ?? (JSON.parse(submitted.stdout) as {receipt?: {caseId?: string}}).receipt?.caseId ?? '';
	// A hub that is down: the case waits in the outbox, and is listed.
	await run('cases', 'submit', '--file', caseFile, '--hub', 'http://127.0.0.1:1', '--retries', '0');
	await run('cases', 'outbox', '--json');
	await run('cases', 'outbox', '--drain', '--hub', hubUrl, '--json');
	await run('cases', 'show', caseId, '--hub', hubUrl);
	await run('cases', 'status', caseId, '--hub', hubUrl, '--json');
	await run('cases', 'status', caseId, '--hub', hubUrl, '--csv');
	await stopHub();

	// The audit log, as an auditor reads it.
	const today = new Date().toISOString().slice(0, 10);
	await run('audit', 'purge', '--days', '30', '--json');
	await run('audit', 'verify');
	await run('audit', 'tail', '-n', '50');
	await run('audit', 'export', '--since', today, '--format', 'csv');
	await run('audit', 'export', '--since', today, '--format', 'ndjson');
}, 90_000);

afterAll(async () => {
	await stopHub();
	rmSync(work, {recursive: true, force: true});
});

describe('personal data across the whole system', () => {
	it('ran the flows it claims to (so the scan below means something)', () => {
		const byCommand = (...prefix: string[]) => runs.filter((r) => prefix.every((p, i) => r.args[i] === p));
		for (const r of byCommand('devices', 'idreader', 'read')) expect(r.code, `${r.args.join(' ')}: ${r.stderr}`).toBe(0);
		expect(byCommand('id', 'validate', APPLICANT.idNumber)[0]?.code).toBe(0);
		for (const n of NEAR_NUMBERS) expect(byCommand('id', 'validate', n)[0]?.code).toBe(2);
		expect(byCommand('eligibility', 'check', DEMO_IMPLEMENTATION.itemCode, '--id', APPLICANT.idNumber)[0]?.code).toBe(0);
		expect(caseId).toMatch(/^TB44-/);
		for (const r of byCommand('cases', 'show')) expect(r.code).toBe(0);
		for (const r of byCommand('cases', 'status')) expect(r.code).toBe(0);
		for (const r of byCommand('audit')) expect(r.code, r.args.join(' ')).toBe(0);
		// The scan sees the hub's own output too.
		expect(hubOutput.stdout).toContain('/api/v1');
		// The reader showed the people it read, masked: the flows did touch personal data.
		const readJson = byCommand('devices', 'idreader', 'read').find((r) => r.args.includes('--json') && r.args.includes('emu:resident'));
		expect(JSON.parse(readJson!.stdout)).toMatchObject({masked: true});
	});

	it('holds full numbers and names only in the outbox (and case drafts), never in outputs or other files', () => {
		const outputs = [...runs.flatMap((r) => [r.stdout, r.stderr]), hubOutput.stdout, hubOutput.stderr];
		const labels = [...runs.flatMap((r) => [`stdout of ${r.args.slice(0, 3).join(' ')}`, `stderr of ${r.args.slice(0, 3).join(' ')}`]), 'stdout of hub serve', 'stderr of hub serve'];
		const findings = scanForPersonalData([dataDir], outputs, SECRETS);
		const leaks = findings.filter((f) => !(f.where.startsWith(dataDir) && mayHoldPersonalData(f.where)));
		expect(leaks.map((f) => describeFinding(f, outputs, labels))).toEqual([]);

		// The allow-listed outbox does hold the applicant: the scan can find what it looks for.
		const inOutbox = findings.filter((f) => f.where.startsWith(dataDir) && isOutboxFile(relative(dataDir, f.where))).map((f) => SECRETS[f.secretIndex]);
		expect(inOutbox).toContain(APPLICANT.idNumber);
		expect(inOutbox).toContain(APPLICANT.name);
	});

	it('would flag a leak: a secret written to a file outside the allow-list is found', () => {
		const probeDir = join(work, 'probe');
		mkdirSync(probeDir, {recursive: true});
		writeFileSync(join(probeDir, 'log.txt'), `applicant ${APPLICANT.name}\n`);
		const found = scanForPersonalData([probeDir], [`read ${APPLICANT.idNumber}`], SECRETS);
		expect(found.map((f) => SECRETS[f.secretIndex]).sort()).toEqual([APPLICANT.idNumber, APPLICANT.name].sort());
	});
});
