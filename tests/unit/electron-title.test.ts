import { describe, expect, it } from 'vitest';
import { windowTitle } from '../../electron/title';

describe('electron/title', () => {
  it('Windows and Linux: name, unsaved bullet, app name', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(windowTitle({ name: 'Riverbend draft', path: '/d/Riverbend draft.ordinance.json', dirty: true }, platform)).toEqual({
        title: '• Riverbend draft — Ordwright',
        documentEdited: true,
        representedFilename: '',
      });
      expect(windowTitle({ name: 'Riverbend draft', path: null, dirty: false }, platform).title).toBe('Riverbend draft — Ordwright');
    }
  });

  it('macOS: the name alone, the close button’s dot, and the proxy icon for a saved file', () => {
    expect(windowTitle({ name: 'Riverbend', path: '/Users/c/Riverbend.ordinance.json', dirty: true }, 'darwin')).toEqual({
      title: 'Riverbend',
      documentEdited: true,
      representedFilename: '/Users/c/Riverbend.ordinance.json',
    });
    expect(windowTitle({ name: 'Untitled ordinance', path: null, dirty: false }, 'darwin')).toEqual({ title: 'Untitled ordinance', documentEdited: false, representedFilename: '' });
  });

  it('before the renderer reports, the app name; control characters and overlong names are tidied', () => {
    expect(windowTitle(null, 'linux')).toEqual({ title: 'Ordwright', documentEdited: false, representedFilename: '' });
    expect(windowTitle({ name: 'a\tb\nc', path: null, dirty: false }, 'linux').title).toBe('a b c — Ordwright');
    expect(windowTitle({ name: '\u0007', path: null, dirty: false }, 'linux').title).toBe('Untitled — Ordwright');
    const long = windowTitle({ name: 'x'.repeat(500), path: null, dirty: false }, 'darwin').title;
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });
});
