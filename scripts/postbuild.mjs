// Marks the compiled CLI entry executable, so `dist/src/cli.js` runs as the `tongban` binary.
import {chmodSync, existsSync} from 'node:fs';

const entry = new URL('../dist/src/cli.js', import.meta.url);
if (existsSync(entry)) chmodSync(entry, 0o755);
