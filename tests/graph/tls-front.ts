/**
 * Test-only HTTPS front for the app, standing in for the TLS-terminating ingress in front of
 * it in production (App Service, a reverse proxy): PUBLIC_URL points here, and requests are
 * passed to the app's plain-HTTP port once it is known.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { testCert } from './tls.js';

export class TlsFront {
  target: number | null = null;
  private server: https.Server | undefined;
  url = '';

  async start(): Promise<this> {
    const { key, cert } = testCert();
    this.server = https.createServer({ key, cert }, (req, res) => {
      if (this.target === null) {
        res.writeHead(503).end();
        return;
      }
      const upstream = http.request(
        { host: '127.0.0.1', port: this.target, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
