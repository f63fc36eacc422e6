import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-url';
import { contentSecurityPolicy } from './csp';

/**
 * The app:// protocol: serves the built renderer (dist/renderer) to the window.
 * resolveAppRequest is the pure part (URL -> file or refusal); createProtocolHandler
 * adds the file system and builds the Response that protocol.handle expects.
 */

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(path: string): string | null {
  return MIME_TYPES[extname(path).toLowerCase()] ?? null;
}

export type AppRequestResolution =
  | { ok: true; file: string; mime: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Map an app:// URL to a file under `root`. Refuses other schemes and hosts, encoded
 * or literal traversal ("..", "%2e%2e", backslashes), NUL bytes, and file types the
 * app does not serve. "/" means index.html. Query and fragment are ignored.
 */
export function resolveAppRequest(root: string, url: string): AppRequestResolution {
  const u = parseUrl(url);
  if (!u || u.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: 'not an app:// URL' };
  if (u.hostname.toLowerCase() !== APP_HOST || u.port !== '' || u.username !== '' || u.password !== '') {
    return { ok: false, status: 403, reason: `unknown host "${u.host}"` };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding in the path' };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in the path' };
  if (pathname.includes('\\')) return { ok: false, status: 400, reason: 'backslash in the path' };
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'path traversal' };
  if (segments.length === 0 || pathname.endsWith('/')) segments.push('index.html');
  const absRoot = resolve(root);
  const file = resolve(absRoot, ...segments);
  const rel = relative(absRoot, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { ok: false, status: 403, reason: 'path outside the app' };
  const mime = mimeTypeFor(file);
  if (!mime) return { ok: false, status: 403, reason: `file type "${extname(file)}" is not served` };
  return { ok: true, file, mime };
}

/** Headers every app:// response carries. HTML also gets the CSP. */
export function responseHeaders(mime: string): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Type': mime,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  if (mime.startsWith('text/html')) h['Content-Security-Policy'] = contentSecurityPolicy();
  return h;
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * The handler for protocol.handle('app', ...). Besides the lexical checks, it resolves
 * symbolic links and refuses a file whose real path leaves the root.
 */
export function createProtocolHandler(root: string): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
    const r = resolveAppRequest(root, request.url);
    if (!r.ok) return refusal(r.status, r.reason);
    try {
      const [rootReal, fileReal] = await Promise.all([realpath(resolve(root)), realpath(r.file)]);
      if (fileReal !== rootReal && !fileReal.startsWith(rootReal + sep)) return refusal(403, 'path outside the app');
      if (!(await stat(fileReal)).isFile()) return refusal(404, 'not found');
      const body = await readFile(fileReal);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: responseHeaders(r.mime) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return refusal(404, 'not found');
      return refusal(500, 'could not read the file');
    }
  };
}
