/**
 * A small in-memory catalog with Chinese data (5 items, 7 implementation lists in 3
 * provinces) and a fake CatalogService with a simple search, so UI tests do not depend on the
 * real search engine. Codes use the reserved `99` prefix (docs/catalog.md#codes). Texts are our
 * own.
 */
import {pinyin} from 'pinyin-pro';
import {implementationCodeOf, type Catalog, type Department, type Implementation, type Level, type Material, type ServiceItem} from '../core/catalog/model.js';
import {type Region} from '../core/identity/regions.js';
import type {MatchKind, SearchFilters, SearchHit, SearchQuery, SearchResult, TermMatch} from '../core/catalog/search/types.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import type {AuditEntry, AuditInput} from '../core/audit/model.js';
import {cardValidity} from '../core/identity/card.js';
import type {CaseStatus} from '../core/cases/model.js';
import {idCheckChar, validateIdNumber} from '../core/identity/idnumber.js';
import {maskIdNumber, maskName} from '../core/identity/mask.js';
import type {IdCard} from '../core/identity/id-card.js';
import type {CardReadEvent, ReaderEvent, ReaderState} from '../core/ports/reader.js';
import type {AuditPort, CaseRow, ConsoleServices, HubState, Role, SessionPort, SignInResult} from '../ui/services.js';

const REGIONS: Region[] = [
	{code: '510000', name: '四川省', level: 'province'},
	{code: '510100', name: '成都市', parent: '510000', level: 'city'},
	{code: '510107', name: '武侯区', parent: '510100', level: 'county'},
	{code: '440000', name: '广东省', level: 'province'},
	{code: '440100', name: '广州市', parent: '440000', level: 'city'},
	{code: '440300', name: '深圳市', parent: '440000', level: 'city'},
	{code: '330000', name: '浙江省', level: 'province'},
	{code: '330100', name: '杭州市', parent: '330000', level: 'city'},
];

function item(partial: Partial<ServiceItem> & Pick<ServiceItem, 'basicCode' | 'name' | 'type' | 'leadDepartment' | 'modes'>): ServiceItem {
	return {
		serviceObjects: [1],
		scope: '跨省',
		keywords: [],
		aliases: [],
		legalBasis: [],
		resultName: '办理结果通知',
		summary: '',
		...partial,
	};
}

export const ITEMS: ServiceItem[] = [
	item({
		basicCode: '990100000001',
		name: '企业职工基本养老保险关系转移接续',
		type: '20',
		leadDepartment: '人力资源社会保障部',
		modes: ['proxy', 'online'],
		keywords: ['社保转移', '养老转移'],
		aliases: ['养老保险转移'],
		scope: '全国',
	}),
	item({
		basicCode: '990200000001',
		name: '异地就医登记备案',
		type: '20',
		leadDepartment: '国家医疗保障局',
		modes: ['online', 'proxy'],
		keywords: ['医保', '异地就医'],
		aliases: ['医保异地备案', '就医结算备案'],
	}),
	item({
		basicCode: '990300000001',
		name: '住房公积金转移接续',
		type: '20',
		leadDepartment: '住房和城乡建设部',
		modes: ['proxy', 'joint'],
		keywords: ['公积金转移'],
		aliases: ['公积金异地转移'],
	}),
	item({
		basicCode: '990400000001',
		name: '居民身份证异地换领',
		type: '01',
		leadDepartment: '公安部',
		modes: ['proxy'],
		keywords: ['换身份证', '身份证异地换证'],
	}),
	item({
		basicCode: '990100000002',
		name: '领取养老金人员待遇资格认证',
		type: '07',
		leadDepartment: '人力资源社会保障部',
		modes: ['online', 'proxy'],
		keywords: ['养老金认证', '生存认证'],
	}),
];

function department(name: string, kind: string, region: string, serial: string): Department {
	return {name, kind, uscc: `11${region}MB${serial}`};
}

function material(code: string, name: string, extra: Partial<Material> = {}): Material {
	return {code, name, source: '申请人自备', required: true, originals: 1, copies: 0, format: 'A4 纸质 1 页', ...extra};
}

