/**
 * The app's own origin. The renderer is served from app://ordwright/ by
 * electron/protocol.ts, never from file:// (which would grant it the file protocol's
 * extra privileges) and never from the network.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ordwright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parse a URL without throwing. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Is `url` a page or resource of the app itself (app://ordwright/...)? */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  // Chromium lower-cases the host of a standard scheme; Node's URL does not for a
  // custom one, so compare without case. A port or credentials would mean someone
  // built the URL by hand: refuse those.
  return !!u && u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}
