/**
 * The error a call throws or a promise rejects with, for tests that look at the error itself
 * (its class, code, details, every text a user could see of it). Neither passes quietly when
 * nothing fails: that throws, and the test fails.
 */

/** The error `run` throws. */
export function thrown(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('did not throw');
}

/** The error `p` rejects with. */
export async function caught(p: Promise<unknown>): Promise<Error> {
	try {
		await p;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}
