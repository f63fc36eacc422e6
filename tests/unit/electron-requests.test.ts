import { describe, expect, it } from 'vitest';
import { allowedRequestKind, decideRequest } from '../../electron/requests';

describe('electron/requests', () => {
  it.each([
    ['app://ordwright/index.html', 'app'],
    ['app://ordwright/assets/index-abc.js', 'app'],
    ['devtools://devtools/bundled/devtools_app.html', 'devtools'],
    ['data:image/png;base64,iVBORw0KGgo=', 'data'],
    ['blob:app://ordwright/6b1f0c1e-2f0a-4d55-9c35-1d3f8f6e0b1a', 'blob'],
  ])('lets %s through (%s)', (url, kind) => {
    expect(allowedRequestKind(url)).toBe(kind);
    expect(decideRequest(url)).toEqual({ cancel: false });
  });

  it.each([
    'https://example.org/analytics.js',
    'http://localhost:5173/',
    'ws://127.0.0.1:9229/',
    'wss://example.org/socket',
    'ftp://example.org/',
    'file:///home/user/.ssh/id_rsa',
    'app://elsewhere/index.html',
    'blob:https://example.org/6b1f0c1e',
    'blob:null/6b1f0c1e',
    'chrome-extension://abc/script.js',
    'not a url',
  ])('blocks %s', (url) => {
    expect(allowedRequestKind(url)).toBeNull();
    expect(decideRequest(url)).toEqual({ cancel: true });
  });
});
