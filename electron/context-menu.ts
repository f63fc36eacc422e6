import type { MenuItemSpec } from './menu';

/**
 * The editor's context menu, as data (main.ts builds an Electron Menu from it on the
 * web contents' 'context-menu' event). Clipboard items are Electron roles, so they act
 * on whatever has focus; the editor's own items send menu events to the renderer,
 * which knows where the cursor is (the term under it, the section to refer to).
 */

/** The parts of Electron's ContextMenuParams the menu depends on. */
export interface ContextParams {
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export function buildContextMenuTemplate(params: ContextParams): MenuItemSpec[] {
  const f = params.editFlags;
  const hasSelection = params.selectionText.trim() !== '';
  if (!params.isEditable) {
    // outside the editor (a panel, a report): copying what is selected is all there is
    return hasSelection ? [{ id: 'ctx.copy', label: '&Copy', role: 'copy', enabled: f.canCopy }] : [];
  }
  return [
    { id: 'ctx.cut', label: 'Cu&t', role: 'cut', enabled: f.canCut },
    { id: 'ctx.copy', label: '&Copy', role: 'copy', enabled: f.canCopy },
    { id: 'ctx.paste', label: '&Paste', role: 'paste', enabled: f.canPaste },
    { id: 'ctx.sep1', type: 'separator' },
    { id: 'ctx.xref', label: 'Insert Cross-&Reference…', action: 'insert-cross-reference' },
    { id: 'ctx.definition', label: 'Show &Definition', action: 'show-definition' },
    { id: 'ctx.sep2', type: 'separator' },
    { id: 'ctx.saveClause', label: 'Save Section to &My Library…', action: 'save-to-user-library' },
    { id: 'ctx.sep3', type: 'separator' },
    { id: 'ctx.selectAll', label: 'Select &All', role: 'selectAll', enabled: f.canSelectAll },
  ];
}
