import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import { numberDocument } from '../../core/document/numbering';

export interface OutlineEntry {
  id: string;
  pos: number;
  /** "Section 4." (or the number an imported document printed) */
  label: string;
  heading: string;
  role: string;
}

/** The sections of the document, numbered as the view shows them. */
export function outlineOf(doc: PMNode): OutlineEntry[] {
  return numberDocument(doc).sections.map((s) => {
    const node = doc.nodeAt(s.pos);
    return {
      id: s.id,
      pos: s.pos,
      label: s.own,
      heading: node?.firstChild?.textContent.trim() ?? '',
      role: (node?.attrs.role as string | undefined) ?? 'operative',
    };
  });
}

const SECTION_MIME = 'application/x-ordwright-section';

const Row = memo(function Row({
  entry,
  index,
  dropAt,
  readOnly,
  onGoTo,
  onMove,
  onDragStart,
  onDragOverRow,
  onDrop,
  onDragEnd,
}: {
  entry: OutlineEntry;
  index: number;
  /** 'before' | 'after' when a dragged section would land next to this row. */
  dropAt: 'before' | 'after' | null;
  readOnly: boolean;
  onGoTo: (id: string) => void;
  onMove: (id: string, dir: 'up' | 'down') => void;
  onDragStart: (id: string) => void;
  onDragOverRow: (index: number, where: 'before' | 'after') => void;
  onDrop: () => void;
  onDragEnd: () => void;
}) {
  return (
    <li
      className={`ow-outline-row${dropAt ? ` ow-drop-${dropAt}` : ''}`}
      draggable={!readOnly}
      data-section-id={entry.id}
      onDragStart={(e) => {
        e.dataTransfer.setData(SECTION_MIME, entry.id);
        e.dataTransfer.setData('text/plain', `${entry.label} ${entry.heading}`);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(entry.id);
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(SECTION_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        const r = e.currentTarget.getBoundingClientRect();
        onDragOverRow(index, e.clientY < r.top + r.height / 2 ? 'before' : 'after');
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes(SECTION_MIME)) return;
        e.preventDefault();
        onDrop();
      }}
      onDragEnd={onDragEnd}
    >
      <button
        type="button"
        className="ow-outline-item"
        data-testid="outline-item"
        aria-describedby="ow-outline-help"
        onClick={() => onGoTo(entry.id)}
        onKeyDown={(e) => {
          if (!e.altKey || readOnly) return;
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            onMove(entry.id, e.key === 'ArrowUp' ? 'up' : 'down');
          }
        }}
      >
        {/^Section \d+[A-Za-z]?\.$/.test(entry.label) ? (
          <span className="ow-outline-num">
            <span className="ow-visually-hidden">Section </span>
            {entry.label.slice(8, -1)}
          </span>
        ) : (
          <span className="ow-outline-num">{entry.label}</span>
        )}
        <span className={entry.heading ? 'ow-outline-heading' : 'ow-outline-heading ow-muted'}>{entry.heading || 'Untitled section'}</span>
      </button>
    </li>
  );
});

/**
 * The outline: every section by number and heading. Click to go there; drag a section
 * (or Alt+Up / Alt+Down on it) to move it: the move is core's moveSection, so the
 * numbers and every cross-reference follow, and one undo puts it back.
 */
export function Outline({
  doc,
  readOnly,
  onGoTo,
  onStep,
  onDrop,
}: {
  doc: PMNode | null;
  readOnly: boolean;
  onGoTo: (id: string) => void;
  /** Move the section one place up or down; false when it cannot move. */
  onStep: (id: string, dir: 'up' | 'down') => boolean;
  /** Move the section before or after another one; false when it cannot move. */
  onDrop: (id: string, targetId: string, where: 'before' | 'after') => boolean;
}) {
  const entries = useMemo(() => (doc ? outlineOf(doc) : []), [doc]);
  const [dragId, setDragId] = useState<string | null>(null);
  const [over, setOver] = useState<{ index: number; where: 'before' | 'after' } | null>(null);
  const [announce, setAnnounce] = useState('');
  const refocus = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const labelId = useId();

  useEffect(() => {
    // after a keyboard move, focus stays on the moved section
    const id = refocus.current;
    if (!id) return;
    refocus.current = null;
    list.current?.querySelector<HTMLButtonElement>(`li[data-section-id="${CSS.escape(id)}"] button`)?.focus();
  }, [entries]);

  const moved = (id: string, how: string) => {
    refocus.current = id;
    const heading = entries.find((e) => e.id === id)?.heading || 'Untitled section';
    setAnnounce(`“${heading}” moved ${how}.`);
  };

  const step = (id: string, dir: 'up' | 'down') => {
    if (onStep(id, dir)) moved(id, dir);
  };

  const drop = () => {
    const target = over ? entries[over.index] : undefined;
    if (dragId && over && target && target.id !== dragId && onDrop(dragId, target.id, over.where)) moved(dragId, `${over.where} “${target.heading || 'Untitled section'}”`);
    setDragId(null);
    setOver(null);
  };

  if (!doc) return null;
  return (
    <nav aria-labelledby={labelId} className="ow-outline-nav">
      <h2 id={labelId} className="ow-visually-hidden">
        Outline
      </h2>
      <p id="ow-outline-help" className="ow-visually-hidden">
        Enter goes to the section. Alt+Up and Alt+Down move it.
      </p>
      <ol ref={list} className="ow-outline" data-testid="outline" onDragLeave={(e) => e.currentTarget === e.target && setOver(null)}>
        {entries.map((s, i) => (
          <Row
            key={s.id || s.pos}
            entry={s}
            index={i}
            dropAt={dragId && over?.index === i && dragId !== s.id ? over.where : null}
            readOnly={readOnly}
            onGoTo={onGoTo}
            onMove={step}
            onDragStart={setDragId}
            onDragOverRow={(index, where) => setOver((o) => (o && o.index === index && o.where === where ? o : { index, where }))}
            onDrop={drop}
            onDragEnd={() => {
              setDragId(null);
              setOver(null);
            }}
          />
        ))}
      </ol>
      <p className="ow-hint ow-outline-tip">Drag a section, or press Alt+↑ / Alt+↓ on it, to move it. Numbers and cross-references follow.</p>
      <div className="ow-visually-hidden" aria-live="polite">
        {announce}
      </div>
    </nav>
  );
}
