/**
 * Seed data of the mock hub: province nodes, demo operators (demo PINs, printed in the docs, never
 * real), and fact records for the demo citizens. The ID numbers are valid GB 11643 numbers made up
 * for the demo; they belong to nobody.
 */
import type {HubNode} from '../../src/core/ports/hub.js';
import {DEMO_FACTS, type FactRecords} from '../../src/eligibility/facts-memory.js';

export const DEMO_NODES: HubNode[] = [
	{code: '11', name: '北京市节点', status: 'up', latencyMs: 18},
	{code: '31', name: '上海市节点', status: 'up', latencyMs: 22},
	{code: '35', name: '福建省节点', status: 'up', latencyMs: 31},
	{code: '43', name: '湖南省节点', status: 'up', latencyMs: 27},
	{code: '44', name: '广东省节点', status: 'up', latencyMs: 12},
	{code: '50', name: '重庆市节点', status: 'up', latencyMs: 35},
	{code: '51', name: '四川省节点', status: 'up', latencyMs: 33},
	{code: '54', name: '西藏自治区节点', status: 'degraded', latencyMs: 120},
];

export interface DemoOperator {
	id: string;
	name: string;
	pin: string;
	branchCode: string;
	roles: Array<'clerk' | 'technician' | 'admin' | 'supervisor'>;
}

export const DEMO_OPERATORS: DemoOperator[] = [
	{id: 'op-1001', name: '陈晓丽', pin: '246810', branchCode: '440305001', roles: ['clerk']},
	{id: 'op-1002', name: '王建国', pin: '135790', branchCode: '440305001', roles: ['clerk', 'technician']},
	{id: 'op-9001', name: '李主管', pin: '900900', branchCode: '440305001', roles: ['clerk', 'admin', 'supervisor']},
	// A second supervisor: a supervisor never approves their own case (maker-checker, docs/people.md).
	{id: 'op-9002', name: '赵主管', pin: '802802', branchCode: '440305001', roles: ['clerk', 'supervisor']},
];

/** API tokens for batch/admin scripts (the mock accepts these besides session tokens). */
export const DEMO_API_TOKENS: readonly string[] = ['demo-api-token'];

/**
 * Facts the mock hub knows per demo citizen: the same records the in-memory facts source uses
 * (one source of truth, so the demo, the eligibility tests and the mock hub agree).
 */
export const DEMO_CITIZENS: FactRecords = DEMO_FACTS;
