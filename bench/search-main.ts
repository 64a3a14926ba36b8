/**
 * Runs only the search benchmark: `node --expose-gc dist/bench/search-main.js [--quick]`.
 * (`npm run bench` runs every section through run.ts.)
 */
import {printSection} from './report.js';
import {benchSearch} from './search.js';

const quick = process.argv.includes('--quick');
printSection(await benchSearch(quick ? {sizes: [100_000]} : {}));
