/**
 * Checks real HTTP exchanges against docs/hub-api.yaml with ajv (JSON Schema 2020-12, the dialect
 * of OpenAPI 3.1): the request the client sent (required headers, body) and the answer the mock
 * hub gave (declared status, headers, body). Used by the contract tests; dev dependencies only.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import type {ValidateFunction} from 'ajv';
import {parse} from 'yaml';
import {packageRoot} from '../../src/paths.js';
import type {Exchange} from './server.js';

type Json = Record<string, unknown>;
const DOC_ID = 'hub-api';

export interface ContractChecker {
	doc: Json;
	/** Operations in the document as "METHOD /path". */
	operations(): string[];
	/** Problems with one exchange (empty when it follows the contract). */
	check(exchange: Exchange): string[];
}

function pointer(...parts: string[]): string {
	return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function loadContract(file = join(packageRoot(), 'docs', 'hub-api.yaml')): ContractChecker {
	const doc = parse(readFileSync(file, 'utf8')) as Json;
	const ajv = new Ajv2020({strict: false, allErrors: true, validateFormats: false});
	ajv.addSchema({...doc, $id: DOC_ID});
	const cache = new Map<string, ValidateFunction>();
	const validator = (ptr: string): ValidateFunction => {
		let v = cache.get(ptr);
		if (!v) {
			v = ajv.compile({$ref: `${DOC_ID}#/${ptr}`});
			cache.set(ptr, v);
		}
		return v;
	};
	const paths = doc['paths'] as Record<string, Json>;
	const resolve = (node: Json): {node: Json; ptr?: string} => {
		const ref = node['$ref'];
		if (typeof ref !== 'string') return {node};
		const parts = ref.replace(/^#\//, '').split('/');
		let current: unknown = doc;
		for (const part of parts) current = (current as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
		return {node: current as Json, ptr: ref.replace(/^#\//, '')};
	};

	function checkSchema(ptr: string, value: unknown, what: string): string[] {
		const v = validator(ptr);
		if (v(value)) return [];
		return (v.errors ?? []).slice(0, 5).map((e) => `${what}${e.instancePath || ''} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
	}

	function check(ex: Exchange): string[] {
		if (!ex.doc) return [`${ex.method} ${ex.url}: not a route of the contract`];
		const method = ex.method.toLowerCase();
		const pathItem = paths[ex.doc];
		const operation = pathItem?.[method] as Json | undefined;
		if (!operation) return [`${ex.method} ${ex.doc}: not in docs/hub-api.yaml`];
		const problems: string[] = [];
		const basePtr = pointer('paths', ex.doc, method);
		// Request: header parameters (present when required, matching their schema), then the body.
		const params = [...((pathItem!['parameters'] as Json[]) ?? []), ...((operation['parameters'] as Json[]) ?? [])].map((p) => resolve(p));
		for (const {node: p, ptr} of params) {
			if (p['in'] !== 'header') continue;
			const name = String(p['name']).toLowerCase();
			const value = ex.requestHeaders[name];
			if (p['required'] && value === undefined) problems.push(`request ${ex.method} ${ex.doc}: missing header ${p['name']}`);
			// A malformed header the hub refused (400/422) was sent on purpose by a test of that refusal.
			if (value !== undefined && ptr && p['schema'] && ex.status !== 400 && ex.status !== 422) {
				problems.push(...checkSchema(`${ptr}/schema`, value, `request ${ex.method} ${ex.doc} header ${p['name']}`));
			}
		}
		const security = (operation['security'] ?? doc['security']) as unknown[];
		// An empty requirement ({}) among the alternatives makes the bearer optional (OpenAPI 3).
		const optional = security.some((s) => typeof s === 'object' && s !== null && Object.keys(s).length === 0);
		if (security.length > 0 && !optional && ex.status !== 401 && !String(ex.requestHeaders['authorization'] ?? '').startsWith('Bearer ')) {
			problems.push(`request ${ex.method} ${ex.doc}: missing Bearer authorization`);
		}
		const requestBody = operation['requestBody'] as Json | undefined;
		const requestType = String(ex.requestHeaders['content-type'] ?? '').split(';')[0]!.trim();
		// A body the hub refused as invalid (400/422) was sent on purpose by a test of that refusal.
		if (requestBody && ex.status !== undefined && ex.status < 500 && ![400, 422, 429].includes(ex.status)) {
			const content = requestBody['content'] as Json;
			if (!content[requestType]) problems.push(`request ${ex.method} ${ex.doc}: content type "${requestType}" not declared`);
			else if (requestType.endsWith('json')) {
				problems.push(...checkSchema(pointer('paths', ex.doc, method, 'requestBody', 'content', requestType, 'schema'), JSON.parse(ex.requestBody.toString('utf8')), `request ${ex.method} ${ex.doc} body`));
			}
		}
		if (ex.status === undefined) return problems;
		// Response: a declared status, its headers, its body.
		const responses = operation['responses'] as Json;
		const declared = responses[String(ex.status)] as Json | undefined;
		if (!declared) return [...problems, `response ${ex.method} ${ex.doc}: status ${ex.status} not declared`];
		const {node: response, ptr: responsePtr} = resolve(declared);
		const responseBase = responsePtr ?? `${basePtr}/${pointer('responses', String(ex.status))}`;
		for (const name of Object.keys((response['headers'] as Json) ?? {})) {
			if ((name === 'Retry-After' || name === 'ETag') && ex.responseHeaders[name.toLowerCase()] === undefined) {
				problems.push(`response ${ex.method} ${ex.doc} ${ex.status}: missing header ${name}`);
			}
		}
		const content = response['content'] as Json | undefined;
		const body = ex.responseBody;
		if (!content) {
			if (body && body.length > 0) problems.push(`response ${ex.method} ${ex.doc} ${ex.status}: body where none is declared`);
			return problems;
		}
		if (ex.method === 'HEAD') return problems;
		const type = String(ex.responseHeaders['content-type'] ?? '').split(';')[0]!.trim();
		if (!content[type]) return [...problems, `response ${ex.method} ${ex.doc} ${ex.status}: content type "${type}" not declared`];
		const text = body?.toString('utf8') ?? '';
		if (type === 'application/x-ndjson') {
			const lines = text.split('\n').filter(Boolean);
			const schemas = ['CatalogNdjsonHeader', 'CatalogNdjsonItems'];
			lines.forEach((line, i) => {
				const name = schemas[i] ?? 'CatalogNdjsonImplementations';
				problems.push(...checkSchema(`components/schemas/${name}`, JSON.parse(line), `response NDJSON line ${i + 1}`));
			});
			return problems;
		}
		problems.push(...checkSchema(`${responseBase}/${pointer('content', type, 'schema')}`, JSON.parse(text), `response ${ex.method} ${ex.doc} ${ex.status} body`));
		return problems;
	}

	return {
		doc,
		operations: () => Object.entries(paths).flatMap(([p, item]) => Object.keys(item).filter((k) => ['get', 'head', 'post', 'put', 'delete'].includes(k)).map((m) => `${m.toUpperCase()} ${p}`)),
		check,
	};
}
