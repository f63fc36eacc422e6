import { APP_ORIGIN, isAppUrl, parseUrl } from './app-url';

/**
 * Request blocking (session.webRequest.onBeforeRequest). Ordwright makes no network
 * request, ever: everything it shows comes from app://ordwright/. This is the net
 * under the CSP: even a request the CSP would let through (or one the page did not
 * make, such as a prefetch) is cancelled here.
 */

export type RequestDecision = { cancel: boolean };

/** Why a URL is allowed, or null when it must be blocked. */
export function allowedRequestKind(url: string): 'app' | 'devtools' | 'data' | 'blob' | null {
  if (isAppUrl(url)) return 'app';
  const u = parseUrl(url);
  if (!u) return null;
  switch (u.protocol) {
    // the developer tools' own pages (only reachable when dev tools are enabled)
    case 'devtools:':
      return 'devtools';
    // inline images and fonts the renderer builds itself; they never touch the network
    case 'data:':
      return 'data';
    // object URLs the app's own page created (blob:app://ordwright/<uuid>)
    case 'blob:':
      return url.startsWith(`blob:${APP_ORIGIN}/`) ? 'blob' : null;
    default:
      return null;
  }
}

export function decideRequest(url: string): RequestDecision {
  return { cancel: allowedRequestKind(url) === null };
}