function implementation(
	basicCode: string,
	regionCode: string,
	level: Level,
	dept: Department,
	extra: Partial<Implementation> = {},
): Implementation {
	return {
		implementationCode: implementationCodeOf(dept.uscc, level, basicCode),
		basicCode,
		regionCode,
		level,
		department: dept,
		coDepartments: [],
		conditions: ['申请人本人到柜面办理，或委托他人持双方身份证件代为办理。'],
		process: ['受理', '审查', '办结'],
		materials: [material('M01', '居民身份证', {copies: 1, notes: '验原件，留存复印件'})],
		statutoryLimit: {value: 20, unit: 'working_day'},
		promisedLimit: {value: 10, unit: 'working_day'},
		fee: {charged: false},
		modes: ['proxy'],
		forms: [1, 2],
		caseKind: 2,
		scope: '跨省',
		address: '政务服务中心一楼综合窗口',
		hours: '工作日 9:00-12:00, 13:30-17:00',
		phone: '12345',
		faqs: [],
		...extra,
	};
}

const pensionChengdu = department('成都市社会保险事业管理局', 'hrss', '510100', '0000001A');
export const IMPLEMENTATIONS: Implementation[] = [
	implementation('990100000001', '510100', 3, pensionChengdu, {
		modes: ['proxy', 'online'],
		conditions: [
			'参保人已在转出地缴纳企业职工基本养老保险，并在转入地就业参保。',
			'已经按月领取养老金的人员不再办理转移。',
		],
		materials: [
			material('M01', '居民身份证', {copies: 1, notes: '验原件，留存复印件'}),
			material('M02', '基本养老保险参保缴费凭证（由转出地社会保险经办机构出具）', {
				source: '社会保险经办机构',
				notes: '转出地已通过系统传送的，无需再交纸质凭证；未传送的请先联系转出地经办机构开具',
			}),
			material('M03', '委托书', {required: false, copies: 0, notes: '委托他人办理时提供'}),
		],
		statutoryLimit: {value: 45, unit: 'working_day'},
		promisedLimit: {value: 15, unit: 'working_day'},
		address: '成都市武侯区人民南路四段 1 号社保服务大厅 3 号窗口',
		phone: '028-12333',
		faqs: [
			{q: '转移后缴费年限会减少吗？', a: '不会，转出地和转入地的缴费年限合并计算。'},
			{q: '多久可以办结？', a: '承诺 15 个工作日内办结，跨省联系函往返不计入。'},
		],
	}),
	implementation('990100000001', '440100', 3, department('广州市社会保险基金管理中心', 'hrss', '440100', '0000002B'), {
		modes: ['proxy'],
	}),
	implementation('990200000001', '510107', 4, department('成都市武侯区医疗保障局', 'medical', '510107', '0000003C'), {
		modes: ['online', 'proxy'],
		statutoryLimit: {value: 5, unit: 'natural_day'},
		promisedLimit: {value: 1, unit: 'working_day'},
		faqs: [{q: '备案后多久生效？', a: '备案当日即可在就医地直接结算。'}],
	}),
	implementation('990200000001', '330100', 3, department('杭州市医疗保障局', 'medical', '330100', '0000004D'), {
		modes: ['online'],
	}),
	implementation('990300000001', '440300', 3, department('深圳市住房公积金管理中心', 'hpf', '440300', '0000005E'), {
		modes: ['proxy', 'joint'],
	}),
	implementation('990400000001', '510107', 4, department('成都市公安局武侯区分局', 'police', '510107', '0000006F'), {
		fee: {charged: true, amountYuan: 20, basis: '居民身份证工本费收费标准'},
		statutoryLimit: {value: 60, unit: 'natural_day'},
		promisedLimit: {value: 30, unit: 'natural_day'},
	}),
	implementation('990100000002', '330100', 3, department('杭州市社会保险管理服务中心', 'hrss', '330100', '0000007G'), {
		modes: ['online', 'proxy'],
	}),
];

