/** RFC 9457 problem documents as the mock hub sends them (see docs/hub-api.yaml#/components/schemas/Problem). */
export interface ProblemBody {
	type: string;
	title: string;
	status: number;
	detail: string;
	code: string;
	errors?: Array<{field: string; message: string}>;
	[extension: string]: unknown;
}

const TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Content Too Large',
	422: 'Unprocessable Content',
	423: 'Locked',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

/** Thrown by handlers; the server turns it into a problem+json answer. */
export class Problem extends Error {
	readonly status: number;
	readonly body: ProblemBody;
	readonly headers: Record<string, string>;

	constructor(status: number, code: string, detail: string, extra: {errors?: ProblemBody['errors']; headers?: Record<string, string>; [k: string]: unknown} = {}) {
		super(detail);
		const {headers = {}, ...members} = extra;
		this.status = status;
		this.headers = headers as Record<string, string>;
		this.body = {
			type: `https://tongban.example/problems/${code.replace(/_/g, '-')}`,
			title: TITLES[status] ?? 'Error',
			status,
			detail,
			code,
			...members,
		};
	}
}
