import { useEffect, useId, useMemo, useRef } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import { resolvePlaceholder } from '../../core/document/placeholders';
import type { ProjectProfile } from '../../core/document/project';
import { PLACEHOLDERS, PLACEHOLDER_KEYS, type JurisdictionKind } from '../../core/schema';
import { placeholderLabel } from '../editor/inline-views';

/**
 * The jurisdiction profile: every placeholder value of the project. A value typed here
 * shows at once in every chip of the ordinance with that key (the chips read the
 * profile; the document never stores the value). The placeholders the ordinance uses
 * come first, the unfilled ones listed at the top.
 */

const countCache = new WeakMap<PMNode, ReadonlyMap<string, number>>();

/** How often each placeholder key occurs in a node (memoised per node, so typing rescans one section). */
function placeholderCounts(node: PMNode): ReadonlyMap<string, number> {
  const hit = countCache.get(node);
  if (hit) return hit;
  const out = new Map<string, number>();
  if (node.type.name === 'placeholder') out.set(node.attrs.key as string, 1);
  else if (!node.isText) {
    node.forEach((child) => {
      for (const [k, n] of placeholderCounts(child)) out.set(k, (out.get(k) ?? 0) + n);
    });
  }
  countCache.set(node, out);
  return out;
}

const KINDS: JurisdictionKind[] = ['city', 'county', 'state'];
const KIND_LABEL: Record<JurisdictionKind, string> = { city: 'City', county: 'County', state: 'State' };

function example(key: string): string {
  const m = /e\.g\.\s*(.*)$/.exec(PLACEHOLDERS[key as keyof typeof PLACEHOLDERS] ?? '');
  return m ? `e.g. ${m[1]}` : '';
}

export function fieldId(key: string): string {
  return `ow-profile-${key}`;
}

export function ProfilePanel({
  profile,
  onChange,
  doc,
  focusKey,
  readOnly,
}: {
  profile: ProjectProfile;
  onChange: (next: ProjectProfile) => void;
  doc: PMNode | null;
  /** A field to focus (set when a chip's "All profile values…" or an unfilled entry asks for it). */
  focusKey: { key: string; n: number } | null;
  readOnly: boolean;
}) {
  const counts = useMemo(() => (doc ? placeholderCounts(doc) : new Map<string, number>()), [doc]);
  const used = PLACEHOLDER_KEYS.filter((k) => counts.has(k));
  const other = PLACEHOLDER_KEYS.filter((k) => !counts.has(k));
  const unknown = [...counts.keys()].filter((k) => !(PLACEHOLDER_KEYS as readonly string[]).includes(k)).sort();
  const unfilled = used.filter((k) => resolvePlaceholder(profile, k) === null);
  const root = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (!focusKey) return;
    const el = root.current?.querySelector<HTMLInputElement>(`#${fieldId(focusKey.key)}`);
    if (el) {
      const details = el.closest('details');
      if (details) details.open = true;
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  }, [focusKey]);

  const setValue = (key: string, value: string) => {
    const values = { ...profile.values };
    if (value === '') delete values[key as keyof typeof values];
    else values[key as keyof typeof values] = value;
    onChange({ ...profile, values });
  };

  const field = (key: string) => {
    const n = counts.get(key) ?? 0;
    const value = profile.values[key as keyof typeof profile.values] ?? '';
    const missing = n > 0 && resolvePlaceholder(profile, key) === null;
    return (
      <div key={key} className={missing ? 'ow-pf-field ow-pf-missing' : 'ow-pf-field'}>
        <label htmlFor={fieldId(key)}>{placeholderLabel(key)}</label>
        <input
          id={fieldId(key)}
          name={key}
          value={value}
          placeholder={example(key)}
          readOnly={readOnly}
          aria-describedby={`${fieldId(key)}-meta`}
          onChange={(e) => setValue(key, e.target.value)}
        />
        <span id={`${fieldId(key)}-meta`} className="ow-pf-meta">
          <code>{key}</code>
          {n > 0 ? ` · used ${n === 1 ? 'once' : `${n} times`}` : ''}
          {missing ? ' · not filled' : ''}
        </span>
      </div>
    );
  };

  return (
    <div ref={root} className="ow-profile" aria-labelledby={headingId} data-testid="profile-panel">
      <h2 id={headingId} className="ow-visually-hidden">
        Jurisdiction profile
      </h2>
      <div className="ow-pf-field">
        <label htmlFor="ow-profile-name">Jurisdiction</label>
        <input id="ow-profile-name" value={profile.name} readOnly={readOnly} onChange={(e) => onChange({ ...profile, name: e.target.value })} />
      </div>
      <div className="ow-pf-field">
        <label htmlFor="ow-profile-kind">Kind</label>
        <select id="ow-profile-kind" value={profile.kind} disabled={readOnly} onChange={(e) => onChange({ ...profile, kind: e.target.value as JurisdictionKind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </div>

      <div className="ow-pf-status" aria-live="polite" data-testid="profile-unfilled">
        {used.length === 0 ? (
          <p className="ow-hint">This ordinance uses no placeholders.</p>
        ) : unfilled.length === 0 ? (
          <p className="ow-hint">Every placeholder the ordinance uses is filled.</p>
        ) : (
          <>
            <p className="ow-pf-status-title">
              {unfilled.length} {unfilled.length === 1 ? 'placeholder' : 'placeholders'} to fill
            </p>
            <ul className="ow-chips">
              {unfilled.map((k) => (
                <li key={k}>
                  <button
                    type="button"
                    className="ow-chip ow-chip-btn"
                    onClick={() => {
                      const el = root.current?.querySelector<HTMLInputElement>(`#${fieldId(k)}`);
                      el?.focus();
                      el?.scrollIntoView({ block: 'center' });
                    }}
                  >
                    [{k.replace(/_/g, ' ')}]
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {unknown.length > 0 ? (
          <p className="ow-hint">
            Not in the placeholder list, so no profile value can fill them: {unknown.map((k) => `{${k}}`).join(', ')}.
          </p>
        ) : null}
      </div>

      {used.length > 0 ? (
        <section aria-label="Used in this ordinance">
          <h3 className="ow-pf-group">Used in this ordinance</h3>
          {used.map(field)}
        </section>
      ) : null}
      {other.length > 0 ? (
        <details className="ow-pf-other" open={used.length === 0}>
          <summary>Other values ({other.length})</summary>
          {other.map(field)}
        </details>
      ) : null}
    </div>
  );
}
