import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string }[];
  linux: { target: string[]; icon: string };
  win: { target: string[] };
  mac: { target: string[]; fileAssociations: { ext: string; rank?: string }[] };
  files: string[];
};

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    // electron-builder's validator (app-builder-lib, installed with electron-builder)
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // and the validator does reject a misspelt fuse, so the check above means something
    const bad = { ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app and builds Linux AppImage and deb, Windows NSIS, macOS dmg', () => {
    expect(config.appId).toBe('org.ordwright.app');
    expect(config.productName).toBe('Ordwright');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('sets the fuses the Electron security guide recommends', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('associates *.ordinance.json with the app (with a MIME type for Linux), and on macOS offers it for JSON without taking JSON over', () => {
    expect(config.fileAssociations).toContainEqual(expect.objectContaining({ ext: 'ordinance.json', name: 'Ordwright project', mimeType: 'application/x-ordwright-project' }));
    // never the default handler of every .json file on Windows or Linux
    expect(config.fileAssociations.map((a) => a.ext)).not.toContain('json');
    expect(config.mac.fileAssociations).toContainEqual(expect.objectContaining({ ext: 'ordinance.json', rank: 'Owner' }));
    expect(config.mac.fileAssociations).toContainEqual(expect.objectContaining({ ext: 'json', rank: 'Alternate' }));
  });

  it('the app’s argv handling accepts what each installer passes (a path, or a file:// URL from the Linux desktop entry)', async () => {
    const { projectPathFromArgv } = await import('../../electron/argv');
    expect(projectPathFromArgv(['/opt/Ordwright/ordwright', 'file:///home/c/A%20B.ordinance.json'], '/', 'linux')).toBe('/home/c/A B.ordinance.json');
    expect(projectPathFromArgv(['C:\\Program Files\\Ordwright\\Ordwright.exe', 'C:\\d\\A.ordinance.json'], 'C:\\', 'win32')).toBe('C:\\d\\A.ordinance.json');
  });

  it('packages the built app only, and the icon exists', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**/*', 'dist-electron/**/*']));
    const png = readFileSync(join(repo, config.linux.icon));
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // width and height from the IHDR chunk: at least 512x512 for macOS
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('package.json points Electron at the bundled main', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string; name: string };
    expect(pkg.name).toBe('ordwright');
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });
});
