/**
 * Serves the built tab (Vite output) at /tab, with an SPA fallback so deep links such as
 * /tab/control-points/4 and /tab/config load the app, and redirects / to /tab/.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

const MISSING = `<!doctype html><html lang="sv"><meta charset="utf-8"><title>DPO Board</title>
<p>Fliken är inte byggd. Kör <code>npm run build:tab</code> (eller <code>npm start</code>).</p>
<p lang="en">The tab is not built. Run <code>npm run build:tab</code> (or <code>npm start</code>).</p></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Sends name.gz (written by tab/build.ts) to browsers that accept gzip; everything else falls through. */
function precompressed(dir: string): express.RequestHandler {
  return (req, res, next) => {
    const type = TYPES[path.extname(req.path)];
    const file = path.join(dir, path.normalize(req.path).replace(/^([/\\])+/, ''));
    if (!type || !file.startsWith(dir + path.sep) || !req.acceptsEncodings('gzip')) return next();
    fs.stat(`${file}.gz`, (error, stat) => {
      if (error || !stat.isFile()) return next();
      res.set({
        'Content-Type': type,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
      res.sendFile(`${file}.gz`, { headers: { 'Content-Type': type } }, (err) => err && next(err));
    });
  };
}

export function createTabRouter(distDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, 'index.html');
  router.get('/', (_req, res) => res.redirect(302, '/tab/'));
  router.get(/^\/tab$/, (_req, res) => res.redirect(301, '/tab/'));
  // Hashed assets never change: cache them for a year. index.html is always revalidated.
  router.use('/tab/assets', precompressed(path.join(distDir, 'assets')));
  router.use('/tab/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use('/tab', express.static(distDir, { index: false, maxAge: '1h' }));
  // The SSO consent pop-up's pages (authentication.authenticate): auth-start, and auth-end, the redirect URI.
  router.get(/^\/tab\/(auth-start|auth-end)$/, (req, res) => {
    res
      .set({ 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' })
      .sendFile(path.join(distDir, `${req.params[0]}.html`), (err) => {
        if (err) res.status(503).type('html').send(MISSING);
      });
  });
  router.get(/^\/tab(\/.*)?$/, (req, res) => {
    if (path.extname(req.path)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('html').send(MISSING);
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });
  return router;
}
