import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { canInsertClause, insertClause } from '../../core/document/commands';
import type { Library } from '../../core/library/library';
import type { Profile } from '../../core/schema';

/**
 * Dragging a clause from the library into the editor. The library list puts the clause
 * and variant on the drag under CLAUSE_MIME; this plugin takes the drop, moves the
 * cursor to where the drop landed and runs core's insertClause there (a section goes
 * after the section it was dropped in, a definition into the definitions section, a
 * finding among the recitals), as one undoable step. A refused insertion (a conflict)
 * changes nothing and is reported through `onMessage`.
 */

export const CLAUSE_MIME = 'application/x-ordwright-clause';

export interface ClauseDrag {
  clause: string;
  variant: string;
}

export function clauseDragData(d: ClauseDrag): string {
  return JSON.stringify({ clause: d.clause, variant: d.variant });
}

/** The clause on a drag, or null (another kind of drag, or malformed data). */
export function readClauseDrag(data: DataTransfer | null): ClauseDrag | null {
  if (!data || ![...data.types].includes(CLAUSE_MIME)) return null;
  try {
    const v = JSON.parse(data.getData(CLAUSE_MIME)) as unknown;
    if (v && typeof v === 'object' && typeof (v as ClauseDrag).clause === 'string' && typeof (v as ClauseDrag).variant === 'string') {
      return { clause: (v as ClauseDrag).clause, variant: (v as ClauseDrag).variant };
    }
  } catch {
    // not ours after all
  }
  return null;
}

function hasClause(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes(CLAUSE_MIME);
}

/** Insert a dragged clause at document position `pos` (the drop point). */
export function dropClause(view: EditorView, library: Library, profile: Profile, pos: number, d: ClauseDrag, onMessage?: (m: string) => void): boolean {
  const check = canInsertClause(view.state, library, d.clause, d.variant, profile);
  if (!check.ok) {
    onMessage?.(`Not inserted: ${check.reason ?? 'the clause cannot go into this ordinance'}.`);
    return false;
  }
  // a selection-only step first (the history does not record it), then the insertion
  const at = Math.max(0, Math.min(pos, view.state.doc.content.size));
  view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at))));
  const ok = insertClause(library, d.clause, d.variant, profile)(view.state, view.dispatch);
  const clause = library.clauseById.get(d.clause);
  if (ok) {
    view.focus();
    onMessage?.(`Inserted “${clause?.title ?? d.clause}”.` + (check.warnings.length ? ` Note: ${check.warnings.join('; ')}.` : ''));
  } else onMessage?.(`Not inserted: “${clause?.title ?? d.clause}” has no place where it was dropped.`);
  return ok;
}

export function clauseDropPlugin(library: Library, getProfile: () => Profile, onMessage?: (message: string) => void): Plugin {
  return new Plugin({
    props: {
      handleDOMEvents: {
        dragover(_view, e) {
          if (hasClause(e) && e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          return false;
        },
      },
      handleDrop(view, event) {
        const d = readClauseDrag(event.dataTransfer);
        if (!d) return false;
        if (!view.editable) return true;
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        if (!at) return true;
        dropClause(view, library, getProfile(), at.pos, d, onMessage);
        return true;
      },
    },
  });
}
