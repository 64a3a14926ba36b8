/** A receipt as the console saves it, for tests of its text, its store and the commands. */
import type {ReceiptDoc, SupplementReceiptDoc} from '../core/cases/receipt.js';

/**
 * What the demo case puts on its receipt whoever submits it: the pension check (990120000004) of
 * 欧阳建国 (51010719560920113X, masked), received in Guangdong (44) for Sichuan (51) to handle.
 */
export const DEMO_CASE_ON_RECEIPT = {
	itemName: '领取养老金人员待遇资格认证',
	receivingNode: '44',
	receivingProvince: '广东省',
	handlingNode: '51',
	handlingProvince: '四川省',
	promisedLimit: {value: 1, unit: 'working_day'},
	applicantName: '欧阳**',
	applicantNumber: '510107********113X',
} satisfies Partial<ReceiptDoc>;

export function demoReceipt(overrides: Partial<ReceiptDoc> = {}): ReceiptDoc {
	const {itemName, ...route} = DEMO_CASE_ON_RECEIPT;
	return {
		caseId: 'TB44-20261127-0000003',
		itemCode: '990120000004',
		itemName,
		implementationCode: '12510107TB000010724990120000004',
		department: '成都市武侯区社会保险事业管理中心',
		...route,
		materials: [
			{code: 'M01', name: '居民身份证', originalVerified: true},
			{code: 'M02', name: '社会保障卡', originalVerified: false},
		],
		receivedAt: '2026-11-27T08:56:00.000Z',
		operatorId: 'op-1001',
		branchName: '演示网点',
		terminalId: 'T-DEMO-0001',
		...overrides,
	};
}

/** The supplement receipt of the demo case, returned for a household register page. */
export function demoSupplementReceipt(overrides: Partial<SupplementReceiptDoc> = {}): SupplementReceiptDoc {
	const base = demoReceipt();
	return {
		kind: 'supplement',
		caseId: base.caseId,
		supplementKey: 'supp-0123456789abcdef0123456789abcdef01234567',
		itemCode: base.itemCode,
		itemName: base.itemName,
		implementationCode: base.implementationCode,
		department: base.department,
		handlingNode: base.handlingNode,
		handlingProvince: base.handlingProvince,
		applicantName: base.applicantName,
		applicantNumber: base.applicantNumber,
		reason: '户口簿页面不清晰，请重新提交户主页和本人页',
		materials: [{code: 'M03', name: '户口簿（户主页和本人页）', originalVerified: false}],
		supplementedAt: '2026-12-01T02:30:00.000Z',
		operatorId: 'op-1001',
		branchName: base.branchName,
		terminalId: base.terminalId,
		...overrides,
	};
}
