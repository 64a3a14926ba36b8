// Marks the compiled CLI entry executable, so `dist/bundle/tongban.js` runs as the `tongban` binary.
import {chmodSync, existsSync} from 'node:fs';

const entry = new URL('../dist/bundle/tongban.js', import.meta.url);
if (existsSync(entry)) chmodSync(entry, 0o755);