const CATALOG: Catalog = {version: 'fixture-1', items: ITEMS, implementations: IMPLEMENTATIONS};

const KIND_SCORE: Record<MatchKind, number> = {
	exact: 60,
	prefix: 50,
	pinyin: 40,
	initials: 40,
	substring: 30,
	subsequence: 20,
	fuzzy: 10,
};

function normaliseRegion(code: string): string {
	return code.length === 6 ? code.replace(/0000$/, '').replace(/^(\d{4})00$/, '$1') : code;
}

function passes(filters: SearchFilters | undefined, itemRow: ServiceItem, impl: Implementation): boolean {
	if (!filters) return true;
	if (filters.region && !impl.regionCode.startsWith(normaliseRegion(filters.region))) return false;
	if (filters.mode && !impl.modes.includes(filters.mode)) return false;
	if (filters.itemType && itemRow.type !== filters.itemType) return false;
	if (filters.department && impl.department.kind !== filters.department && !impl.department.name.includes(filters.department)) return false;
	return true;
}

/** A fake CatalogService over `catalog`: substring, alias, keyword, code, pinyin and initials matches. */
export function createFakeCatalogService(catalog: Catalog = CATALOG, regions: readonly Region[] = REGIONS): CatalogService {
	const regionMap = new Map(regions.map((region) => [region.code, region]));
	const byCode = new Map(catalog.items.map((entry) => [entry.basicCode, entry]));
	const spelled = new Map(
		catalog.items.map((entry) => [
			entry.basicCode,
			{
				full: pinyin(entry.name, {toneType: 'none', type: 'array'}).join(''),
				initials: pinyin(entry.name, {pattern: 'first', toneType: 'none', type: 'array'}).join(''),
			},
		]),
	);
	const regionPath = (code: string): string => {
		const names: string[] = [];
		for (let region = regionMap.get(code); region; region = region.parent ? regionMap.get(region.parent) : undefined) {
			names.unshift(region.name);
		}
		return names.join(' ');
	};
	const matchTerm = (term: string, entry: ServiceItem, impl: Implementation): TermMatch | undefined => {
		const hit = (field: TermMatch['field'], kind: MatchKind, text: string): TermMatch => ({term, field, kind, text});
		if (entry.name === term) return hit('name', 'exact', entry.name);
		if (entry.name.startsWith(term)) return hit('name', 'prefix', entry.name);
		if (entry.name.includes(term)) return hit('name', 'substring', entry.name);
		const alias = entry.aliases.find((text) => text.includes(term));
		if (alias) return hit('alias', 'substring', alias);
		const keyword = entry.keywords.find((text) => text.includes(term));
		if (keyword) return hit('keyword', 'substring', keyword);
		if (entry.basicCode.startsWith(term)) return hit('basicCode', 'prefix', entry.basicCode);
		if (impl.implementationCode.startsWith(term)) return hit('implementationCode', 'prefix', impl.implementationCode);
		const spelling = spelled.get(entry.basicCode);
		if (spelling?.full.includes(term)) return hit('name', 'pinyin', entry.name);
		if (spelling?.initials.includes(term)) return hit('name', 'initials', entry.name);
		if (regionPath(impl.regionCode).includes(term)) return hit('region', 'substring', regionPath(impl.regionCode));
		if (impl.department.name.includes(term)) return hit('department', 'substring', impl.department.name);
		return undefined;
	};
	return {
		catalog: () => catalog,
		regions: () => regionMap,
		item: (basicCode) => byCode.get(basicCode),
		implementation: (code) => catalog.implementations.find((impl) => impl.implementationCode === code),
		implementationsOf: (basicCode) => catalog.implementations.filter((impl) => impl.basicCode === basicCode),
		regionPath,
		loadWarning: () => undefined,
		search(query: SearchQuery): SearchResult {
			const terms = query.text.toLowerCase().split(/\s+/).filter(Boolean);
			const limit = query.limit ?? 50;
			const hits: SearchHit[] = [];
			catalog.implementations.forEach((impl, row) => {
				const entry = byCode.get(impl.basicCode);
				if (!entry || !passes(query.filters, entry, impl)) return;
				const matches = terms.map((term) => matchTerm(term, entry, impl));
				if (matches.some((match) => match === undefined)) return;
				const found = matches as TermMatch[];
				const score = found.reduce((sum, match) => sum + KIND_SCORE[match.kind], 0);
				hits.push({row, item: entry, implementation: impl, score, matches: found});
			});
			hits.sort((a, b) => b.score - a.score || a.row - b.row);
			return {hits: hits.slice(0, limit), more: hits.length > limit};
		},
	};
}

