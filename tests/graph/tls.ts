/**
 * Test-only TLS: a throwaway self-signed certificate (tests/fixtures/self-signed.ts), and a fetch
 * that trusts exactly that certificate. Nothing here touches production code paths; the
 * app's own Graph client keeps full TLS verification (tests pass this fetch in, or start
 * the app with NODE_EXTRA_CA_CERTS pointing at the certificate).
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { selfSignedCertificate } from '../fixtures/self-signed.js';

export interface TestCert {
  key: string;
  cert: string;
  certFile: string;
  dir: string;
}

let cached: TestCert | undefined;

export function testCert(): TestCert {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-board-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const { key, cert } = selfSignedCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], days: 2 });
  fs.writeFileSync(certFile, cert);
  cached = { key, cert, certFile, dir };
  return cached;
}

/** A WHATWG fetch over node:https that trusts the given CA (and nothing else extra). */
export function fetchTrusting(ca: string): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  const agent = new https.Agent({ ca, keepAlive: true });
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const body =
      typeof init.body === 'string' ? init.body : init.body ? Buffer.from(await new Response(init.body).arrayBuffer()) : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const req = https.request(url, { method: init.method ?? 'GET', headers, agent, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 0;
          const nullBody = status === 204 || status === 304;
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: h }));
        });
      });
      req.on('error', (error) => {
        const reason: unknown = init.signal?.reason;
        if (error.name === 'AbortError' && reason instanceof Error) reject(reason);
        else reject(error);
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
}
