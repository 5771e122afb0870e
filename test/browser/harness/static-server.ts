/**
 * A tiny static server for the built web app (apps/web/dist) on 127.0.0.1 with the SPA fallback
 * the API must give too: unknown non-file paths get index.html. /api/* answers 404 problem+json
 * here (no back end yet); tests stub the endpoints they exercise with page.route.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.json': 'application/json',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export const DIST = path.resolve(__dirname, '../../../apps/web/dist');

export async function startStaticServer(root = DIST): Promise<StaticServer> {
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: build the web app first (npm run build -w apps/web)`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No API in the browser-test harness' }));
      return;
    }
    const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    const inside = file.startsWith(root + path.sep);
    const isFile = inside && existsSync(file) && statSync(file).isFile();
    // SPA fallback: any path that is not a file (and has no extension) is the app
    const target = isFile ? file : path.extname(url.pathname) ? null : path.join(root, 'index.html');
    if (!target) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'cache-control': target.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