/** A clock fixed at `iso` (advance it by assigning `clock.current`). */
export function fixedClock(iso = '2026-03-02T09:30:15Z'): Clock & {current: Date} {
	const clock = {
		current: new Date(iso),
		now: () => new Date(clock.current.getTime()),
	};
	return clock;
}

export function createFakeServices(overrides: Partial<ConsoleServices> & {hub?: HubState} = {}): ConsoleServices {
	const {hub = 'demo', ...rest} = overrides;
	return {
		catalog: createFakeCatalogService(),
		clock: fixedClock(),
		operator: {id: '0123', name: '张敏', branch: '成都高新支行'},
		hubState: () => hub,
		...rest,
	};
}

// ----- console capabilities: sign-in, timers, reader, outbox, cases, audit -----

/** Timers driven by a fixed clock: `advance(ms)` moves the clock and fires what is due, in order. */
export function manualTimers(clock: Clock & {current: Date}) {
	let seq = 0;
	const pending = new Map<number, {at: number; fn: () => void}>();
	return {
		after(ms: number, fn: () => void) {
			const id = ++seq;
			pending.set(id, {at: clock.current.getTime() + ms, fn});
			return () => void pending.delete(id);
		},
		advance(ms: number) {
			const end = clock.current.getTime() + ms;
			for (;;) {
				const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
				if (!due) break;
				pending.delete(due[0]);
				clock.current = new Date(Math.max(clock.current.getTime(), due[1].at));
				due[1].fn();
			}
			clock.current = new Date(end);
		},
		get size() {
			return pending.size;
		},
	};
}

const DEMO_SIGNIN = [
	{id: 'op-1001', pin: '246810', name: '陈晓丽', roles: ['clerk'] as Role[]},
	{id: 'op-9001', pin: '900900', name: '李主管', roles: ['clerk', 'admin'] as Role[]},
];

/** A session port with the demo operators; 5 wrong PINs lock an operator (like the mock hub). */
export function fakeSession() {
	const failures = new Map<string, number>();
	const calls: string[] = [];
	const session: SessionPort & {calls: string[]} = {
		calls,
		async signIn(operatorId, pin): Promise<SignInResult> {
			calls.push(`signIn:${operatorId}`);
			const operator = DEMO_SIGNIN.find((o) => o.id === operatorId);
			const failed = failures.get(operatorId) ?? 0;
			if (failed >= 5) return {ok: false, reason: 'locked'};
			if (!operator || operator.pin !== pin) {
				failures.set(operatorId, failed + 1);
				return failed + 1 >= 5 ? {ok: false, reason: 'locked'} : {ok: false, reason: 'invalid', remainingAttempts: 5 - failed - 1};
			}
			return {ok: true, operator: {id: operator.id, name: operator.name, roles: operator.roles}};
		},
		async signOut() {
			calls.push('signOut');
		},
	};
	return session;
}

