/**
 * The browser app (apps/web, built to apps/web/dist) served by the API process: hashed assets
 * with a year's immutable cache, index.html never cached, and an SPA fallback (any GET or HEAD
 * outside /api without a file extension is the app). The app's own responses get a CSP the
 * modeller works under; /api keeps the API's headers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * The app's CSP: scripts, fonts, data and connections from this origin only; inline styles
 * (bpmn-js and the charts set style attributes), data: images and fonts (the BPMN icon font is
 * embedded as a data: URL); no plugins, no framing, no base-tag or form hijacking. No
 * `upgrade-insecure-requests`: the product is often reached over plain HTTP on localhost.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "worker-src 'self' blob:",
].join('; ');

/** apps/web/dist from the working directory (npm start, tests) or beside the sources. */
export function findWebDist(candidates: string[] = [resolve(process.cwd(), 'apps/web/dist'), resolve(__dirname, '../../../web/dist')]): string | undefined {
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

export interface ServeWebAppResult {
  dist?: string;
}

/** Mounts the app (before Nest's router, which only answers /api). Returns where it was found. */
export function serveWebApp(app: INestApplication, dist: string | undefined = findWebDist()): ServeWebAppResult {
  if (!dist) {
    // Not built: say so at / rather than a bare 404 (npm run build:web builds it).
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/api') || (req.method !== 'GET' && req.method !== 'HEAD') || extname(req.path)) return next();
      res.status(503).setHeader('Cache-Control', 'no-store');
      res.type('text/plain').send('The web app is not built: run `npm run build:web`, then reload.\n');
    });
    return {};
  }
  const index = readFileSync(join(dist, 'index.html'));
  const assets = join(dist, 'assets');
  const setWebHeaders = (res: Response) => {
    res.setHeader('Content-Security-Policy', WEB_APP_CSP);
    res.removeHeader('Content-Security-Policy-Report-Only');
  };
  const statics = express.static(dist, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      setWebHeaders(res as Response);
      res.setHeader('Cache-Control', file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (extname(req.path)) return statics(req, res, next);
    // SPA fallback: a route of the app.
    setWebHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html');
    res.send(index);
  });
  return { dist };
}
