import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/server.js';

describe('npm run seed', () => {
  it('imports the report once; a second run adds nothing', { timeout: 120_000 }, () => {
    const dir = tempDataDir();
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/store/seed-cli.ts'], {
        env: { ...process.env, DATA_DIR: dir, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
    expect(run()).toMatch(/seed: added .*"controlPoints":12.*"instructions":31/);
    expect(run()).toMatch(/nothing to add/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
