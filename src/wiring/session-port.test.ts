/**
 * The supervisor's PIN through the session port against the real mock hub (maker-checker,
 * docs/people.md#supervisors-maker-checker): each hub answer becomes what the prompt says, and
 * with the hub unreachable an approval cannot be had at all (the console then sends nothing).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {HubClient} from '../hub/client.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {manualClock} from '../../mocks/hub/testing.js';
import {HubStatus} from './hub-status.js';
import {sessionPort} from './session-port.js';

let hub: MockHub;
beforeAll(async () => {
	hub = await startMockHub({clock: manualClock(), seed: 1});
});
afterAll(async () => {
	await hub.close();
});

function portOn(baseUrl: string, status = new HubStatus('online')) {
	const client = new HubClient({baseUrl, terminalId: 'T-DEMO-0001', token: 'demo-api-token', retries: 0, timeoutMs: 2_000});
	return {port: sessionPort({client, terminalId: 'T-DEMO-0001', hubStatus: status, onSignedIn: () => {}}), client, status};
}

describe('approvals through the session port', () => {
	it('turns the hub answers into the prompt reasons', async () => {
		const {port, client} = portOn(hub.url);
		const ok = await port.approve!({supervisorId: 'op-9002', pin: '802802', purpose: 'submit', makerId: 'op-1001', exceptions: ['typed_applicant']});
		expect(ok).toMatchObject({ok: true, approval: {supervisor: {id: 'op-9002', name: '赵主管'}, exceptions: ['typed_applicant']}});
		expect(await port.approve!({supervisorId: 'op-9001', pin: '900900', purpose: 'submit', makerId: 'op-9001', exceptions: []})).toEqual({ok: false, reason: 'self'});
		expect(await port.approve!({supervisorId: 'op-1002', pin: '135790', purpose: 'unlock', makerId: 'op-1001'})).toEqual({ok: false, reason: 'notSupervisor'});
		expect(await port.approve!({supervisorId: 'op-9001', pin: '000000', purpose: 'unlock', makerId: 'op-1001'})).toEqual({ok: false, reason: 'invalid', remainingAttempts: 4});
		await client.close();
	});

	it('cannot approve with the hub unreachable: the reason says so and the hub is marked offline', async () => {
		const {port, client, status} = portOn('http://127.0.0.1:1');
		expect(await port.approve!({supervisorId: 'op-9002', pin: '802802', purpose: 'submit', makerId: 'op-1001', exceptions: ['typed_applicant']})).toEqual({ok: false, reason: 'unreachable'});
		expect(status.get()).toBe('offline');
		await client.close();
	});
});
