/**
 * npm run playground: starts DPO Board (the configured store, AUTH_MODE=local, no bot
 * credentials) and the Microsoft 365 Agents Playground against its /api/messages, fully
 * offline (--disable-telemetry, APPLICATION_INSIGHTS_NO_STATSBEAT=true). The Playground's
 * default user (Alex Wilber) acts as the DPO (bot/local-teams-users.json).
 *
 * PLAYGROUND_PORT chooses the Playground's port (default 56150).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

const require = createRequire(import.meta.url);

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.bot) throw new Error('BOT_ENABLED=false: nothing for the Playground to talk to');
  if (config.bot.credentials.kind !== 'none')
    throw new Error('the Playground talks to the bot without credentials: unset MICROSOFT_APP_ID for it');
  const server = await startServer(config);
  const endpoint = `${server.url.replace('localhost', '127.0.0.1')}/api/messages`;
  console.log(`DPO Board on ${server.url}; the bot at ${endpoint}`);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const port = process.env.PLAYGROUND_PORT ?? '56150';
  const child = spawn(
    process.execPath,
    [cli, '--app-endpoint', endpoint, '--channel-id', 'msteams', '--port', port, '--disable-telemetry'],
    {
      env: { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const m = /Listening on (\d+)/.exec(text);
    if (m) {
      console.log(
        `Agents Playground: http://localhost:${m[1]} (you are Alex Wilber, the DPO; try "hjälp", "status 4", "bedöm 4", "prenumerera")`,
      );
    }
  });
  const stop = () => {
    child.kill('SIGTERM');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  child.once('exit', (code) => {
    console.log(`the Playground exited (${code ?? 'signal'})`);
    server.close().then(
      () => process.exit(code ?? 0),
      () => process.exit(1),
    );
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
