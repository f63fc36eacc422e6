import { describe, expect, it } from 'vitest';
import { MenuAction } from '../../core/host';
import { buildContextMenuTemplate, type ContextParams } from '../../electron/context-menu';

const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
const editable: ContextParams = { isEditable: true, selectionText: '', editFlags: flags };

describe('electron/context-menu', () => {
  it('in the editor: cut, copy, paste, insert cross-reference, show definition, save to my library, select all', () => {
    const t = buildContextMenuTemplate(editable);
    expect(t.filter((i) => i.type !== 'separator').map((i) => i.role ?? i.action)).toEqual([
      'cut',
      'copy',
      'paste',
      'insert-cross-reference',
      'show-definition',
      'save-to-user-library',
      'selectAll',
    ]);
    for (const i of t) if (i.action) expect(MenuAction.options).toContain(i.action);
  });

  it('clipboard items follow what Chromium says is possible', () => {
    const t = buildContextMenuTemplate({ ...editable, editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } });
    expect(t.find((i) => i.role === 'cut')!.enabled).toBe(false);
    expect(t.find((i) => i.role === 'copy')!.enabled).toBe(false);
    expect(t.find((i) => i.role === 'paste')!.enabled).toBe(true);
  });

  it('outside the editor: Copy when text is selected, otherwise no menu at all', () => {
    expect(buildContextMenuTemplate({ isEditable: false, selectionText: 'fusion center', editFlags: flags }).map((i) => i.role)).toEqual(['copy']);
    expect(buildContextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags: flags })).toEqual([]);
  });
});
