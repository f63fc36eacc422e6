import { memo, useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Library } from '../../core/library/library';
import type { Clause, JurisdictionKind, Strength, Topic, Variant } from '../../core/schema';
import { useWorkspace } from '../workspace/context';
import { ClauseText } from './ClauseText';
import { CLAUSE_MIME, clauseDragData } from './drop';
import { checkInsert, insertFromLibrary } from './insert';
import { searchLibrary, type LibraryFilters, type LibraryHit } from './search';
import { CATEGORY_LABEL, KIND_LABEL, plural, StrengthBadge, STRENGTH_LABEL, TOPIC_LABEL } from './shared';
import './panels.css';

const KIND_OF_CLAUSE: Record<Clause['kind'], string> = {
  section: 'Section',
  definitions: 'Definitions section',
  definition: 'Definition',
  finding: 'Finding',
  enacting: 'Enacting clause',
  adoption: 'Adoption block',
};

interface Active {
  clause: string;
  variant: string;
}

function optionId(base: string, a: Active): string {
  return `${base}-${a.clause}--${a.variant}`;
}

/** Routes whose elements a variant declares, with the element statements: what inserting it closes. */
function closesOf(library: Library, variant: Variant): { route: string; title: string; items: { statement: string; level: string }[] }[] {
  const byRoute = new Map<string, { route: string; title: string; items: { statement: string; level: string }[] }>();
  for (const [ref, level] of Object.entries(variant.satisfies)) {
    const [routeId, elementId] = ref.split('.') as [string, string];
    const route = library.routeById.get(routeId);
    const element = route?.elements.find((e) => e.id === elementId);
    const entry = byRoute.get(routeId) ?? byRoute.set(routeId, { route: routeId, title: route?.title ?? routeId, items: [] }).get(routeId)!;
    entry.items.push({ statement: element?.statement ?? ref, level });
  }
  return [...byRoute.values()];
}

/**
 * The clause library: search and filters, a list of clauses with their variants
 * (arrow keys move, Enter inserts, drag into the editor), and a preview of the chosen
 * variant with its text, trade-offs, commentary and sources.
 */
