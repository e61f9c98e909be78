/**
 * Drives the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground) headlessly, as
 * its web client does: it ships no test API, so this speaks the HTTP and WebSocket interface
 * its bundled server (dist/index.js) mounts:
 *   GET  /_internal/v1/config                               tenant, users, chats, teams
 *   POST /_debug/conversation/{id}/installation             installs the app (installationUpdate + conversationUpdate)
 *   POST /_conversation/v1/conversations/{id}/messages      a user writes { from, text, textFormat, mentions? }
 *   POST /_conversation/v1/invoke                           Action.Execute { name, value, from, conversation, replyToId }
 *   WS   /_ws_conversation/v1/conversations/stream          { action: createMessage | updateMessage | typing, actionConversationId, message }
 * It runs fully offline: --disable-telemetry and APPLICATION_INSIGHTS_NO_STATSBEAT=true.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);
export const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');

export interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments: { contentType: string; content: Record<string, any> }[];
  postConversationId?: string;
}

export interface StreamEvent {
  action: 'createMessage' | 'updateMessage' | 'typing';
  actionConversationId: string;
  message?: PlaygroundMessage;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; name: string; aadObjectId: string };
  users: { id: string; name: string; aadObjectId: string }[];
  personalChat: { id: string };
  groupChats: { id: string; members: string[] }[];
  teams: { id: string; channels: { id: string; name: string }[]; members: string[] }[];
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class Playground {
  readonly events: StreamEvent[] = [];
  private ws: WebSocket | undefined;
  private waiters: (() => void)[] = [];
  config!: PlaygroundConfig;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly workDir: string,
    readonly output: string[],
  ) {}

  static async start(appEndpoint: string): Promise<Playground> {
    const port = await freePort();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-playground-'));
    const child = spawn(
      process.execPath,
      [PLAYGROUND_CLI, '--app-endpoint', appEndpoint, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'],
      {
        cwd: workDir,
        env: { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', BROWSER: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output: string[] = [];
    const listening = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Playground did not start: ${output.join('')}`)), 90_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        const m = /Listening on (\d+)/.exec(output.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the Playground exited (${code}): ${output.join('')}`)));
    });
    const actualPort = await listening;
    const playground = new Playground(`http://127.0.0.1:${actualPort}`, child, workDir, output);
    playground.config = ((await playground.get('/_internal/v1/config')) as { config: PlaygroundConfig }).config;
    await playground.connect();
    return playground;
  }

  private async connect(): Promise<void> {
    const ws = new WebSocket(`${this.url.replace('http', 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (data) => {
      const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))).toString(
        'utf8',
      );
      this.events.push(JSON.parse(text) as StreamEvent);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws = ws;
  }

  async get(urlPath: string): Promise<unknown> {
    const res = await fetch(this.url + urlPath);
    if (!res.ok) throw new Error(`GET ${urlPath}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  async post(urlPath: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(this.url + urlPath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  install(conversationId: string) {
    return this.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /** A user writes in a conversation; in a channel the bot is @mentioned (Teams only delivers mentions there). */
  say(conversationId: string, fromId: string, text: string, mention = false) {
    const at = `<at>${this.config.bot.name}</at>`;
    const body = mention
      ? {
          from: { id: fromId },
          text: `${at} ${text}`,
          textFormat: 'plain',
          mentions: [{ mentioned: { id: this.config.bot.id }, text: at }],
        }
      : { from: { id: fromId }, text, textFormat: 'plain' };
    return this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);
  }

  execute(conversationId: string, fromId: string, replyToId: string, action: { verb: string; data: Record<string, unknown> }) {
    return this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', ...action }, trigger: 'manual' },
      from: { id: fromId },
      conversation: { id: conversationId },
      replyToId,
    });
  }

  /** Bot messages created in a conversation (a channel's posts count under the channel). */
  botMessages(conversationId: string): PlaygroundMessage[] {
    return this.events
      .filter((e) => e.action === 'createMessage' && e.actionConversationId === conversationId && e.message?.from.id === this.config.bot.id)
      .map((e) => e.message!);
  }

  async waitForBotMessages(conversationId: string, count: number, timeoutMs = 30_000): Promise<PlaygroundMessage[]> {
    await this.waitUntil(
      () => this.botMessages(conversationId).length >= count || undefined,
      timeoutMs,
      () => `${count} bot messages in ${conversationId}; got ${this.botMessages(conversationId).length}`,
    );
    return this.botMessages(conversationId);
  }

  /** The first streamed event from `from` on that matches, as it arrives (events before index `from` are not looked at). */
  waitForEvent(from: number, match: (e: StreamEvent) => boolean, timeoutMs = 30_000): Promise<StreamEvent> {
    return this.waitUntil(
      () => this.events.slice(from).find(match),
      timeoutMs,
      () => 'a matching event',
    );
  }

  /** Waits, without polling, for each streamed event until `found` answers something. */
  private async waitUntil<T>(found: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = found();
      if (result !== undefined) return result;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what()}: ${JSON.stringify(this.events.slice(-5)).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    this.ws?.close();
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}
