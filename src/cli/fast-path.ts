/** Recognises a plain console start, which src/cli/main.ts runs without loading yargs. */
import type {ConsoleArgs} from '../../commands/console.js';
import {isLang} from '../core/lang.js';

/** The console's arguments when the command line is nothing but a plain console start. */
export function consoleFastPath(argv: readonly string[]): ConsoleArgs | undefined {
	const args: ConsoleArgs = {};
	let i = argv[0] === 'console' ? 1 : 0;
	for (; i < argv.length; i++) {
		const arg = argv[i]!;
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		if (flag === '--demo' && inline === undefined) args.demo = true;
		else if (flag === '--no-demo' && inline === undefined) args.demo = false;
		else if (flag === '--lang' || flag === '--data-dir') {
			const value = inline ?? argv[++i];
			if (value === undefined || value.startsWith('-')) return undefined;
			if (flag === '--lang') {
				if (!isLang(value)) return undefined;
				args.lang = value;
			} else args.dataDir = value;
		} else return undefined;
	}
	return args;
}

