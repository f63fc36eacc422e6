import { describe, expect, it } from 'vitest';
import { clausePackDialog, confirmReplaceDialog, exportDialog, openProjectDialog, saveProjectDialog, unansweredCloseDialog } from '../../electron/dialogs';

describe('electron/dialogs', () => {
  it('Open filters to *.ordinance.json on Windows and Linux; on macOS (last extension only) to json', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const o = openProjectDialog(platform, null);
      expect(o.filters![0]!.extensions).toEqual(['ordinance.json']);
      expect(o.properties).toEqual(['openFile']);
    }
    expect(openProjectDialog('darwin', '/Users/c/Drafts')).toMatchObject({ defaultPath: '/Users/c/Drafts', filters: [{ extensions: ['json'] }] });
  });

  it('Save starts in the given folder with the suggested name, and asks before overwriting', () => {
    expect(saveProjectDialog('linux', '/home/c/Documents', 'Town.ordinance.json')).toMatchObject({
      defaultPath: '/home/c/Documents/Town.ordinance.json',
      filters: [{ extensions: ['ordinance.json'] }],
      properties: expect.arrayContaining(['showOverwriteConfirmation', 'createDirectory']),
    });
    expect(saveProjectDialog('win32', 'C:\\Users\\c\\Documents', 'Town.ordinance.json').defaultPath).toBe('C:\\Users\\c\\Documents\\Town.ordinance.json');
    // the macOS panel would add ".json" for a filter; the name is completed by files.ts instead
    expect(saveProjectDialog('darwin', '/Users/c', 'Town.ordinance.json').filters).toEqual([]);
  });

  it('exports: Word, PDF and clause packs, each with its own filter', () => {
    expect(exportDialog('linux', '/d', 'a.docx', 'docx').filters).toEqual([{ name: 'Word document', extensions: ['docx'] }]);
    expect(exportDialog('linux', '/d', 'a.pdf', 'pdf').filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(exportDialog('linux', null, 'a.zip', 'zip').defaultPath).toBe('a.zip');
  });

  it('clause packs: a file (zip or YAML) or a folder', () => {
    expect(clausePackDialog('file')).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['zip', 'yaml', 'yml'] }] });
    expect(clausePackDialog('folder').properties).toEqual(['openDirectory']);
  });

  it('questions default to the safe answer', () => {
    const replace = confirmReplaceDialog('/d/Town.ordinance.json', 'linux');
    expect(replace.buttons![replace.defaultId!]).toBe('Cancel');
    expect(replace.message).toContain('Town.ordinance.json');
    const close = unansweredCloseDialog('Town');
    expect(close.buttons![close.cancelId!]).toBe('Keep Waiting');
    expect(close.buttons![0]).toBe('Close Anyway');
  });
});
