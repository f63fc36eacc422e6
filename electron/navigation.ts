import { isAppUrl } from './app-url';

/**
 * Navigation policy. The window shows the app and nothing else: a link in a pasted
 * document, a dropped file or a script must never take the window to another page,
 * where it would run with the preload bridge attached.
 */

export type NavigationDecision = 'allow' | 'deny';

/** will-navigate / will-redirect / will-frame-navigate: only within the app's own origin. */
export function decideNavigation(url: string): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** setWindowOpenHandler: the app never opens a second window, for any URL. */
export function windowOpenHandler(_details: { url: string }): { action: 'deny' } {
  return { action: 'deny' };
}

/** will-attach-webview: the app has no webviews; refuse every attempt. */
export function decideWebviewAttach(): NavigationDecision {
  return 'deny';
}
