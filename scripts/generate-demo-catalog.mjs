#!/usr/bin/env node
/**
 * Generates the demo service catalog: data/catalog/items.json and one
 * data/catalog/impl-<province>.json per province. Run: `node scripts/generate-demo-catalog.mjs`.
 *
 * Everything is derived deterministically from the definitions below (no randomness, no clock),
 * so the output can be regenerated and reviewed as a diff.
 *
 * What is real and what is not (see data/ATTRIBUTION.md):
 *  - item names, lead departments, item types and cited documents are public facts of the
 *    national cross-province list (跨省通办);
 *  - basic codes use the reserved demo prefix 99; departments' 统一社会信用代码 are synthetic
 *    (they pass the GB 32100 check but identify nobody); addresses and phones are invented and
 *    marked as such; conditions, steps, notes, summaries and FAQs are this project's own words.
 *
 * The USCC check character is computed here by a few lines of its own because this plain Node
 * script cannot import the TypeScript core; data/catalog.test.ts checks every generated code
 * with src/core/identity/uscc.ts, so the two implementations are held to each other.
 */
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'data', 'catalog');

// ---------------------------------------------------------------------------------------------
// GB 32100 check character (see the note above).
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(registrationDept, orgType, regionCode, body) {
	const first17 = `${registrationDept}${orgType}${regionCode}${body}`;
	if (first17.length !== 17) throw new Error(`bad USCC parts: ${first17}`);
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
	return first17 + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------------------------------------
// Shared pieces of item definitions.

/** Material tuple → model Material (the code is assigned from the position later). */
function m(name, source, required, originals, copies, format, notes) {
	return notes === undefined
		? {name, source, required, originals, copies, format}
		: {name, source, required, originals, copies, format, notes};
}
const ID_CARD = m('居民身份证', '公安机关', true, 1, 0, '原件，窗口现场核验');
const HOUSEHOLD_REGISTER = m('居民户口簿', '公安机关', true, 1, 0, '原件，核验户主页和本人页');
const BANK_CARD = m('本人银行借记卡', '开户银行', true, 1, 0, '原件，用于接收款项，须为本人名下账户');
const PHOTO_RECEIPT = m('数码相片回执', '照相机构或受理点现场采集', true, 1, 0, '符合证件照标准，可现场拍摄');
const RESIDENCE_PROOF = m(
	'住所证明',
	'不动产登记机构、住房租赁管理部门或单位',
	true,
	0,
	1,
	'A4 纸质复印件',
	'不动产权证书、租赁登记备案凭证或集体户同意接收证明，提供其中一种即可',
);
const POWER_OF_ATTORNEY = m('授权委托书', '申请人自备', false, 1, 0, 'A4 纸质 1 页，委托人签字', '委托他人代办时提供，并附代理人身份证');

/** Common wording of the decision-and-delivery steps in 异地代收代办. */
function proxySteps(decider, review, delivery = '办理结果寄递给申请人，或由受理窗口转交') {
	return [
		'受理窗口核验申请人身份，对申请表和材料作形式审查，材料不全的一次性告知补正',
		`将申请信息和材料电子件通过跨省通办系统转交${decider}`,
		`${decider}${review}`,
		`${delivery}，进度可在窗口或网上查询`,
	];
}

const LAW_CROSS_PROVINCE = '《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）';
const LAW_SOCIAL_INSURANCE = '《中华人民共和国社会保险法》';
const LAW_HPF = '《住房公积金管理条例》';
const LAW_HUKOU = '《中华人民共和国户口登记条例》';
const LAW_ID_CARD = '《中华人民共和国居民身份证法》';
const LAW_ID_FEE = '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）';
const LAW_NOTARY = '《中华人民共和国公证法》';
const LAW_MARKET_REGISTRATION = '《中华人民共和国市场主体登记管理条例》';
const NOTARY_FEE_BASIS = '省级价格主管部门核定的公证服务收费标准（演示金额，以当地标准为准）';

// ---------------------------------------------------------------------------------------------
// Items. `sites` says which bodies implement the item in each province:
//   province  the provincial body (level 2)
//   city      the prefecture-level body; in a municipality the municipal body (level 2)
//   local     the city body; in a municipality the first district's body
//   county    the first county-level body (level 4); counties: every listed county
//   hpf       the housing provident fund centre (city, or the municipal centre)
// Departments of the same kind and region are one body (one USCC) across items.

/** Department groups of the demo basic codes: 99 + group + item type + 6-digit serial. */
const GROUP = {hrss: '01', medical: '02', hpf: '03', police: '04', justice: '05', market: '06', land: '07', civil: '08'};

const ITEMS = [
	// --- 人力资源社会保障部 ----------------------------------------------------------------------
	{
		group: GROUP.hrss,
		name: '企业职工基本养老保险关系转移接续',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['社保转移', '养老保险转移', '养老转移', '社保转出', '社保转入', '跨省转社保', '转社保'],
		aliases: ['养老保险关系转移', '企业养老保险转移接续', '社保关系转移'],
		legalBasis: [
			LAW_SOCIAL_INSURANCE,
			'《国务院办公厅关于转发人力资源社会保障部 财政部城镇企业职工基本养老保险关系转移接续暂行办法的通知》（国办发〔2009〕66号）',
			LAW_CROSS_PROVINCE,
		],
		resultName: '基本养老保险关系转移接续联系函',
		summary: '职工跨省换了工作，把原参保地的企业养老保险关系和个人账户转到新参保地接着算。',
		impl: {
			kind: 'social-insurance',
			sites: ['province', 'local'],
			coDepartments: ['转出地社会保险经办机构'],
			conditions: [
				'已在转入地参加企业职工基本养老保险并正常缴费',
				'尚未按月领取基本养老金',
				'在转出地已停止缴费或参保关系已中断',
			],
			process: [
				'受理窗口核验申请人身份，审查转移申请表是否填写完整',
				'转入地社会保险经办机构向转出地发出联系函',
				'转出地核对缴费记录，办理基金转出并出具参保缴费凭证',
				'转入地接收基金、记录缴费年限，把结果告知申请人',
			],
			materials: [
				ID_CARD,
				m('基本养老保险关系转移接续申请表', '社会保险经办机构（窗口领取或网上下载）', true, 1, 0, 'A4 纸质 1 页，本人签字'),
				m(
					'参保缴费凭证',
					'转出地社会保险经办机构',
					false,
					0,
					1,
					'A4 纸质复印件',
					'已开具的可一并交来；没有的由经办机构通过系统获取，不必回转出地开具',
				),
				POWER_OF_ATTORNEY,
			],
			statutory: [45, 'working_day'],
			promised: 30,
			caseKind: 2,
			faqs: [
				{q: '转走以后，原来交的年限还算吗？', a: '算。转出地的缴费年限和个人账户储存额随关系一起转入，与新参保地的合并计算。'},
				{
					q: '男性 50 岁以上到非户籍地工作，转移有什么不同？',
					a: '转入地通常只为其建立临时缴费账户，等到领取待遇时再归集到待遇领取地，已缴的权益不会丢失。',
				},
			],
		},
	},
	{
		group: GROUP.hrss,
		name: '城乡居民基本养老保险关系转移接续',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['居民养老转移', '城乡居民养老保险转移', '新农保转移', '居民社保转移', '农村养老保险转移'],
		aliases: ['居民养老保险关系转移', '城乡居保转移'],
		legalBasis: ['《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）', LAW_CROSS_PROVINCE],
		resultName: '城乡居民基本养老保险关系转移结果告知书',
		summary: '参加城乡居民养老保险的人把户口迁到外省后，把个人账户带到新户籍地继续参保。',
		impl: {
			kind: 'social-insurance',
			sites: ['county'],
			coDepartments: ['转出地社会保险经办机构'],
			conditions: ['户籍已经迁入转入地', '尚未领取城乡居民基本养老保险待遇', '在转入地没有重复参保'],
			process: proxySteps('转入地社会保险经办机构', '与转出地核对个人账户后办理转移'),
			materials: [
				ID_CARD,
				HOUSEHOLD_REGISTER,
				m('城乡居民基本养老保险关系转移申请表', '社会保险经办机构', true, 1, 0, 'A4 纸质 1 页，本人签字'),
			],
			statutory: [45, 'working_day'],
			promised: 30,
			caseKind: 2,
			faqs: [{q: '户口还没迁，可以先转吗？', a: '不可以。城乡居民养老保险跟着户籍走，要先办好户口迁移再申请转移。'}],
		},
	},
	{
		group: GROUP.hrss,
		name: '机关事业单位养老保险关系转移接续',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy'],
		serviceObjects: [1, 3, 5],
		scope: '全国',
		keywords: ['机关养老转移', '事业单位养老转移', '职业年金转移', '调动转养老保险', '公务员社保转移'],
		aliases: ['机关事业养老保险转移', '机关养老保险关系转移'],
		legalBasis: [
			LAW_SOCIAL_INSURANCE,
			'《国务院关于机关事业单位工作人员养老保险制度改革的决定》（国发〔2015〕2号）',
			LAW_CROSS_PROVINCE,
		],
		resultName: '机关事业单位基本养老保险关系转移接续联系函',
		summary: '机关事业单位工作人员跨省调动时，由新单位申请把养老保险关系连同职业年金一并转过来。',
		impl: {
			kind: 'social-insurance',
			sites: ['province'],
			coDepartments: ['转出地社会保险经办机构', '职业年金受托管理机构'],
			conditions: ['调入单位已为其办理机关事业单位养老保险参保登记', '尚未办理退休', '调出单位已停止为其缴费'],
			process: proxySteps('转入地社会保险经办机构', '与转出地核对缴费和职业年金记录，办理基金转移'),
			materials: [
				ID_CARD,
				m('调动、录用或任职的相关文件', '组织人事部门', true, 0, 1, 'A4 纸质复印件，加盖单位公章'),
				m('机关事业单位养老保险关系转移接续申请表', '社会保险经办机构', true, 1, 0, 'A4 纸质 1 页，加盖单位公章'),
			],
			statutory: [45, 'working_day'],
			promised: 30,
			caseKind: 2,
			faqs: [{q: '职业年金要单独申请转移吗？', a: '不用。经办机构转移养老保险关系时会把职业年金一起处理。'}],
		},
	},
	{
		group: GROUP.hrss,
		name: '领取养老金人员待遇资格认证',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['养老认证', '生存认证', '退休认证', '养老金认证', '社保年审', '刷脸认证', '资格认证'],
		aliases: ['待遇资格认证', '养老金领取资格认证', '领取资格认证'],
		legalBasis: [LAW_SOCIAL_INSURANCE, LAW_CROSS_PROVINCE],
		resultName: '待遇领取资格认证结果',
		summary: '住在外省的退休人员定期向养老金发放地确认自己仍符合领取条件，养老金才会照常发放。',
		impl: {
			kind: 'social-insurance',
			sites: ['city', 'counties'],
			coDepartments: ['养老金发放地社会保险经办机构'],
			conditions: ['本人正在按月领取基本养老金', '由本人到场或通过人脸识别完成认证', '距上次认证一般不超过 12 个月'],
			process: [
				'受理窗口核验领取人身份',
				'现场采集人像并与发放地留存信息比对',
				'认证结果实时回传养老金发放地',
				'发放地更新认证日期，窗口告知下次认证时间',
			],
			materials: [
				ID_CARD,
				m('社会保障卡', '社会保险经办机构', false, 1, 0, '原件', '有卡的一并出示，便于查到养老金发放地'),
			],
			statutory: [1, 'working_day'],
			promised: 1,
			caseKind: 1,
			faqs: [
				{q: '超过一年没认证会怎么样？', a: '发放地会暂停发放；补做认证后恢复，暂停期间的养老金一般可以补发。'},
				{q: '老人行动不便，能不来窗口吗？', a: '可以由家属联系发放地经办机构，预约上门或视频认证，具体方式以发放地安排为准。'},
			],
		},
	},
	{
		group: GROUP.hrss,
		name: '社会保障卡申领',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['办社保卡', '社保卡申请', '新办社保卡', '社保卡办理', '领社保卡'],
		aliases: ['社保卡申领', '社保卡首次申领'],
		legalBasis: [LAW_SOCIAL_INSURANCE, LAW_CROSS_PROVINCE],
		resultName: '社会保障卡',
		summary: '参保人在工作地或居住地申请制发自己的第一张社会保障卡。',
		impl: {
			kind: 'social-insurance',
			sites: ['local'],
			coDepartments: ['社会保障卡合作银行'],
			conditions: ['已在任一地区参加社会保险', '名下没有在用的全国统一标准社会保障卡', '本人申请，未成年人由监护人代办'],
			process: proxySteps('参保地社会保障卡管理机构', '核对参保信息后制卡', '卡片制好后由受理网点通知领取或邮寄'),
			materials: [
				ID_CARD,
				m('近期免冠彩色证件照', '申请人自备', true, 1, 0, '白底，也可现场拍摄', '已有合格的身份证照片时可直接调用'),
				m('社会保障卡申领登记表', '社会保险经办机构', true, 1, 0, 'A4 纸质 1 页，本人签字'),
			],
			statutory: [20, 'working_day'],
			promised: 10,
			caseKind: 2,
			faqs: [{q: '社保卡能当银行卡用吗？', a: '可以。领卡后在合作银行网点或线上激活金融功能，就能存取款和转账。'}],
		},
	},
	{
		group: GROUP.hrss,
		name: '社会保障卡补换',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['社保卡补办', '社保卡丢了', '社保卡换卡', '社保卡坏了', '补社保卡', '换社保卡'],
		aliases: ['社保卡补换', '社保卡补领', '社保卡换领'],
		legalBasis: [LAW_SOCIAL_INSURANCE, LAW_CROSS_PROVINCE],
		resultName: '社会保障卡',
		summary: '社保卡丢失、损坏或卡面信息有误时，注销旧卡并重新制发一张新卡。',
		impl: {
			kind: 'social-insurance',
			sites: ['city', 'county'],
			coDepartments: ['社会保障卡合作银行'],
			conditions: ['名下已有社会保障卡', '卡片遗失、损坏或信息需要更正', '遗失补卡的已先办理挂失'],
			process: proxySteps('参保地社会保障卡管理机构', '注销旧卡并制作新卡', '新卡制好后由受理网点通知领取或邮寄'),
			materials: [
				ID_CARD,
				m('近期免冠彩色证件照', '申请人自备', true, 1, 0, '白底，也可现场拍摄'),
				m('原社会保障卡', '社会保险经办机构', false, 1, 0, '原件', '换卡时交回旧卡；遗失补卡不需要'),
			],
			statutory: [20, 'working_day'],
			promised: 10,
			caseKind: 2,
			faqs: [{q: '新卡没到手，看病怎么结算？', a: '可以先用医保电子凭证结算，补卡期间不影响享受待遇。'}],
		},
	},
	{
		group: GROUP.hrss,
		name: '社会保障卡临时挂失',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['社保卡挂失', '挂失社保卡', '社保卡冻结', '社保卡被偷'],
		aliases: ['社保卡临时挂失', '社保卡挂失'],
		legalBasis: [LAW_SOCIAL_INSURANCE, LAW_CROSS_PROVINCE],
		resultName: '社会保障卡挂失回执',
		summary: '社保卡丢了以后先临时冻结它的社保和金融功能，防止被别人冒用。',
		impl: {
			kind: 'social-insurance',
			sites: ['city'],
			coDepartments: ['社会保障卡合作银行'],
			conditions: ['名下有正常状态的社会保障卡', '持卡人本人申请'],
			process: [
				'受理窗口核验持卡人身份',
				'在社会保障卡管理系统中登记临时挂失',
				'同步通知合作银行冻结金融账户',
				'当场出具挂失回执',
			],
			materials: [ID_CARD, m('社会保障卡挂失申请表', '社会保险经办机构', true, 1, 0, 'A4 纸质 1 页，本人签字')],
			statutory: [1, 'working_day'],
			promised: 1,
			caseKind: 1,
			faqs: [{q: '临时挂失以后还要做什么？', a: '临时挂失有期限，找回卡的要及时解挂，找不回的应在期限内申请补卡。'}],
		},
	},
	{
		group: GROUP.hrss,
		name: '失业登记',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['登记失业', '失业证', '失业金', '没工作了', '就业失业登记'],
		aliases: ['失业人员登记', '常住地失业登记'],
		legalBasis: ['《中华人民共和国就业促进法》', '《就业服务与就业管理规定》', LAW_CROSS_PROVINCE],
		resultName: '失业登记凭证',
		summary: '有劳动能力、想找工作但暂时没有工作的人在常住地登记失业，以便享受就业服务和扶持政策。',
		impl: {
			kind: 'hrss',
			sites: ['county'],
			coDepartments: ['公共就业服务机构'],
			conditions: [
				'处于法定劳动年龄内，有劳动能力',
				'有就业要求，目前处于无业状态',
				'在常住地申请，不是户籍地的应能提供常住证明或作出书面承诺',
			],
			process: proxySteps('常住地公共就业服务机构', '核实就业状态后办理登记'),
			materials: [
				ID_CARD,
				m('居住证或常住地居住承诺书', '公安机关或申请人自备', false, 1, 0, '原件', '在非户籍地登记时提供其一'),
				m('解除或终止劳动关系证明', '原用人单位', false, 0, 1, 'A4 纸质复印件', '有的请提供，便于后续申领失业保险金'),
			],
			statutory: [5, 'working_day'],
			promised: 2,
			caseKind: 2,
			faqs: [
				{q: '登记失业以后就能领失业金吗？', a: '不一定。失业保险金另有条件，例如失业前缴费满一年、不是本人意愿中断就业，需要另外申领。'},
			],
		},
	},
	{
		group: GROUP.hrss,
		name: '职业资格证书核验',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['online', 'proxy'],
		serviceObjects: [1, 2],
		scope: '全国',
		keywords: ['证书核验', '职业资格查询', '资格证真伪', '证书查询', '证书验证'],
		aliases: ['职业资格证书查询核验', '资格证核验'],
		legalBasis: ['《中华人民共和国劳动法》', LAW_CROSS_PROVINCE],
		resultName: '职业资格证书核验结果',
		summary: '持证人或用人单位核对一本职业资格证书是否真实、是否仍然有效。',
		impl: {
			kind: 'hrss',
			sites: ['province'],
			coDepartments: ['发证地人力资源社会保障部门'],
			conditions: ['被核验证书在国家职业资格目录范围内', '持证人本人申请，或单位持持证人授权申请'],
			process: [
				'受理窗口核验申请人身份和授权',
				'在全国证书查询系统中比对证书信息',
				'查不到的转发证地核实',
				'出具核验结果',
			],
			materials: [
				ID_CARD,
				m('职业资格证书', '发证机关', true, 1, 1, '原件核验，留存复印件 1 份'),
				POWER_OF_ATTORNEY,
			],
			statutory: [5, 'working_day'],
			promised: 1,
			caseKind: 1,
			faqs: [{q: '系统里查不到我的证书怎么办？', a: '较早颁发的证书可能没有入库，窗口会转发证地人工核实，时间会长一些。'}],
		},
	},

	// --- 国家医疗保障局 --------------------------------------------------------------------------
	{
		group: GROUP.medical,
		name: '异地就医登记备案',
		type: '20',
		leadDepartment: '国家医疗保障局',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['医保异地备案', '异地就医备案', '异地看病', '跨省就医', '医保备案', '就医结算备案', '异地住院报销'],
		aliases: ['跨省异地就医直接结算备案', '就医结算备案', '医保异地就医备案'],
		legalBasis: [
			LAW_SOCIAL_INSURANCE,
			'《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
			LAW_CROSS_PROVINCE,
		],
		resultName: '异地就医备案凭证',
		summary: '参保人打算在参保省份以外看病并直接刷卡结算时，先向参保地登记备案。',
		impl: {
			kind: 'medical',
			sites: ['city', 'counties'],
			coDepartments: ['参保地医疗保障经办机构'],
			conditions: [
				'在参保地正常参加基本医疗保险',
				'长期在外居住或工作的，能提供居住、工作证明或签署个人承诺书',
				'转诊就医的，有参保地规定医疗机构开具的转诊证明',
			],
			process: [
				'受理窗口核验参保人身份，确认备案类别（长期或临时）',
				'录入备案信息并转交参保地医疗保障经办机构',
				'参保地确认备案，结果即时生效',
				'告知备案有效期和就医地可结算的定点医疗机构',
			],
			materials: [
				ID_CARD,
				m('异地就医备案登记表', '医疗保障经办机构', true, 1, 0, 'A4 纸质 1 页，本人签字'),
				m(
					'异地居住或工作证明',
					'公安机关、用人单位或申请人自备',
					false,
					0,
					1,
					'A4 纸质复印件',
					'长期居住或常驻工作备案时提供；没有的可以签署个人承诺书代替',
				),
				m('转诊证明', '参保地定点医疗机构', false, 1, 0, '原件', '转诊就医备案时提供'),
			],
			statutory: [5, 'working_day'],
			promised: 1,
			caseKind: 1,
			faqs: [
				{q: '急诊来不及备案怎么办？', a: '急诊抢救视同已经备案，事后按参保地规定补办手续即可。'},
				{q: '临时外出看病报销比例会变吗？', a: '可能会略低。参保地可以对临时外出就医下调支付比例，具体幅度以参保地规定为准。'},
			],
		},
	},
	{
		group: GROUP.medical,
		name: '基本医疗保险关系转移接续',
		type: '20',
		leadDepartment: '国家医疗保障局',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['医保转移', '医保关系转移', '医疗保险转移', '跨省转医保', '医保转入', '医保接续'],
		aliases: ['医保关系转移接续', '医疗保险关系转移'],
		legalBasis: [LAW_SOCIAL_INSURANCE, LAW_CROSS_PROVINCE],
		resultName: '基本医疗保险关系转移接续结果',
		summary: '职工跨省流动就业后，把原参保地的医保缴费年限等权益接续到新参保地。',
		impl: {
			kind: 'medical',
			sites: ['city'],
			coDepartments: ['转出地医疗保障经办机构'],
			conditions: ['已在转入地参加基本医疗保险', '转出地医保已停保或中断缴费', '两地没有重复参保'],
			process: proxySteps('转入地医疗保障经办机构', '与转出地核对参保缴费记录后办理接续'),
			materials: [
				ID_CARD,
				m('基本医疗保险关系转移接续申请表', '医疗保障经办机构', true, 1, 0, 'A4 纸质 1 页，本人签字'),
				m(
					'基本医疗保险参保凭证',
					'转出地医疗保障经办机构',
					false,
					1,
					0,
					'原件或电子凭证打印件',
					'已开具的可以提供；没有的由经办机构通过系统获取',
				),
			],
			statutory: [45, 'working_day'],
			promised: 20,
			caseKind: 2,
			faqs: [
				{q: '转移期间看病能报销吗？', a: '按转入地规定执行。多数地区在新参保缴费后就能享受待遇，具体等待期以当地政策为准。'},
			],
		},
	},
	{
		group: GROUP.medical,
		name: '基本医疗保险参保信息变更',
		type: '20',
		leadDepartment: '国家医疗保障局',
		modes: ['online', 'proxy'],
		serviceObjects: [1, 2],
		scope: '全国',
		keywords: ['医保信息变更', '改医保信息', '医保改名', '医保联系方式变更', '参保信息修改'],
		aliases: ['参保信息变更', '医保参保信息变更'],
		legalBasis: [LAW_SOCIAL_INSURANCE, LAW_CROSS_PROVINCE],
		resultName: '参保信息变更结果',
		summary: '参保人的姓名、证件号码、联系方式等登记信息变了，向参保地更正医保登记信息。',
		impl: {
			kind: 'medical',
			sites: ['county'],
			coDepartments: ['参保地医疗保障经办机构'],
			conditions: ['已在参保地登记参保', '变更姓名、身份号码等关键信息的，有相应证明', '本人或监护人申请'],
			process: proxySteps('参保地医疗保障经办机构', '核对证明后更新参保登记信息'),
			materials: [
				ID_CARD,
				m('参保信息变更登记表', '医疗保障经办机构', true, 1, 0, 'A4 纸质 1 页，本人签字'),
				m('信息变更证明', '公安机关等发证部门', false, 0, 1, 'A4 纸质复印件', '变更姓名、身份号码时提供户籍变更证明'),
			],
			statutory: [5, 'working_day'],
			promised: 3,
			caseKind: 2,
			faqs: [{q: '只改手机号也要跑窗口吗？', a: '不用。联系方式一类的信息可以直接在网上或手机上修改。'}],
		},
	},

	// --- 住房和城乡建设部 / 住房公积金 -----------------------------------------------------------
	{
		group: GROUP.hpf,
		name: '正常退休提取住房公积金',
		type: '20',
		leadDepartment: '住房和城乡建设部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['退休提取公积金', '公积金退休提取', '公积金销户', '退休取公积金', '提取公积金'],
		aliases: ['退休提取住房公积金', '公积金退休销户提取'],
		legalBasis: [LAW_HPF, LAW_CROSS_PROVINCE],
		resultName: '住房公积金提取结果',
		summary: '职工正常退休后，一次性取出住房公积金账户里的钱并注销账户。',
		impl: {
			kind: 'hpf',
			sites: ['hpf'],
			coDepartments: ['缴存地住房公积金管理中心'],
			conditions: [
				'已按国家规定办理正常退休手续',
				'住房公积金账户有余额',
				'没有未还清的住房公积金贷款，或同意先用余额冲还贷款',
			],
			process: proxySteps('缴存地住房公积金管理中心', '审核后作出准予提取的决定', '提取款项转入本人银行账户'),
			materials: [
				ID_CARD,
				m('退休证明', '人力资源社会保障部门或原单位', true, 0, 1, 'A4 纸质复印件', '能在系统中查到退休信息的可免交'),
				BANK_CARD,
				m('住房公积金提取申请书', '住房公积金管理中心', true, 1, 0, 'A4 纸质 1 页，本人签字'),
			],
			statutory: [3, 'natural_day'],
			promised: 3,
			caseKind: 2,
			faqs: [{q: '钱会打到哪张卡？', a: '打到申请时登记的本人名下银行借记卡，不能转给他人账户。'}],
		},
	},
	{
		group: GROUP.hpf,
		name: '购房提取住房公积金',
		type: '20',
		leadDepartment: '住房和城乡建设部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['买房提取公积金', '购房提取', '公积金提取', '买房取公积金', '首付提公积金'],
		aliases: ['购买住房提取住房公积金', '购房提取公积金'],
		legalBasis: [LAW_HPF, LAW_CROSS_PROVINCE],
		resultName: '住房公积金提取结果',
		summary: '职工买了自住住房，用本人和配偶账户里的住房公积金支付购房款。',
		impl: {
			kind: 'hpf',
			sites: ['hpf'],
			coDepartments: ['缴存地住房公积金管理中心', '住房所在地不动产登记机构'],
			conditions: [
				'所购住房为本人或配偶的自住住房',
				'在购房合同备案或不动产登记后的规定期限内申请',
				'同一套住房没有重复提取',
			],
			process: proxySteps('缴存地住房公积金管理中心', '核验购房信息后作出准予提取的决定', '提取款项转入本人银行账户'),
			materials: [
				ID_CARD,
				m('购房合同或不动产权证书', '房地产主管部门或不动产登记机构', true, 0, 1, 'A4 纸质复印件', '能联网核验的地区可免交'),
				m('购房款发票或付款凭证', '房屋出售方', true, 0, 1, 'A4 纸质复印件'),
				BANK_CARD,
				m('婚姻关系证明', '婚姻登记机关', false, 0, 1, 'A4 纸质复印件', '同时提取配偶账户时提供'),
			],
			statutory: [3, 'natural_day'],
			promised: 3,
			caseKind: 2,
			faqs: [{q: '父母买房我能提取吗？', a: '一般不能，只有本人、配偶（部分地区含直系亲属）购买自住住房才能提取，以缴存地规定为准。'}],
		},
	},
	{
		group: GROUP.hpf,
		name: '住房公积金转移接续',
		type: '20',
		leadDepartment: '住房和城乡建设部',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['公积金转移', '公积金异地转移', '公积金转入', '换城市转公积金', '公积金转出'],
		aliases: ['住房公积金异地转移接续', '公积金转移接续'],
		legalBasis: [LAW_HPF, LAW_CROSS_PROVINCE],
		resultName: '住房公积金转移接续结果',
		summary: '职工换到另一个城市工作后，把原缴存地的住房公积金余额和缴存时间转到新缴存地。',
		impl: {
			kind: 'hpf',
			sites: ['hpf'],
			coDepartments: ['转出地住房公积金管理中心'],
			conditions: [
				'已在转入地开立个人住房公积金账户并正常缴存',
				'原缴存地个人账户已经封存',
				'在原缴存地没有未还清的住房公积金贷款',
			],
			process: proxySteps('转入地住房公积金管理中心', '通过全国转移接续平台向转出地发起转移并接收资金'),
			materials: [
				ID_CARD,
				m('住房公积金转移接续申请表', '住房公积金管理中心', true, 1, 0, 'A4 纸质 1 页，本人签字'),
			],
			statutory: [15, 'working_day'],
			promised: 5,
			caseKind: 2,
			faqs: [{q: '原单位没封存账户能转吗？', a: '不能。要先由原单位办理封存，或本人申请个人封存，再由转入地发起转移。'}],
		},
	},
	{
		group: GROUP.hpf,
		name: '出具贷款职工住房公积金缴存使用证明',
		type: '20',
		leadDepartment: '住房和城乡建设部',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['公积金证明', '公积金缴存证明', '公积金使用证明', '异地贷款证明', '开公积金证明'],
		aliases: ['住房公积金缴存使用证明', '公积金缴存使用证明'],
		legalBasis: [LAW_HPF, LAW_CROSS_PROVINCE],
		resultName: '贷款职工住房公积金缴存使用证明',
		summary: '职工要到外地申请住房公积金贷款，由缴存地出具其缴存和使用情况的证明。',
		impl: {
			kind: 'hpf',
			sites: ['hpf'],
			coDepartments: ['贷款地住房公积金管理中心'],
			conditions: ['在本地正常缴存住房公积金', '准备在外地申请住房公积金贷款'],
			process: [
				'受理窗口核验申请人身份',
				'查询缴存和使用记录',
				'生成缴存使用证明并推送贷款地',
				'需要纸质件的当场打印',
			],
			materials: [
				ID_CARD,
				m('出具缴存使用证明申请书', '住房公积金管理中心', true, 1, 0, 'A4 纸质 1 页，本人签字'),
			],
			statutory: [3, 'natural_day'],
			promised: 1,
			caseKind: 1,
			faqs: [{q: '证明有有效期吗？', a: '有。贷款地通常要求近期出具的证明，过期需要重新开具，具体以贷款地要求为准。'}],
		},
	},
	{
		group: GROUP.hpf,
		name: '提前还清住房公积金贷款',
		type: '20',
		leadDepartment: '住房和城乡建设部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['公积金提前还款', '还清公积金贷款', '公积金贷款结清', '提前还贷', '一次性还清'],
		aliases: ['住房公积金贷款提前结清', '提前结清公积金贷款'],
		legalBasis: [LAW_HPF, LAW_CROSS_PROVINCE],
		resultName: '住房公积金贷款结清证明',
		summary: '借款人在贷款到期前一次性还清住房公积金贷款的全部本息并办理结清。',
		impl: {
			kind: 'hpf',
			sites: ['hpf'],
			coDepartments: ['受托银行'],
			conditions: ['借款合同正常履行，没有未处理的逾期', '还款账户内已备足应还本息', '借款人本人或共同借款人申请'],
			process: proxySteps('贷款地住房公积金管理中心', '核算应还本息并办理扣款结清', '结清后出具贷款结清证明'),
			materials: [
				ID_CARD,
				m('住房公积金借款合同', '住房公积金管理中心', false, 0, 1, 'A4 纸质复印件', '系统能查到合同的可免交'),
				m('提前还款申请书', '住房公积金管理中心', true, 1, 0, 'A4 纸质 1 页，借款人签字'),
			],
			statutory: [5, 'working_day'],
			promised: 3,
			caseKind: 2,
			faqs: [{q: '还清以后抵押怎么注销？', a: '拿结清证明到不动产登记机构办理抵押注销，有的城市可以由中心代为申请。'}],
		},
	},

	// --- 公安部 ---------------------------------------------------------------------------------
	{
		group: GROUP.police,
		name: '开具户籍类证明',
		type: '20',
		leadDepartment: '公安部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['户籍证明', '开户籍证明', '户口证明', '亲属关系证明', '注销户口证明', '户口迁出证明'],
		aliases: ['户籍证明开具', '户籍类证明'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '户籍类证明',
		summary: '由户籍地公安机关证明本人的户口登记情况、户口注销或亲属关系等户籍事项。',
		impl: {
			kind: 'police',
			sites: ['counties'],
			coDepartments: ['户籍地公安派出所'],
			conditions: ['所要证明的事项在户籍档案中能够查实', '本人申请，或近亲属凭关系证明代为申请'],
			process: proxySteps('户籍地公安机关', '查档核实后出具证明', '电子证明推送受理窗口打印，或邮寄纸质证明'),
			materials: [
				ID_CARD,
				m('居民户口簿', '公安机关', false, 1, 0, '原件', '有户口簿的请一并提供'),
				m('证明用途说明', '申请人自备', false, 1, 0, 'A4 纸质 1 页', '说明证明用途和需证明的事项'),
			],
			statutory: [20, 'working_day'],
			promised: 5,
			caseKind: 2,
			faqs: [
				{q: '是不是所有证明都能开？', a: '不是。一些证明已经取消，改由部门间核查或申请人书面承诺，窗口会先帮您确认是否还需要开具。'},
			],
		},
	},
	{
		group: GROUP.police,
		name: '工作调动户口迁移',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['迁户口', '工作调动迁户', '调动落户', '户口迁移', '随工作迁户口'],
		aliases: ['工作调动户口迁入', '调动户口迁移'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '户口迁入审批结果',
		summary: '因工作调动到外省的职工，在新工作地申请把户口从原籍迁过来。',
		impl: {
			kind: 'police',
			sites: ['counties'],
			coDepartments: ['迁出地公安机关'],
			conditions: ['迁入地落户政策允许迁入', '已办妥调动手续，有调动文件', '在迁入地有合法稳定住所或单位集体户'],
			process: proxySteps('迁入地公安机关', '审批迁入，并通过系统通知迁出地办理迁出', '审批结果告知申请人，凭结果办理落户'),
			materials: [
				ID_CARD,
				HOUSEHOLD_REGISTER,
				m('工作调动相关文件', '组织人事部门', true, 0, 1, 'A4 纸质复印件，加盖公章'),
				RESIDENCE_PROOF,
			],
			statutory: [20, 'working_day'],
			promised: 15,
			caseKind: 2,
			faqs: [{q: '还要回老家开迁移证吗？', a: '一般不用。迁入地审批后通过系统通知迁出地，实行“一站式”迁移。'}],
		},
	},
	{
		group: GROUP.police,
		name: '大中专院校录取学生户口迁移',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['大学生迁户口', '录取迁户口', '学生户口迁移', '上大学迁户口', '新生落户'],
		aliases: ['大中专录取户口迁移', '高校新生户口迁移'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '户口迁移结果',
		summary: '考上外省大中专院校的新生，自愿把户口迁到学校所在地。',
		impl: {
			kind: 'police',
			sites: ['county'],
			coDepartments: ['学校所在地公安机关'],
			conditions: ['已被普通大中专院校正式录取', '本人自愿迁移户口', '在学校规定的迁户期限内申请'],
			process: proxySteps('迁入地公安机关', '核对录取信息后办理迁入', '迁移结果告知申请人和学校'),
			materials: [ID_CARD, HOUSEHOLD_REGISTER, m('录取通知书', '录取院校', true, 1, 1, '原件核验，留存复印件 1 份')],
			statutory: [20, 'working_day'],
			promised: 10,
			caseKind: 2,
			faqs: [{q: '不迁户口可以吗？', a: '可以。新生迁户口遵循自愿原则，不迁不影响入学。'}],
		},
	},
	{
		group: GROUP.police,
		name: '大中专学生毕业户口迁移',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['毕业迁户口', '毕业生落户', '学生毕业户口', '户口迁回原籍', '毕业生户口'],
		aliases: ['大中专毕业生户口迁移', '毕业生户口迁移'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '户口迁移结果',
		summary: '大中专毕业生把学校集体户口迁往就业地，或者迁回原籍。',
		impl: {
			kind: 'police',
			sites: ['county'],
			coDepartments: ['学校所在地公安机关'],
			conditions: ['已取得毕业证书', '满足迁入地落户条件，或迁回原籍', '学校集体户口尚未注销'],
			process: proxySteps('迁入地公安机关', '核对毕业和就业信息后办理迁入', '审批结果告知申请人'),
			materials: [
				ID_CARD,
				m('毕业证书', '毕业院校', true, 1, 1, '原件核验，留存复印件 1 份'),
				m('就业或落户接收证明', '用人单位或人才服务机构', false, 0, 1, 'A4 纸质复印件', '迁往就业地时提供'),
			],
			statutory: [20, 'working_day'],
			promised: 10,
			caseKind: 2,
			faqs: [{q: '毕业很多年了户口还在学校，还能办吗？', a: '可以办，但部分地区对超期的集体户口另有规定，窗口会按迁入地要求告知。'}],
		},
	},
	{
		group: GROUP.police,
		name: '夫妻投靠户口迁移',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['夫妻投靠', '投靠配偶落户', '随迁户口', '夫妻落户', '配偶迁户口'],
		aliases: ['夫妻投靠落户', '配偶投靠户口迁移'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '户口迁入审批结果',
		summary: '与外省户籍的人结婚后，申请把户口迁到配偶的户籍所在地。',
		impl: {
			kind: 'police',
			sites: ['counties'],
			coDepartments: ['迁出地公安机关'],
			conditions: ['双方是合法夫妻', '符合迁入地对结婚年限或居住年限的要求', '在迁入地有合法稳定住所'],
			process: proxySteps('迁入地公安机关', '审批迁入，并通过系统通知迁出地办理迁出', '审批结果告知申请人'),
			materials: [
				ID_CARD,
				HOUSEHOLD_REGISTER,
				m('结婚证', '婚姻登记机关', true, 1, 1, '原件核验，留存复印件 1 份'),
				RESIDENCE_PROOF,
			],
			statutory: [20, 'working_day'],
			promised: 15,
			caseKind: 2,
			faqs: [{q: '孩子能一起迁吗？', a: '未成年子女一般可以随迁，需同时提交子女的出生医学证明或户口簿。'}],
		},
	},
	{
		group: GROUP.police,
		name: '父母投靠子女户口迁移',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['父母投靠', '老人投靠子女', '父母随迁', '投靠子女落户', '父母落户'],
		aliases: ['父母投靠子女落户', '老人投靠户口迁移'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '户口迁入审批结果',
		summary: '父母把户口迁到在外省落户的子女那里，方便子女照顾养老。',
		impl: {
			kind: 'police',
			sites: ['county'],
			coDepartments: ['迁出地公安机关'],
			conditions: ['投靠人与被投靠人是父母子女关系', '符合迁入地对投靠人年龄等方面的要求', '被投靠子女在迁入地有合法稳定住所'],
			process: proxySteps('迁入地公安机关', '审批迁入，并通过系统通知迁出地办理迁出', '审批结果告知申请人'),
			materials: [
				ID_CARD,
				HOUSEHOLD_REGISTER,
				m('亲属关系证明', '公安机关或出生医学证明签发机构', true, 0, 1, 'A4 纸质复印件', '户口簿能体现亲子关系的可免交'),
				RESIDENCE_PROOF,
			],
			statutory: [20, 'working_day'],
			promised: 15,
			caseKind: 2,
			faqs: [{q: '父母年龄有要求吗？', a: '多数城市有年龄要求，例如男满 60 周岁、女满 55 周岁，以迁入地政策为准。'}],
		},
	},
	{
		group: GROUP.police,
		name: '居民身份证异地换领',
		type: '07',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['身份证异地换证', '身份证到期', '换身份证', '身份证过期', '异地换身份证', '身份证换证'],
		aliases: ['身份证异地换领', '异地换领居民身份证', '身份证换领'],
		legalBasis: [LAW_ID_CARD, LAW_ID_FEE, LAW_CROSS_PROVINCE],
		resultName: '居民身份证',
		summary: '身份证快到期或已过期，在现居住地申请换新证，户籍地审核、居住地制证。',
		impl: {
			kind: 'police',
			sites: ['counties'],
			coDepartments: ['户籍地公安机关'],
			conditions: ['证件有效期将在三个月内届满或已经过期', '本人到场采集人像和指纹', '户籍信息核对无误'],
			process: [
				'受理窗口核验身份，采集人像和指纹',
				'申请信息推送户籍地公安机关审核',
				'户籍地审核通过后由受理地制作证件',
				'申请人到受理点领取新证，或选择邮寄',
			],
			materials: [
				m('原居民身份证', '公安机关', true, 1, 0, '原件，领取新证时交回'),
				PHOTO_RECEIPT,
			],
			statutory: [60, 'natural_day'],
			promised: 30,
			fee: {amount: 20, basis: `${LAW_ID_FEE}：换领收取工本费 20 元`},
			caseKind: 2,
			faqs: [{q: '新证没办好，急用身份证怎么办？', a: '可以申请临时居民身份证，或使用电子证照应急。'}],
		},
	},
	{
		group: GROUP.police,
		name: '居民身份证异地补领',
		type: '07',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['身份证丢了', '补身份证', '身份证补办', '身份证遗失', '异地补身份证', '身份证被偷'],
		aliases: ['身份证异地补领', '异地补领居民身份证', '身份证补领'],
		legalBasis: [LAW_ID_CARD, LAW_ID_FEE, LAW_CROSS_PROVINCE],
		resultName: '居民身份证',
		summary: '身份证丢失或被盗，在现居住地申请补发，户籍地审核、居住地制证。',
		impl: {
			kind: 'police',
			sites: ['counties'],
			coDepartments: ['户籍地公安机关'],
			conditions: ['原证件遗失、被盗或损坏到无法使用', '本人到场采集人像和指纹', '户籍信息核对无误'],
			process: [
				'受理窗口通过人像比对等方式核实身份，采集指纹',
				'申请信息推送户籍地公安机关审核',
				'户籍地审核通过后由受理地制作证件',
				'申请人到受理点领取新证，或选择邮寄',
			],
			materials: [
				PHOTO_RECEIPT,
				m('居民户口簿', '公安机关', false, 1, 0, '原件', '带不了的由户籍地在线核验身份'),
				m('证件遗失情况说明', '申请人自备', false, 1, 0, 'A4 纸质 1 页，本人签字'),
			],
			statutory: [60, 'natural_day'],
			promised: 30,
			fee: {amount: 40, basis: `${LAW_ID_FEE}：补领收取工本费 40 元`},
			caseKind: 2,
			faqs: [
				{q: '丢了的身份证找到了还能用吗？', a: '补领申请受理后旧证即作废，找到的旧证也不能再用。'},
				{q: '补领和换领收费一样吗？', a: '不一样。换领收取 20 元工本费，遗失补领收取 40 元。'},
			],
		},
	},
	{
		group: GROUP.police,
		name: '新生儿入户',
		type: '07',
		leadDepartment: '公安部',
		modes: ['proxy', 'online'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['新生儿落户', '宝宝上户口', '出生登记', '孩子上户口', '新生儿户口', '报户口'],
		aliases: ['新生儿出生登记', '出生入户'],
		legalBasis: [LAW_HUKOU, LAW_CROSS_PROVINCE],
		resultName: '出生户口登记',
		summary: '孩子在外省出生，父母在其中一方的户籍地为孩子办理出生户口登记。',
		impl: {
			kind: 'police',
			sites: ['counties'],
			coDepartments: ['落户地公安派出所'],
			conditions: ['婴儿已取得出生医学证明', '随父或随母落户，且落户一方的户籍在落户地', '在规定期限内申请，超期的需补充说明'],
			process: proxySteps('落户地公安机关', '核对出生信息后办理出生登记', '户口簿登记页邮寄或由受理窗口转交'),
			materials: [
				m('出生医学证明', '助产医疗机构', true, 1, 1, '原件核验，留存复印件 1 份'),
				m('父母双方居民身份证', '公安机关', true, 1, 0, '原件'),
				m('落户一方的居民户口簿', '公安机关', true, 1, 0, '原件'),
				m('结婚证', '婚姻登记机关', false, 1, 1, '原件核验，留存复印件 1 份', '父母已登记结婚的提供'),
			],
			statutory: [20, 'working_day'],
			promised: 10,
			caseKind: 2,
			faqs: [{q: '孩子的名字还没想好能先登记吗？', a: '不能。出生登记要确定姓名，登记后改名需要另外办理变更。'}],
		},
	},
	{
		group: GROUP.police,
		name: '小型非营运客车二手车交易登记',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1, 2],
		scope: '全国',
		keywords: ['二手车过户', '异地过户', '车辆转移登记', '二手车交易', '买二手车上牌', '过户'],
		aliases: ['二手车异地交易登记', '小型非营运二手车转移登记'],
		legalBasis: ['《中华人民共和国道路交通安全法》', '《机动车登记规定》（公安部令第164号）', LAW_CROSS_PROVINCE],
		resultName: '机动车登记证书（转移登记）及号牌、行驶证',
		summary: '跨省买卖私家小客车，在买方所在地办理转移登记，不必把车开回原登记地。',
		impl: {
			kind: 'police',
			variant: 'traffic',
			sites: ['city'],
			coDepartments: ['原登记地车辆管理所'],
			conditions: [
				'车辆为小型非营运载客汽车',
				'车辆在检验有效期内，没有未处理的违法和事故',
				'车辆未被查封，抵押的已解除抵押',
			],
			process: [
				'受理窗口核验买卖双方身份和车辆资料',
				'查验车辆，核对车辆识别代号',
				'通过系统向原登记地确认车辆状态',
				'办理转移登记，发放号牌和行驶证',
			],
			materials: [
				m('买卖双方身份证明', '公安机关', true, 1, 0, '原件，单位为营业执照'),
				m('二手车销售统一发票', '二手车交易市场或经销企业', true, 1, 0, '原件'),
				m('机动车登记证书', '车辆管理所', true, 1, 0, '原件'),
				m('机动车行驶证', '车辆管理所', true, 1, 0, '原件'),
				m('交通事故责任强制保险凭证', '保险公司', true, 0, 1, '纸质或电子保单', '能联网核查电子保单的可免交'),
			],
			statutory: [1, 'working_day'],
			promised: 1,
			caseKind: 1,
			faqs: [{q: '车辆还有违章能过户吗？', a: '不能。需要先把违法和事故处理完毕再办理。'}],
		},
	},

	// --- 司法部 ---------------------------------------------------------------------------------
	{
		group: GROUP.justice,
		name: '学历公证',
		type: '20',
		leadDepartment: '司法部',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['毕业证公证', '学位公证', '出国公证', '留学公证', '学历证明公证'],
		aliases: ['学历证书公证', '学位证书公证'],
		legalBasis: [LAW_NOTARY, LAW_CROSS_PROVINCE],
		resultName: '公证书',
		summary: '公证机构证明毕业证书或学位证书真实有效，常用于出国留学或在外工作。',
		impl: {
			kind: 'justice',
			sites: ['local'],
			coDepartments: ['证书颁发院校'],
			conditions: ['学历证书由国家承认的教育机构颁发', '本人申请，或委托他人代为申请', '公证用途和使用国家（地区）明确'],
			process: [
				'受理窗口核验申请人身份和证书原件',
				'公证机构审查证书真实性，必要时向院校核实',
				'出具公证书，需要时附译文',
				'公证书邮寄或到受理窗口领取',
			],
			materials: [
				ID_CARD,
				m('毕业证书或学位证书', '颁发院校', true, 1, 1, '原件核验，留存复印件 1 份'),
				m('学历认证报告', '学历认证机构', false, 0, 1, 'A4 纸质打印件', '使用国（地区）有要求时提供'),
				POWER_OF_ATTORNEY,
			],
			statutory: [15, 'working_day'],
			promised: 7,
			fee: {amount: 100, basis: NOTARY_FEE_BASIS},
			caseKind: 2,
			faqs: [{q: '需要翻译吗？', a: '在国外使用的公证书一般要附外文译文，申请时说明使用国，公证机构会一并办理。'}],
		},
	},
	{
		group: GROUP.justice,
		name: '机动车驾驶证公证',
		type: '20',
		leadDepartment: '司法部',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['驾照公证', '驾驶证公证', '国外开车公证', '驾照翻译公证'],
		aliases: ['驾驶证公证', '驾照公证书'],
		legalBasis: [LAW_NOTARY, LAW_CROSS_PROVINCE],
		resultName: '公证书',
		summary: '公证机构证明机动车驾驶证真实有效，常用于在境外使用或换领当地驾照。',
		impl: {
			kind: 'justice',
			sites: ['local'],
			coDepartments: ['公安机关交通管理部门'],
			conditions: ['驾驶证在有效期内且状态正常', '本人申请，或委托他人代为申请'],
			process: [
				'受理窗口核验申请人身份和驾驶证原件',
				'公证机构核实驾驶证状态',
				'出具公证书，需要时附译文',
				'公证书邮寄或到受理窗口领取',
			],
			materials: [ID_CARD, m('机动车驾驶证', '公安机关交通管理部门', true, 1, 1, '原件核验，留存复印件 1 份'), POWER_OF_ATTORNEY],
			statutory: [15, 'working_day'],
			promised: 5,
			fee: {amount: 100, basis: NOTARY_FEE_BASIS},
			caseKind: 2,
			faqs: [{q: '驾照快过期了还能公证吗？', a: '能公证，但建议先换证，否则在境外使用期间可能过期。'}],
		},
	},

	// --- 市场监管总局 ---------------------------------------------------------------------------
	{
		group: GROUP.market,
		name: '市场主体登记注册',
		type: '01',
		leadDepartment: '国家市场监督管理总局',
		modes: ['online', 'proxy'],
		serviceObjects: [1, 2, 6],
		scope: '全国',
		keywords: ['开公司', '注册公司', '营业执照', '企业注册', '公司设立', '工商注册'],
		aliases: ['企业登记注册', '营业执照办理', '工商登记'],
		legalBasis: [LAW_MARKET_REGISTRATION, LAW_CROSS_PROVINCE],
		resultName: '营业执照',
		summary: '企业等市场主体设立、变更或注销时，向住所地登记机关申请登记并领取或更新营业执照。',
		impl: {
			kind: 'market',
			sites: ['local'],
			coDepartments: ['住所地登记机关'],
			conditions: [
				'名称、住所、经营范围等登记事项符合规定',
				'申请人对材料的真实性负责',
				'住所或主要经营场所在登记机关辖区内',
			],
			process: proxySteps('住所地市场监督管理部门', '审查材料并作出登记决定', '营业执照邮寄或到受理窗口领取'),
			materials: [
				m('登记申请书', '市场监督管理部门', true, 1, 0, 'A4 纸质，法定代表人签字'),
				m('公司章程或合伙协议', '申请人自备', true, 1, 0, 'A4 纸质，全体股东或合伙人签字'),
				m('法定代表人及投资人身份证明', '公安机关', true, 0, 1, 'A4 纸质复印件'),
				m('住所使用证明', '申请人自备', true, 0, 1, 'A4 纸质复印件', '实行住所申报承诺制的地区可提交承诺书'),
			],
			statutory: [3, 'working_day'],
			promised: 1,
			caseKind: 2,
			faqs: [{q: '材料齐全能当场拿执照吗？', a: '材料齐全、符合法定形式的可以当场登记；需要核实的在法定期限内作出决定。'}],
		},
	},
	{
		group: GROUP.market,
		name: '个体工商户变更登记',
		type: '01',
		leadDepartment: '国家市场监督管理总局',
		modes: ['online', 'proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['个体户变更', '个体执照变更', '改个体户信息', '个体户换执照', '个体户改名'],
		aliases: ['个体户变更登记', '个体工商户营业执照变更'],
		legalBasis: ['《促进个体工商户发展条例》', LAW_MARKET_REGISTRATION, LAW_CROSS_PROVINCE],
		resultName: '个体工商户营业执照（变更后）',
		summary: '个体工商户的名称、经营场所、经营范围等登记事项有变化时，申请变更并换发执照。',
		impl: {
			kind: 'market',
			sites: ['county'],
			coDepartments: ['原登记机关'],
			conditions: ['变更事项符合法律法规规定', '经营者本人申请，或委托代理人申请', '在原登记机关辖区内变更经营场所'],
			process: proxySteps('原登记机关', '审查后办理变更登记', '新执照邮寄或到受理窗口领取'),
			materials: [
				m('个体工商户变更登记申请书', '市场监督管理部门', true, 1, 0, 'A4 纸质，经营者签字'),
				ID_CARD,
				m('营业执照正副本', '市场监督管理部门', true, 1, 0, '原件，换发时交回'),
				m('新经营场所使用证明', '申请人自备', false, 0, 1, 'A4 纸质复印件', '变更经营场所时提供'),
			],
			statutory: [3, 'working_day'],
			promised: 1,
			caseKind: 2,
			faqs: [{q: '换了经营者能办变更吗？', a: '可以直接申请变更经营者，不必先注销再重新登记。'}],
		},
	},
	{
		group: GROUP.market,
		name: '工业产品生产许可证',
		type: '01',
		leadDepartment: '国家市场监督管理总局',
		modes: ['online', 'proxy'],
		serviceObjects: [2],
		scope: '全国',
		keywords: ['生产许可证', '工业产品许可', '产品生产许可', '办生产许可证', '生产许可'],
		aliases: ['工业产品生产许可证核发', '生产许可证核发'],
		legalBasis: ['《中华人民共和国工业产品生产许可证管理条例》', LAW_CROSS_PROVINCE],
		resultName: '全国工业产品生产许可证',
		summary: '生产目录内重要工业产品的企业，先取得生产许可证才能生产和销售。',
		impl: {
			kind: 'market',
			sites: ['province'],
			coDepartments: ['产品检验机构'],
			conditions: [
				'依法取得营业执照',
				'具备与所生产产品相适应的场所、设备、技术人员和检验能力',
				'产品符合国家标准和产业政策',
			],
			process: proxySteps('企业所在地省级市场监督管理部门', '审查材料、组织核查后作出许可决定', '许可证邮寄或网上领取电子证'),
			materials: [
				m('生产许可申请书', '市场监督管理部门', true, 1, 0, 'A4 纸质，加盖企业公章'),
				m('营业执照', '市场监督管理部门', true, 0, 1, 'A4 纸质复印件'),
				m('产品检验报告', '有资质的检验机构', true, 1, 0, '原件'),
				m('企业承诺书', '申请人自备', true, 1, 0, 'A4 纸质，加盖企业公章'),
			],
			statutory: [20, 'working_day'],
			promised: 10,
			caseKind: 2,
			faqs: [{q: '哪些产品要办生产许可证？', a: '只有列入国家工业产品生产许可目录的产品需要，目录会动态调整，以最新公布为准。'}],
		},
	},

	// --- 自然资源部 -----------------------------------------------------------------------------
	{
		group: GROUP.land,
		name: '不动产抵押登记',
		type: '07',
		leadDepartment: '自然资源部',
		modes: ['joint', 'proxy'],
		serviceObjects: [1, 2],
		scope: '全国',
		keywords: ['抵押登记', '房子抵押', '房产抵押', '不动产抵押', '抵押贷款登记'],
		aliases: ['不动产抵押权登记', '房屋抵押登记'],
		legalBasis: [
			'《中华人民共和国民法典》',
			'《不动产登记暂行条例》',
			'《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
			LAW_CROSS_PROVINCE,
		],
		resultName: '不动产登记证明',
		summary: '用房屋、土地等不动产作抵押时，抵押双方在不动产所在地申请办理抵押权登记。',
		impl: {
			kind: 'natural-resources',
			sites: ['local'],
			coDepartments: ['不动产所在地不动产登记机构', '抵押权人（金融机构）'],
			conditions: ['抵押的不动产权属清楚，已办理首次或转移登记', '已签订主债权合同和抵押合同', '抵押人和抵押权人共同申请'],
			process: proxySteps('不动产所在地不动产登记机构', '审核并记载登记簿', '电子登记证明推送抵押权人，或邮寄纸质证明'),
			materials: [
				m('不动产登记申请书', '不动产登记机构', true, 1, 0, 'A4 纸质，双方签字或盖章'),
				m('申请人身份证明', '公安机关或市场监督管理部门', true, 1, 0, '原件'),
				m('不动产权证书', '不动产登记机构', true, 1, 0, '原件'),
				m('主债权合同和抵押合同', '抵押双方', true, 1, 0, '原件'),
			],
			statutory: [30, 'working_day'],
			promised: 5,
			fee: {amount: 80, basis: '发改价格规〔2016〕2559号：住宅类不动产抵押登记每件 80 元'},
			caseKind: 2,
			faqs: [{q: '银行能帮我代办吗？', a: '可以。不少银行与登记机构联网，抵押权人可以在银行端直接提交，减少跑腿。'}],
		},
	},

	// --- 民政部 ---------------------------------------------------------------------------------
	{
		group: GROUP.civil,
		name: '内地居民婚姻登记',
		type: '07',
		leadDepartment: '民政部',
		modes: ['joint'],
		serviceObjects: [1],
		scope: '跨省',
		keywords: ['结婚登记', '领结婚证', '离婚登记', '异地结婚', '跨省领证', '婚姻登记'],
		aliases: ['婚姻登记', '婚姻登记跨省通办'],
		legalBasis: ['《婚姻登记条例》', LAW_CROSS_PROVINCE],
		resultName: '结婚证或离婚证',
		summary: '试点地区的内地居民可以在一方经常居住地办理结婚或离婚登记，不用回户籍地。',
		onlyIn: ['44', '50', '51'],
		impl: {
			kind: 'civil-affairs',
			sites: ['county'],
			coDepartments: ['户籍地婚姻登记机关'],
			conditions: [
				'双方都是内地居民，其中一方在登记地有经常居住地',
				'结婚的双方达到法定婚龄且都没有配偶；离婚的双方已协商一致',
				'双方本人亲自到场',
			],
			process: [
				'婚姻登记机关核验双方身份和户籍、居住信息',
				'双方填写申请并签字声明',
				'登记员审查后当场办理',
				'颁发结婚证或离婚证',
			],
			materials: [
				ID_CARD,
				m('居民户口簿', '公安机关', true, 1, 0, '原件'),
				m('居住证', '公安机关', false, 1, 0, '原件', '在一方经常居住地办理时提供'),
				m('双方近期半身免冠合影照片', '申请人自备', true, 2, 0, '2 寸红底，结婚登记时提供'),
			],
			statutory: [1, 'working_day'],
			promised: 1,
			caseKind: 1,
			faqs: [{q: '离婚能当天办完吗？', a: '不能。协议离婚有冷静期，申请后需按规定时间再次到场才能领取离婚证。'}],
		},
	},
];

// ---------------------------------------------------------------------------------------------
// Provinces. `factor` scales the promised time (a little faster in some places); all names of
// offices are built from region names, addresses and phones are obviously synthetic.

const PROVINCES = [
	{
		code: '11',
		name: '北京市',
		municipality: true,
		districtPolice: 'short',
		areaCode: '010',
		hours: '工作日 9:00–17:00（周六上午部分事项可预约）',
		counties: [['110105', '朝阳区'], ['110108', '海淀区']],
		hpfName: '北京住房公积金管理中心',
		factor: 0.7,
		idNote: '可出示电子证照代替实体证件，以窗口核验结果为准',
	},
	{
		code: '31',
		name: '上海市',
		municipality: true,
		districtPolice: 'short',
		areaCode: '021',
		hours: '工作日 9:00–17:00',
		counties: [['310115', '浦东新区'], ['310104', '徐汇区']],
		hpfName: '上海市公积金管理中心',
		factor: 0.7,
		idNote: '可出示电子证照代替实体证件，以窗口核验结果为准',
	},
	{
		code: '35',
		name: '福建省',
		city: ['350200', '厦门市'],
		areaCode: '0592',
		hours: '工作日 8:30–12:00，14:30–17:30',
		counties: [['350203', '思明区'], ['350206', '湖里区']],
		hpfName: '厦门市住房公积金中心',
		factor: 0.8,
	},
	{
		code: '43',
		name: '湖南省',
		city: ['430100', '长沙市'],
		areaCode: '0731',
		hours: '工作日 9:00–12:00，13:30–17:00',
		counties: [['430102', '芙蓉区'], ['430181', '浏阳市']],
		hpfName: '长沙住房公积金管理中心',
		factor: 0.85,
	},
	{
		code: '44',
		name: '广东省',
		city: ['440100', '广州市'],
		areaCode: '020',
		hours: '工作日 9:00–12:00，14:00–18:00',
		counties: [['440106', '天河区'], ['440104', '越秀区']],
		hpfName: '广州住房公积金管理中心',
		factor: 0.8,
		idNote: '可出示电子证照代替实体证件，以窗口核验结果为准',
	},
	{
		code: '50',
		name: '重庆市',
		municipality: true,
		districtPolice: 'full',
		areaCode: '023',
		hours: '工作日 9:00–12:00，14:00–17:30',
		counties: [['500103', '渝中区'], ['500115', '长寿区']],
		hpfName: '重庆市住房公积金管理中心',
		factor: 0.85,
	},
	{
		code: '51',
		name: '四川省',
		city: ['510100', '成都市'],
		areaCode: '028',
		hours: '工作日 9:00–12:00，13:30–17:00',
		counties: [['510107', '武侯区'], ['510104', '锦江区']],
		hpfName: '成都住房公积金管理中心',
		factor: 0.9,
	},
	{
		code: '54',
		name: '西藏自治区',
		city: ['540100', '拉萨市'],
		areaCode: '0891',
		hours: '工作日 9:30–13:00，15:30–18:00',
		counties: [['540102', '城关区'], ['540103', '堆龙德庆区']],
		hpfName: '拉萨住房公积金管理中心',
		factor: 1,
	},
];

// ---------------------------------------------------------------------------------------------
// Sites and departments.

function provinceSite(p) {
	return {level: 2, code: `${p.code}0000`, place: p.name, kind: 'province'};
}
function citySite(p) {
	if (p.municipality) return provinceSite(p);
	const [code, name] = p.city;
	return {level: 3, code, place: name, kind: 'city'};
}
function countySite(p, index) {
	const [code, name] = p.counties[index];
	// A county-level city (浏阳市) is named on its own; districts carry their city's name.
	const place = name.endsWith('市') ? name : `${p.municipality ? p.name : p.city[1]}${name}`;
	return {level: 4, code, place, county: name, kind: 'county'};
}

function sitesFor(p, keys) {
	const sites = [];
	for (const key of keys) {
		if (key === 'province') sites.push(provinceSite(p));
		else if (key === 'city' || key === 'hpf') sites.push(citySite(p));
		else if (key === 'local') sites.push(p.municipality ? countySite(p, 0) : citySite(p));
		else if (key === 'county') sites.push(countySite(p, 0));
		else if (key === 'counties') sites.push(...p.counties.map((_, index) => countySite(p, index)));
		else throw new Error(`unknown site key ${key}`);
	}
	const seen = new Set();
	return sites.filter((site) => !seen.has(site.code) && seen.add(site.code));
}

/** Name of the implementing office and whether it is an organ (11) or a public institution (12). */
function departmentOf(kind, variant, site, p) {
	const {place} = site;
	switch (kind) {
		case 'social-insurance':
			return {name: `${place}社会保险事业管理${site.kind === 'county' ? '中心' : '局'}`, orgType: '2'};
		case 'hrss':
			return {
				name: `${place}人力资源和社会保障${site.kind === 'province' && !p.municipality ? '厅' : '局'}`,
				orgType: '1',
			};
		case 'medical':
			return site.kind === 'province'
				? {name: `${place}医疗保障局`, orgType: '1'}
				: {name: `${place}医疗保障事务中心`, orgType: '2'};
		case 'hpf':
			return {name: p.hpfName, orgType: '2'};
		case 'police':
			if (variant === 'traffic') return {name: `${place}公安局交通管理局`, orgType: '1'};
			if (site.kind !== 'county') return {name: `${place}公安局`, orgType: '1'};
			if (site.county.endsWith('市')) return {name: `${site.county}公安局`, orgType: '1'};
			if (p.municipality) {
				// 北京/上海 name district branches without 区 (朝阳分局, 浦东分局); 重庆 keeps it.
				const district = p.districtPolice === 'short' ? site.county.replace(/新?区$/, '') : site.county;
				return {name: `${p.name}公安局${district}分局`, orgType: '1'};
			}
			return {name: `${p.city[1]}公安局${site.county}分局`, orgType: '1'};
		case 'justice':
			return {name: `${place}公证处`, orgType: '2'};
		case 'market':
			return {name: `${place}市场监督管理局`, orgType: '1'};
		case 'natural-resources':
			return {name: `${place}不动产登记中心`, orgType: '2'};
		case 'civil-affairs':
			return {name: `${place}民政局`, orgType: '1'};
		default:
			throw new Error(`unknown department kind ${kind}`);
	}
}

/** One body per (name, region): the same office serving several items keeps one USCC. */
const departments = new Map();
function department(kind, variant, site, p) {
	const {name, orgType} = departmentOf(kind, variant, site, p);
	const key = `${site.code}|${name}`;
	let found = departments.get(key);
	if (!found) {
		const serial = departments.size + 1;
		// 9-char body: "TB" marks our synthetic codes, then a 7-digit serial.
		const body = `TB${String(serial).padStart(7, '0')}`;
		found = {
			department: {name, uscc: uscc('1', orgType, site.code, body), kind},
			serial,
		};
		departments.set(key, found);
	}
	return found;
}

// ---------------------------------------------------------------------------------------------
// Build.

function formsOf(modes) {
	const forms = new Set([1]);
	if (modes.includes('online')) {
		forms.add(2);
		forms.add(3);
	}
	if (modes.includes('proxy')) forms.add(4);
	return [...forms].sort((a, b) => a - b);
}

function basicCodes() {
	const serials = new Map();
	return ITEMS.map((item) => {
		const key = `${item.group}${item.type}`;
		const serial = (serials.get(key) ?? 0) + 1;
		serials.set(key, serial);
		return `99${item.group}${item.type}${String(serial).padStart(6, '0')}`;
	});
}

function materialsFor(item, p) {
	return item.impl.materials.map((material, index) => {
		const code = `M${String(index + 1).padStart(2, '0')}`;
		const withCode = {code, ...material};
		// Materials are the same everywhere ("without difference"); only notes may differ.
		if (material === ID_CARD && p.idNote) withCode.notes = p.idNote;
		// The 委托书 an agent brings: required when an agent acts (docs/people.md#agents-委托代办).
		if (material === POWER_OF_ATTORNEY) withCode.forAgent = true;
		return withCode;
	});
}

function implementationOf(item, basicCode, site, p) {
	const {department: dept, serial} = department(item.impl.kind, item.impl.variant, site, p);
	const [statutoryValue, unit] = item.impl.statutory;
	const promised = Math.min(statutoryValue, Math.max(1, Math.round(item.impl.promised * p.factor)));
	const fee = item.impl.fee
		? {charged: true, basis: item.impl.fee.basis, amountYuan: item.impl.fee.amount}
		: {charged: false};
	return {
		implementationCode: `${dept.uscc}${site.level}${basicCode}`,
		basicCode,
		regionCode: site.code,
		level: site.level,
		department: dept,
		coDepartments: item.impl.coDepartments,
		conditions: item.impl.conditions,
		process: item.impl.process,
		materials: materialsFor(item, p),
		statutoryLimit: {value: statutoryValue, unit},
		promisedLimit: {value: promised, unit},
		fee,
		modes: item.modes,
		forms: formsOf(item.modes),
		caseKind: item.impl.caseKind,
		scope: item.scope,
		address: `${site.place}通办示例路 ${100 + (serial % 900)} 号（演示地址）`,
		hours: p.hours,
		phone: `${p.areaCode}-0000${String(serial).padStart(4, '0')}`,
		faqs: item.impl.faqs,
		// 委托代办: an item whose list has a 委托书 may be handled by an agent; the others in person only.
		agentAllowed: item.impl.materials.includes(POWER_OF_ATTORNEY),
	};
}

function itemRecord(item, basicCode) {
	return {
		basicCode,
		name: item.name,
		type: item.type,
		leadDepartment: item.leadDepartment,
		modes: item.modes,
		serviceObjects: item.serviceObjects,
		scope: item.scope,
		keywords: item.keywords,
		aliases: item.aliases,
		legalBasis: item.legalBasis,
		resultName: item.resultName,
		summary: item.summary,
	};
}

function loadRegionCodes() {
	const {regions} = JSON.parse(readFileSync(join(root, 'data', 'regions.json'), 'utf8'));
	return new Map(regions.map((region) => [region.code, region]));
}

function main() {
	const regions = loadRegionCodes();
	const codes = basicCodes();
	const items = ITEMS.map((item, index) => itemRecord(item, codes[index]));

	const files = [];
	for (const p of PROVINCES) {
		const implementations = [];
		ITEMS.forEach((item, index) => {
			if (item.onlyIn && !item.onlyIn.includes(p.code)) return;
			for (const site of sitesFor(p, item.impl.sites)) {
				const region = regions.get(site.code);
				if (!region) throw new Error(`region ${site.code} (${site.place}) is not in data/regions.json`);
				implementations.push(implementationOf(item, codes[index], site, p));
			}
		});
		files.push({name: `impl-${p.code}.json`, content: {province: p.code, implementations}});
	}

	mkdirSync(outDir, {recursive: true});
	// Remove stale province files so a province dropped here disappears from the data too.
	for (const name of readdirSync(outDir)) {
		if (/^impl-\d{2}\.json$/.test(name)) rmSync(join(outDir, name));
	}
	const write = (name, content) => writeFileSync(join(outDir, name), `${JSON.stringify(content, null, '\t')}\n`);
	write('items.json', {items});
	for (const file of files) write(file.name, file.content);

	const rows = files.reduce((sum, file) => sum + file.content.implementations.length, 0);
	console.log(`wrote ${items.length} items and ${rows} implementation rows in ${files.length} provinces to ${outDir}`);
}

main();
