/**
 * The server starts the same way everywhere it runs in production: `npm run start:prod` and the App Service start
 * command (infra/azure.bicep, siteConfig.appCommandLine) are one command, with the V8 flag that keeps RSS under the
 * 150 MB target (a 2 MB young generation; `npm run bench:api` measures the server started with these flags).
 * https://learn.microsoft.com/en-us/azure/templates/microsoft.web/sites#siteconfig (appCommandLine)
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

describe('production start command', () => {
  it('App Service runs exactly `npm run start:prod`, with a small young generation', () => {
    const appCommandLine = /appCommandLine:\s*'([^']+)'/.exec(read('infra/azure.bicep'))?.[1];
    expect(appCommandLine).toBe(scripts['start:prod']);
    expect(scripts['start:prod']).toMatch(/^node --max-semi-space-size=2 dist\/server\/src\/server\.js$/);
  });

  it('`npm start` runs the server with the same V8 flag', () => {
    expect(scripts.start).toContain('node --max-semi-space-size=2 --import tsx src/server.ts');
  });
});
