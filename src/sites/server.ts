/** Serves a site's static files on its own origin, plus `/hoplite.json` with the service's API URLs. */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { decodePercentEncoded } from '../internal/percent-decoding.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export const SITE_CONFIG_PATH = '/hoplite.json';

export interface SiteHandlerOptions {
  /** Absolute folder to serve. */
  dir: string;
  /** Serialised at request time: API URLs are known only once every listener is up. */
  config: () => unknown;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The request's path, percent-decoded; `undefined` when its encoding is malformed (`%E0%A4%A`). */
function decodedPath(url: string | undefined): string | undefined {
  return decodePercentEncoded((url ?? '/').split('?')[0] as string);
}

export function createSiteHandler(options: SiteHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const root = resolve(options.dir);
  return (request, response) => {
    request.resume();
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method Not Allowed');
    const pathname = decodedPath(request.url);
    if (pathname === undefined) return sendText(response, 400, 'Bad Request');
    if (pathname === SITE_CONFIG_PATH) {
      const body = JSON.stringify(options.config());
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    const file = normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    // Never serve anything outside the site's folder.
    if (file !== root && !file.startsWith(root + sep)) return sendText(response, 404, 'Not Found');
    stat(file)
      .then((info) => (info.isFile() ? readFile(file) : Promise.reject(new Error('not a file'))))
      .then(
        (content) => {
          response.writeHead(200, {
            'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
            'content-length': content.length,
            'cache-control': 'no-cache',
          });
          response.end(content);
        },
        () => sendText(response, 404, 'Not Found'),
      );
  };
}
