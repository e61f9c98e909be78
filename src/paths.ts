/** Where the app's own files are, whether it runs from src/ (tsx) or from the compiled dist/. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findAppRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
