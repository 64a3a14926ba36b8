/**
 * The words for a case's status, one table for the console and the commands (they used to say
 * 已分发 / 已分送, 已批准 / 已通过, 退回补正 / 待补正 for the same status).
 */
import type {CaseStatus} from '../core/cases/model.js';

type StatusLabels = Record<`status.${CaseStatus}`, string>;

export const CASE_STATUS_LABELS: {'zh-CN': StatusLabels; en: StatusLabels} = {
	'zh-CN': {
		'status.received': '已受理',
		'status.dispatched': '已分发',
		'status.accepted': '已接收',
		'status.in_review': '审核中',
		'status.approved': '已批准',
		'status.rejected': '不予受理',
		'status.returned': '退回补正',
		'status.ready_for_pickup': '待领取',
		'status.completed': '已办结',
	},
	en: {
		'status.received': 'received',
		'status.dispatched': 'dispatched',
		'status.accepted': 'accepted',
		'status.in_review': 'in review',
		'status.approved': 'approved',
		'status.rejected': 'rejected',
		'status.returned': 'returned',
		'status.ready_for_pickup': 'ready for pickup',
		'status.completed': 'completed',
	},
};
