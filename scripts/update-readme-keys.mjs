// Rewrites the README's generated key tables from the compiled keymap (run after `npm run build`).
import {readFileSync, writeFileSync} from 'node:fs';
import {withKeysSection} from '../dist/src/ui/keys/keysDoc.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, withKeysSection(readFileSync(file, 'utf8')));
