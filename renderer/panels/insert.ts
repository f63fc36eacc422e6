import type { EditorState } from 'prosemirror-state';
import { canInsertClause, insertClause, planSwapVariant, type InsertCheck } from '../../core/document/commands';
import type { Provenance } from '../../core/document/schema';
import type { Workspace } from '../workspace/context';

/** The freshest editor state: the view's (it may be a frame ahead of React's copy). */
export function currentState(w: Pick<Workspace, 'state' | 'view'>): EditorState | null {
  const v = w.view;
  return v && !v.isDestroyed ? v.state : w.state;
}

export interface InsertOutcome {
  ok: boolean;
  /** What to tell the drafter: why it was refused, or what was inserted and any warnings. */
  message: string;
}

/** Would the clause go in? (conflicts block; unmet requirements warn). */
export function checkInsert(w: Pick<Workspace, 'state' | 'view' | 'library' | 'profile' | 'readOnly'>, clauseId: string, variantId: string): InsertCheck {
  if (w.readOnly) return { ok: false, reason: 'this ordinance is open for review only', warnings: [] };
  const state = currentState(w);
  if (!state) return { ok: false, reason: 'the editor is not ready yet', warnings: [] };
  return canInsertClause(state, w.library, clauseId, variantId, w.profile);
}

/**
 * Insert a clause variant at the cursor through the workspace's dispatch (one undoable
 * step), or say why not. The drafter hears the outcome through notify either way.
 */
export function insertFromLibrary(w: Workspace, clauseId: string, variantId: string): InsertOutcome {
  const clause = w.library.clauseById.get(clauseId);
  const variant = clause?.variants.find((v) => v.id === variantId);
  const name = clause ? `“${clause.title}” (${variant?.label ?? variantId})` : `“${clauseId}”`;
  const check = checkInsert(w, clauseId, variantId);
  if (!check.ok) {
    const message = `Not inserted: ${check.reason ?? 'the clause cannot go into this ordinance'}.`;
    w.notify(message);
    return { ok: false, message };
  }
  const state = currentState(w)!;
  const done = insertClause(w.library, clauseId, variantId, w.profile)(state, w.dispatch);
  if (!done) {
    const message = `Not inserted: ${name} has no place in the ordinance at the cursor.`;
    w.notify(message);
    return { ok: false, message };
  }
  const message = `Inserted ${name}.` + (check.warnings.length > 0 ? ` Note: ${check.warnings.join('; ')}.` : '');
  w.notify(message);
  return { ok: true, message };
}

/** Where a library clause already is in the document: the node ids of its instances and their variants. */
export function instancesOf(state: EditorState, clauseId: string): { id: string; variant: string }[] {
  const out: { id: string; variant: string }[] = [];
  state.doc.descendants((node) => {
    const prov = node.attrs.prov as Provenance | null | undefined;
    if (prov && prov.clause === clauseId && typeof node.attrs.id === 'string' && node.attrs.id) out.push({ id: node.attrs.id, variant: prov.variant });
    return !node.isTextblock;
  });
  return out;
}

export type UseOutcome =
  | { kind: 'done'; message: string }
  | { kind: 'refused'; message: string }
  /** A swap would discard the drafter's edits: ask, then call again with force. */
  | { kind: 'confirm'; message: string }
  /** The same variant is in the draft already (edited): go there instead. */
  | { kind: 'present'; message: string; nodeId: string };

/**
 * Use a suggested clause variant: insert it when the clause is not in the draft; swap
 * the variant in place when another variant of it is (so the draft does not get the
 * clause twice), asking first when the swap would discard the drafter's edits.
 */
export function applySuggestion(w: Workspace, clauseId: string, variantId: string, opts: { force?: boolean } = {}): UseOutcome {
  const state = currentState(w);
  if (!state) return { kind: 'refused', message: 'The editor is not ready yet.' };
  if (w.readOnly) return { kind: 'refused', message: 'This ordinance is open for review only.' };
  const present = instancesOf(state, clauseId);
  if (present.length === 0) {
    const r = insertFromLibrary(w, clauseId, variantId);
    return r.ok ? { kind: 'done', message: r.message } : { kind: 'refused', message: r.message };
  }
  const clause = w.library.clauseById.get(clauseId);
  const variant = clause?.variants.find((v) => v.id === variantId);
  const same = present.find((p) => p.variant === variantId);
  if (same) {
    return {
      kind: 'present',
      nodeId: same.id,
      message: `The ${variant?.label.toLowerCase() ?? variantId} variant of “${clause?.title ?? clauseId}” is already in the draft, edited: restore its library text there (or undo the edit).`,
    };
  }
  const target = present[0]!;
  const plan = planSwapVariant(state, w.library, target.id, variantId, opts);
  if (plan.status === 'swapped') {
    w.dispatch(plan.tr);
    const message = `Swapped “${clause?.title ?? clauseId}” to its ${variant?.label.toLowerCase() ?? variantId} variant${plan.keptHeading ? ' (your heading kept)' : ''}.`;
    w.notify(message);
    return { kind: 'done', message };
  }
  if (plan.status === 'edited') return { kind: 'confirm', message: `Swapping to the ${variant?.label.toLowerCase() ?? variantId} variant would discard your edits to ${plan.changed.join(', ')}.` };
  w.notify(`Not swapped: ${plan.message}.`);
  return { kind: 'refused', message: `Not swapped: ${plan.message}.` };
}
