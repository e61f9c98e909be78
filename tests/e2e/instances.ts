/**
 * Several instances of the app as separate processes (as App Service scales out): each is
 * `node --import tsx src/server.ts` on its own port, so `kill -9` ends the server itself, not a
 * wrapper. Plus what a test needs around them: free ports, waiting for a condition (the
 * deadline only bounds a hang), and which instance owns a TCP connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { WALL_CLOCK_SCHEDULE_OFF } from '../helpers/server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until `probe` gives a value; `ms` only bounds a hang, the test never depends on it. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Instance {
  name: string;
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  /** kill -9: no shutdown, no cleanup, leases and half-done work left as they are. */
  kill9(): Promise<void>;
  /** SIGTERM: the server closes and finishes the posts it is making. */
  stop(): Promise<void>;
}

/** Starts an instance on `port` (a free one by default; pick it first when a front must point there before it starts). */
export async function startInstance(name: string, env: NodeJS.ProcessEnv, port?: number): Promise<Instance> {
  port ??= await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    // Reminders and the weekly digest run on the wall clock: off unless the test turns them on (tests/helpers/server.ts).
    env: { ...WALL_CLOCK_SCHEDULE_OFF, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  await until(`instance ${name} to listen`, () => /listening on http/.test(output) || child.exitCode !== null, 60_000);
  if (child.exitCode !== null) throw new Error(`instance ${name} did not start:\n${output}`);
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => output,
    kill9: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** The inode of the local TCP socket bound to `port` (from /proc/net/tcp and tcp6). */
function socketInode(port: number): string | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex}`)) return cols[9];
    }
  }
  return undefined;
}

/** Which of the instances holds the client end of a TCP connection (its local port), by the sockets in /proc/<pid>/fd. */
export function instanceOwningPort(port: number, instances: Instance[]): Instance {
  const inode = socketInode(port);
  const owner = instances.find((i) => {
    const dir = `/proc/${i.process.pid}/fd`;
    return fs.readdirSync(dir).some((fd) => {
      try {
        return fs.readlinkSync(path.join(dir, fd)) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    });
  });
  if (!inode || !owner) throw new Error(`no instance owns local port ${port}`);
  return owner;
}
