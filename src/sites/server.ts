/** Serves a site's static files on its own origin, plus `/hoplite.json` with the service's API URLs. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { type EdgeHandler, type GatewayResponse, splitTarget } from '../internal/edge/values.ts';
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

function text(status: number, body: string): GatewayResponse {
  return { statusCode: status, headers: [['content-type', 'text/plain; charset=utf-8']], body: Buffer.from(body) };
}

/** The request's path, percent-decoded; `undefined` when its encoding is malformed (`%E0%A4%A`). */
function decodedPath(target: string): string | undefined {
  return decodePercentEncoded(splitTarget(target).rawPath);
}

export function createSiteHandler(options: SiteHandlerOptions): EdgeHandler {
  const root = resolve(options.dir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed');
    const pathname = decodedPath(request.target);
    if (pathname === undefined) return text(400, 'Bad Request');
    if (pathname === SITE_CONFIG_PATH) {
      const headers: Array<[string, string]> = [
        ['content-type', 'application/json'],
        ['cache-control', 'no-store'],
      ];
      return { statusCode: 200, headers, body: Buffer.from(JSON.stringify(options.config())) };
    }
    const file = normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    // Never serve anything outside the site's folder.
    if (file !== root && !file.startsWith(root + sep)) return text(404, 'Not Found');
    const content = await stat(file)
      .then((info) => (info.isFile() ? readFile(file) : undefined))
      .catch(() => undefined);
    if (!content) return text(404, 'Not Found');
    const headers: Array<[string, string]> = [
      ['content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'],
      ['cache-control', 'no-cache'],
    ];
    return { statusCode: 200, headers, body: content };
  };
}
