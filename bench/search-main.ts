/**
 * Runs only the search benchmark: `node --expose-gc dist/bench/search-main.js [--quick]
 * [--index-only] [--json]`. `npm run bench` runs it through run.ts, in child processes started
 * with the console's node flags and, as the memory baseline, without them; `--json` prints the
 * section for that parent instead of a table.
 */
import {printSection} from './report.js';
import {benchSearch} from './search.js';

const args = process.argv.slice(2);
const section = await benchSearch({...(args.includes('--quick') ? {sizes: [100_000]} : {}), indexOnly: args.includes('--index-only')});
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(section)}\n`);
else printSection(section);