/** A synthetic card read (invented person; valid GB 11643 number), as the reader service emits it. */
export function cardEvent(options: {validUntil?: string; today?: Date; name?: string; first17?: string} = {}): CardReadEvent {
	const today = options.today ?? new Date('2026-03-02T09:30:15Z');
	const first17 = options.first17 ?? '11010519850312051';
	const number = first17 + idCheckChar(first17);
	const name = options.name ?? '李明华';
	const validUntil = options.validUntil ?? '2038-06-01';
	const card: IdCard = {
		kind: 'resident',
		name,
		sex: {code: '1', 'zh-CN': '男', en: 'male'},
		birthDate: '1985-03-12',
		number,
		validFrom: '2018-06-01',
		validUntil,
		photo: {bytes: Buffer.from('photo'), sha256: 'a'.repeat(64)},
		textSha256: 'b'.repeat(64),
	};
	return {
		card,
		display: {
			name: maskName(name),
			number: maskIdNumber(number),
			kind: 'resident',
			sex: '男',
			birthDate: card.birthDate,
			validity: cardValidity({validFrom: card.validFrom, validUntil}, today),
		},
		numberCheck: validateIdNumber(number, {today}),
		readAt: today,
	};
}

/** A reader port whose card the test places; `readNow` answers with the placed card. */
export function fakeReader(initial: ReaderState = 'idle') {
	const listeners = new Set<(event: ReaderEvent) => void>();
	let state: ReaderState = initial;
	let card: CardReadEvent | undefined;
	let last: CardReadEvent | undefined;
	const emit = (event: ReaderEvent) => {
		for (const listener of listeners) listener(event);
	};
	const reader = {
		reads: 0,
		state: () => state,
		lastCard: () => last,
		async readNow() {
			reader.reads++;
			if (!card) throw Object.assign(new Error('no card'), {messages: {'zh-CN': '读卡器上没有证件', en: 'no card'}});
			last = card;
			state = 'card-present';
			emit({type: 'state', state});
			emit({type: 'card', event: card});
			return card;
		},
		subscribe(listener: (event: ReaderEvent) => void) {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		},
		/** Places a card: the service's polling would read it at once (autoRead). */
		place(event: CardReadEvent) {
			card = event;
			void reader.readNow();
		},
		setState(next: ReaderState) {
			state = next;
			emit({type: 'state', state});
		},
	};
	return reader;
}

export function fakeAudit() {
	const entries: AuditInput[] = [];
	const actors: string[] = [];
	const audit: AuditPort & {entries: AuditInput[]; actors: string[]; stored: AuditEntry[]} = {
		entries,
		actors,
		stored: [],
		async record(input) {
			entries.push(input);
		},
		setActor(actor) {
			actors.push(`${actor.id}:${actor.role}`);
		},
		async recent(n) {
			return audit.stored.slice(-n);
		},
	};
	return audit;
}

export function storedAuditEntries(count: number): AuditEntry[] {
	return Array.from({length: count}, (_, i): AuditEntry => ({
		v: 1,
		seq: i + 1,
		ts: new Date(Date.UTC(2026, 2, 2, 9, i % 60)).toISOString(),
		operator: {id: 'op-1001', role: 'clerk'},
		terminal: 'T-DEMO-0001',
		action: i % 2 === 0 ? 'card.read' : 'session.sign_in',
		target: {},
		outcome: 'ok',
		details: i % 2 === 0 ? {idNumberMasked: '110105********0514', textSha256: 'b'.repeat(64), photoSha256: 'a'.repeat(64)} : ({} as Record<string, string>),
		prev: '0'.repeat(64),
		hash: String(i).padStart(64, '0'),
	}));
}

export function caseRow(caseId: string, history: Array<[CaseStatus, string]>, applicantMasked = '陈*明'): CaseRow {
	const last = history.at(-1)!;
	return {
		caseId,
		itemCode: '990120000001',
		applicantMasked,
		status: last[0],
		receivedAt: history[0]![1],
		updatedAt: last[1],
		history: history.map(([status, at]) => ({status, node: '44', at})),
	};
}

/** A cases port: `rows` is what the index holds; `next` what the hub answers on refresh (or an error). */
export function fakeCases(rows: CaseRow[]) {
	const port = {
		rows,
		refreshes: 0,
		fail: false,
		list: () => port.rows,
		async refresh() {
			port.refreshes++;
			if (port.fail) throw new Error('hub unreachable');
			return port.rows;
		},
	};
	return port;
}
