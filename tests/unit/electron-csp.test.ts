import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, contentSecurityPolicy, parseCsp } from '../../electron/csp';

const repo = join(import.meta.dirname, '..', '..');

describe('electron/csp', () => {
  const csp = parseCsp(contentSecurityPolicy());

  it('allows only the app itself', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('font-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows inline script, eval or a remote origin', () => {
    const all = [...csp.values()].flat();
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'ws:', 'wss:', 'blob:']) {
      expect(all).not.toContain(bad);
    }
  });

  it('leaves header-only directives out of the meta form', () => {
    const meta = parseCsp(contentSecurityPolicy({ forMeta: true }));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.size).toBe(CSP_DIRECTIVES.length - 1);
  });

  it('renderer/index.html carries the same policy in its meta tag', () => {
    const html = readFileSync(join(repo, 'renderer/index.html'), 'utf8');
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
    expect(m, 'index.html has a CSP meta tag').not.toBeNull();
    expect(m![1]).toBe(contentSecurityPolicy({ forMeta: true }));
  });
});
