import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../electron/app-url';
import { decideNavigation, decideWebviewAttach, windowOpenHandler } from '../../electron/navigation';

describe('electron/navigation', () => {
  it('allows navigation within the app only', () => {
    expect(decideNavigation(APP_ENTRY_URL)).toBe('allow');
    expect(decideNavigation('app://ordwright/')).toBe('allow');
    expect(decideNavigation('app://ordwright/index.html#section-2')).toBe('allow');
    expect(decideNavigation('APP://ORDWRIGHT/index.html')).toBe('allow'); // scheme and host are case-insensitive
  });

  it.each([
    'https://example.org/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://ordwright.evil/index.html',
    'app://user:pw@ordwright/index.html',
    'app://ordwright:8080/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('denies %j', (url) => {
    expect(decideNavigation(url)).toBe('deny');
    expect(isAppUrl(url)).toBe(false);
  });

  it('denies every window.open and every webview', () => {
    expect(windowOpenHandler({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
    expect(windowOpenHandler({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(decideWebviewAttach()).toBe('deny');
  });
});
