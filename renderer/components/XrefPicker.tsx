import { useId, useMemo, useRef, useState } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import { numberDocument } from '../../core/document/numbering';
import { placeholderText, type ProfileValues } from '../../core/document/placeholders';
import { Modal } from './Modal';

export interface XrefTarget {
  id: string;
  /** "Section 4(b)(2)" */
  label: string;
  kind: 'section' | 'provision';
  level: number;
  /** The heading of a section, the first words of a provision. */
  text: string;
}

function excerpt(node: PMNode | null | undefined, profile: ProfileValues, max = 90): string {
  if (!node) return '';
  // a section's heading, a provision's own paragraph
  const block = node.firstChild;
  const leaf = (n: PMNode) => (n.type.name === 'placeholder' ? placeholderText(profile, n.attrs.key as string) : n.type.name === 'xref' ? '[reference]' : ' ');
  const t = (block?.textBetween(0, block.content.size, ' ', leaf) ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/** Every section and provision a cross-reference can point to, in document order. */
export function xrefTargets(doc: PMNode, profile: ProfileValues = null): XrefTarget[] {
  const n = numberDocument(doc);
  const out: XrefTarget[] = [];
  for (const l of [...n.byPos.values()].sort((a, b) => a.pos - b.pos)) {
    if (!l.id) continue;
    // an unlettered sole provision is the section's own text: refer to the section
    if (l.kind === 'provision' && !l.own) continue;
    out.push({ id: l.id, label: l.full, kind: l.kind, level: l.level, text: excerpt(doc.nodeAt(l.pos), profile) });
  }
  return out;
}

/**
 * Mod-K: insert a cross-reference. Type to filter by number or words, arrow keys to
 * choose, Enter to insert at the cursor. The link shows the target's computed label
 * and follows it when sections and provisions move.
 */
export function XrefPicker({ doc, profile, onPick, onCancel }: { doc: PMNode; profile: ProfileValues; onPick: (id: string) => void; onCancel: () => void }) {
  const targets = useMemo(() => xrefTargets(doc, profile), [doc, profile]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return targets;
    return targets.filter((t) => {
      const hay = `${t.label} ${t.text}`.toLowerCase().replace(/\s+/g, ' ');
      const compact = t.label.toLowerCase().replace(/\s+/g, '');
      return words.every((w) => hay.includes(w) || compact.includes(w));
    });
  }, [targets, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const move = (to: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, to));
    setActive(next);
    list.current?.querySelector(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Modal
      title="Insert cross-reference"
      testId="xref-picker"
      wide
      onCancel={onCancel}
      onSubmit={() => {
        const t = shown[current];
        if (t) onPick(t.id);
      }}
      actions={
        <>
          <button type="button" className="ow-btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="ow-btn ow-btn-primary" disabled={shown.length === 0}>
            Insert
          </button>
        </>
      }
    >
      <label className="ow-field">
        <span>Refer to</span>
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
          aria-autocomplete="list"
          placeholder="Type a number or words, e.g. “4(b)” or “retention”"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(current + 1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(current - 1);
            } else if (e.key === 'PageDown') {
              e.preventDefault();
              move(current + 8);
            } else if (e.key === 'PageUp') {
              e.preventDefault();
              move(current - 8);
            }
          }}
        />
      </label>
      <ul ref={list} id={listId} className="ow-xref-list" role="listbox" aria-label="Sections and provisions">
        {shown.map((t, i) => (
          <li
            key={t.id}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-selected={i === current}
            className={`ow-xref-option ow-xref-level-${Math.min(t.level, 4)}`}
            onMouseMove={() => setActive(i)}
            onClick={() => onPick(t.id)}
          >
            <span className="ow-xref-option-label">{t.label}</span>
            <span className="ow-xref-option-text">{t.text || (t.kind === 'section' ? 'Untitled section' : 'Empty provision')}</span>
          </li>
        ))}
        {shown.length === 0 ? <li className="ow-hint ow-xref-none">Nothing matches “{query}”.</li> : null}
      </ul>
    </Modal>
  );
}