export function LibraryPanel() {
  const w = useWorkspace();
  const { library, profile } = w;
  const base = useId().replace(/:/g, '');
  const [filters, setFilters] = useState<LibraryFilters>(() => ({ query: '', route: '', topic: '', strength: '', kind: profile.kind }));
  // the jurisdiction filter follows the profile's kind (a new project for a county lists county clauses)
  const [kindSeen, setKindSeen] = useState(profile.kind);
  if (kindSeen !== profile.kind) {
    setKindSeen(profile.kind);
    if (filters.kind === kindSeen) setFilters((f) => ({ ...f, kind: profile.kind }));
  }
  const deferred = useDeferredValue(filters);
  const hits = useMemo(() => searchLibrary(library, deferred), [library, deferred]);
  const flat = useMemo(() => hits.flatMap((h) => h.variants.map((v) => ({ clause: h.clause.id, variant: v.id }))), [hits]);
  const [active, setActive] = useState<Active | null>(null);
  const [outcome, setOutcome] = useState<{ key: string; ok: boolean; message: string } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // the active option stays one that is listed
  const current = active && flat.some((a) => a.clause === active.clause && a.variant === active.variant) ? active : (flat[0] ?? null);

  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  // stable, so the memoised clause rows do not re-render on every keystroke in the editor
  const wRef = useRef(w);
  useLayoutEffect(() => {
    wRef.current = w;
  });
  const insert = useCallback((a: Active) => {
    const r = insertFromLibrary(wRef.current, a.clause, a.variant);
    setOutcome({ key: `${a.clause}/${a.variant}`, ...r });
  }, []);

  // keep the active option in view, scrolling the list only (never the sidebar or the page)
  useEffect(() => {
    const list = listRef.current;
    const el = current ? document.getElementById(optionId(base, current)) : null;
    if (!list || !el) return;
    const top = el.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    const group = el.closest('.owp-lib-clause');
    // the clause title above the first variant stays visible too
    const from = group && group.firstElementChild === el.previousElementSibling ? top - (el.previousElementSibling as HTMLElement).offsetHeight : top;
    if (from < list.scrollTop) list.scrollTop = from;
    else if (top + el.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + el.offsetHeight - list.clientHeight;
  }, [base, current]);

  const move = (delta: number | 'first' | 'last') => {
    if (flat.length === 0) return;
    const i = current ? flat.findIndex((a) => a.clause === current.clause && a.variant === current.variant) : -1;
    const next = delta === 'first' ? 0 : delta === 'last' ? flat.length - 1 : Math.min(flat.length - 1, Math.max(0, i + delta));
    setActive(flat[next]!);
  };

  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Home') move('first');
    else if (e.key === 'End') move('last');
    else if (e.key === 'PageDown') move(8);
    else if (e.key === 'PageUp') move(-8);
    else if (e.key === 'Enter' && current) insert(current);
    else return;
    e.preventDefault();
  };

  const hitOf = current ? hits.find((h) => h.clause.id === current.clause) : undefined;
  const count = hits.reduce((n, h) => n + h.variants.length, 0);

  return (
    <div className="owp-library" data-testid="library-panel">
      <div className="owp-library-controls">
        <input
          className="ow-search"
          type="search"
          placeholder="Search clauses"
          title="Words in the title, text, commentary, sources or route names"
          aria-label="Search clauses"
          value={filters.query}
          onChange={(e) => set('query', e.target.value)}
          onKeyDown={(e) => {
            // down, or Enter, moves into the list; Enter there inserts
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              listRef.current?.focus();
            }
          }}
        />
        <div className="owp-filters">
          <label>
            <span>Route</span>
            <select value={filters.route} onChange={(e) => set('route', e.target.value)}>
              <option value="">Any route</option>
              {Object.entries(CATEGORY_LABEL).map(([cat, label]) => (
                <optgroup key={cat} label={label}>
                  {library.routes
                    .filter((r) => r.category === cat)
                    .map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <FilterSelect label="Topic" any="Any topic" value={filters.topic} options={TOPIC_LABEL} onChange={(v) => set('topic', v as Topic | '')} />
          <FilterSelect label="Strength" any="Any strength" value={filters.strength} options={STRENGTH_LABEL} onChange={(v) => set('strength', v as Strength | '')} />
          <FilterSelect label="Written for" any="Any jurisdiction" value={filters.kind} options={KIND_LABEL} onChange={(v) => set('kind', v as JurisdictionKind | '')} />
        </div>
        <p className="owp-count" role="status" aria-live="polite">
          {hits.length === 0 ? 'No clause matches' : `${plural(hits.length, 'clause')}, ${plural(count, 'variant')}`}
        </p>
      </div>

      <div
        ref={listRef}
        className="owp-lib-list"
        role="listbox"
        tabIndex={0}
        aria-label="Clauses"
        aria-activedescendant={current ? optionId(base, current) : undefined}
        onKeyDown={onListKey}
        data-testid="library-list"
      >
        {hits.map((h) => (
          <ClauseGroup key={h.clause.id} hit={h} base={base} active={current?.clause === h.clause.id ? current.variant : null} onPick={setActive} onInsert={insert} />
        ))}
      </div>

      {current && hitOf ? (
        <Preview
          key={current.clause}
          clause={hitOf.clause}
          variantId={current.variant}
          onVariant={(v) => setActive({ clause: current.clause, variant: v })}
          onInsert={() => insert(current)}
          outcome={outcome && outcome.key === `${current.clause}/${current.variant}` ? outcome : null}
        />
      ) : null}
    </div>
  );
}

const ClauseGroup = memo(function ClauseGroup({
  hit,
  base,
  active,
  onPick,
  onInsert,
}: {
  hit: LibraryHit;
  base: string;
  active: string | null;
  onPick: (a: Active) => void;
  onInsert: (a: Active) => void;
}) {
  const c = hit.clause;
  const titleId = `${base}-${c.id}-title`;
  return (
    <div role="group" aria-labelledby={titleId} className="owp-lib-clause">
      <div className="owp-lib-clause-title">
        <span id={titleId}>{c.title}</span>
        <span className="owp-lib-meta">
          {KIND_OF_CLAUSE[c.kind]} · {TOPIC_LABEL[c.topic]}
        </span>
      </div>
      {hit.variants.map((v) => {
        const a = { clause: c.id, variant: v.id };
        return (
          <div
            key={v.id}
            id={optionId(base, a)}
            role="option"
            aria-selected={active === v.id}
            aria-label={`${v.label} variant, ${STRENGTH_LABEL[v.strength].toLowerCase()} strength, of ${c.title}`}
            className="owp-lib-variant"
            draggable
            title="Click to preview; double-click or Enter to insert at the cursor; drag into the ordinance to place it"
            onClick={() => onPick(a)}
            onDoubleClick={() => onInsert(a)}
            onDragStart={(e) => {
              e.dataTransfer.setData(CLAUSE_MIME, clauseDragData(a));
              e.dataTransfer.setData('text/plain', `${c.title} (${v.label})`);
              e.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <span className="owp-lib-variant-label">{v.label}</span>
            <StrengthBadge strength={v.strength} />
          </div>
        );
      })}
    </div>
  );
});

function Preview({
  clause,
  variantId,
  onVariant,
  onInsert,
  outcome,
}: {
  clause: Clause;
  variantId: string;
  onVariant: (id: string) => void;
  onInsert: () => void;
  outcome: { ok: boolean; message: string } | null;
}) {
  const w = useWorkspace();
  const { library, profile } = w;
  const variant = clause.variants.find((v) => v.id === variantId) ?? clause.variants[0]!;
  const { state, view, readOnly } = w;
  // recomputed when the document changes: a conflict shows as soon as the other clause is in
  const check = useMemo(
    () => checkInsert({ state, view, library, profile, readOnly }, clause.id, variant.id),
    [state, view, library, profile, readOnly, clause.id, variant.id],
  );
  const closes = useMemo(() => closesOf(library, variant), [library, variant]);
  const headingId = useId();
  return (
    <section className="owp-preview" aria-labelledby={headingId} data-testid="library-preview">
      <header className="owp-preview-head">
        <h3 id={headingId}>{clause.title}</h3>
        <p className="owp-lib-meta">
          {KIND_OF_CLAUSE[clause.kind]} · {TOPIC_LABEL[clause.topic]} · for {clause.suits.map((k) => KIND_LABEL[k].toLowerCase()).join(', ')}
        </p>
      </header>
      {clause.variants.length > 1 ? (
        <div className="owp-variant-tabs" role="group" aria-label="Variants">
          {clause.variants.map((v) => (
            <button key={v.id} type="button" className="owp-chip-btn" aria-pressed={v.id === variant.id} onClick={() => onVariant(v.id)}>
              {v.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className="owp-preview-actions">
        <button type="button" className="ow-btn ow-btn-small ow-btn-primary" onClick={onInsert} disabled={w.readOnly}>
          Insert at cursor
        </button>
        <StrengthBadge strength={variant.strength} />
      </div>
      {outcome ? (
        <p className={outcome.ok ? 'owp-note owp-note-ok' : 'owp-note owp-note-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      ) : !check.ok ? (
        <p className="owp-note owp-note-error">Cannot be inserted: {check.reason}.</p>
      ) : check.warnings.length > 0 ? (
        <ul className="owp-note owp-note-warn">
          {check.warnings.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      ) : null}

      <ClauseText clause={clause} variant={variant} library={library} profile={profile} />

      <h4>Trade-offs of this variant</h4>
      <p>{variant.tradeoffs}</p>
      {closes.length > 0 ? (
        <>
          <h4>Closes</h4>
          <ul className="owp-closes">
            {closes.map((r) => (
              <li key={r.route}>
                <strong>{r.title}</strong>
                <ul>
                  {r.items.map((it) => (
                    <li key={it.statement}>
                      {it.statement} <span className="owp-lib-meta">({it.level === 'full' ? 'fully' : 'in part'})</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="owp-commentary" open>
        <summary>Commentary</summary>
        <h4>What it does</h4>
        <p>{clause.commentary.does}</p>
        <h4>Trade-offs</h4>
        <p>{clause.commentary.tradeoffs}</p>
        <h4>Risks</h4>
        <p>{clause.commentary.risks}</p>
      </details>
      <SourceList title="Modelled on" sources={clause.modelledOn} />
      <SourceList title="Sources" sources={clause.sources} />
      {clause.requires.length > 0 || clause.conflicts.length > 0 ? (
        <>
          <h4>Relations</h4>
          <ul className="owp-sources">
            {clause.requires.filter((r) => library.clauseById.get(r)?.kind !== 'definition').length > 0 ? (
              <li>
                Requires:{' '}
                {clause.requires
                  .filter((r) => library.clauseById.get(r)?.kind !== 'definition')
                  .map((r) => library.clauseById.get(r)?.title ?? r)
                  .join('; ')}
              </li>
            ) : null}
            {clause.requires.some((r) => library.clauseById.get(r)?.kind === 'definition') ? (
              <li>
                Uses the defined terms:{' '}
                {clause.requires
                  .map((r) => library.clauseById.get(r))
                  .filter((c) => c?.kind === 'definition')
                  .map((c) => (c!.term ?? c!.id).replace(/-/g, ' '))
                  .join(', ')}{' '}
                <span className="owp-lib-meta">(added to the definitions section with it)</span>
              </li>
            ) : null}
            {clause.conflicts.length > 0 ? <li>Conflicts with: {clause.conflicts.map((r) => library.clauseById.get(r)?.title ?? r).join('; ')}</li> : null}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** One labelled filter: "Any ..." or one of the labelled values. */
function FilterSelect(props: { label: string; any: string; value: string; options: Record<string, string>; onChange: (value: string) => void }) {
  return (
    <label>
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.any}</option>
        {Object.entries(props.options).map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Citations with their notes, under a heading; nothing when there are none. */
function SourceList({ title, sources }: { title: string; sources: readonly { citation: string; note?: string }[] }) {
  if (sources.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="owp-sources">
        {sources.map((s) => (
          <li key={s.citation}>
            {s.citation}
            {s.note ? <span className="owp-lib-meta"> — {s.note}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
