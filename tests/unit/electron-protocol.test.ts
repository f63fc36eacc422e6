import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/csp';
import { createProtocolHandler, mimeTypeFor, resolveAppRequest } from '../../electron/protocol';

describe('electron/protocol: resolveAppRequest', () => {
  const root = '/srv/app/dist/renderer';

  it.each([
    ['app://ordwright/', '/srv/app/dist/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://ordwright/index.html', '/srv/app/dist/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://ordwright/assets/index-Ab12.js', '/srv/app/dist/renderer/assets/index-Ab12.js', 'text/javascript; charset=utf-8'],
    ['app://ordwright/assets/index-Ab12.css?v=1#x', '/srv/app/dist/renderer/assets/index-Ab12.css', 'text/css; charset=utf-8'],
    ['app://ordwright/favicon.svg', '/srv/app/dist/renderer/favicon.svg', 'image/svg+xml'],
    ['app://ordwright/assets/My%20Font.woff2', '/srv/app/dist/renderer/assets/My Font.woff2', 'font/woff2'],
  ])('%s -> the file under the root', (url, file, mime) => {
    expect(resolveAppRequest(root, url)).toEqual({ ok: true, file, mime });
  });

  it.each([
    'app://ordwright/../secret.txt',
    'app://ordwright/assets/../../secret.txt',
    'app://ordwright/%2e%2e/secret.txt',
    'app://ordwright/assets/%2E%2E/%2E%2E/etc/passwd.txt',
    'app://ordwright/./../.././etc/passwd.txt',
  ])('never leaves the root: %s (the URL parser folds dot segments at the root)', (url) => {
    const r = resolveAppRequest(root, url);
    if (r.ok) expect(r.file.startsWith(root + '/')).toBe(true);
  });

  it.each([
    ['app://ordwright/..%2f..%2fetc%2fpasswd.txt', 403],
    ['app://ordwright/..%5c..%5cwindows%5cwin.ini', 400],
    ['app://ordwright/a%00.js', 400],
    ['app://ordwright/%E0%A4%A.js', 400],
    ['app://ordwright/main.cjs', 403],
    ['app://ordwright/.env', 403],
    ['app://other/index.html', 403],
    ['app://ordwright:99/index.html', 403],
    ['file:///etc/passwd', 400],
    ['https://ordwright/index.html', 400],
  ])('refuses %s with %i', (url, status) => {
    const r = resolveAppRequest(root, url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toBe(status);
  });

  it('knows the MIME types a Vite build emits', () => {
    expect(mimeTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.png')).toBe('image/png');
    expect(mimeTypeFor('a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('a.exe')).toBeNull();
  });
});

describe('electron/protocol: createProtocolHandler on real files', () => {
  let dir: string;
  let root: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-protocol-'));
    root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'leak.txt'));
    await mkdir(join(root, 'folder.js'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves HTML with the CSP and nosniff, scripts with their MIME type', async () => {
    const handle = createProtocolHandler(root);
    const html = await handle({ url: 'app://ordwright/index.html' });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await html.text()).toContain('<title>t</title>');

    const js = await handle({ url: 'app://ordwright/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect(await js.text()).toBe('console.log(1)');
  });

  it('refuses a symbolic link that leads out of the root', async () => {
    const r = await createProtocolHandler(root)({ url: 'app://ordwright/assets/leak.txt' });
    expect(r.status).toBe(403);
    expect(await r.text()).not.toContain('secret');
  });

  it('answers 404 for a missing file or a folder, 405 for a POST, 403 for traversal', async () => {
    const handle = createProtocolHandler(root);
    expect((await handle({ url: 'app://ordwright/assets/missing.js' })).status).toBe(404);
    expect((await handle({ url: 'app://ordwright/folder.js' })).status).toBe(404);
    expect((await handle({ url: 'app://ordwright/index.html', method: 'POST' })).status).toBe(405);
    // folded to /secret.txt inside the root, which does not exist there
    expect((await handle({ url: 'app://ordwright/%2e%2e/secret.txt' })).status).toBe(404);
    expect((await handle({ url: 'app://ordwright/..%2fsecret.txt' })).status).toBe(403);
  });

  it('answers 404 (not a crash) when the build is missing', async () => {
    const r = await createProtocolHandler(join(dir, 'no-build'))({ url: 'app://ordwright/index.html' });
    expect(r.status).toBe(404);
  });
});
