import { memo, type ReactNode } from 'react';
import { levelName, provisionLabel } from '../../core/document/numbering';
import { placeholderText, resolvePlaceholder } from '../../core/document/placeholders';
import { tokenize } from '../../core/library/inline';
import type { Library } from '../../core/library/library';
import type { Clause, Profile, ProvisionSpec, Variant } from '../../core/schema';

/**
 * A clause variant's text as the document will show it: numbered like the ordinance
 * ((a), (1), (A), ...; a sole provision unlettered), placeholders filled from the
 * profile (or shown as chips while unfilled), defined terms marked, cross-references
 * as the label they will read.
 */

interface Numbered {
  spec: ProvisionSpec;
  /** "(b)" or "" (unlettered). */
  own: string;
  /** "(b)(2)" */
  path: string;
  level: number;
  children: Numbered[];
}

function numberList(list: ProvisionSpec[], level: number, path: string, top: boolean, local: Map<string, { path: string; level: number }>): Numbered[] {
  const sole = top && list.length === 1;
  return list.map((spec, i) => {
    const own = sole ? '' : provisionLabel(level, i + 1);
    const myPath = path + own;
    const myLevel = sole ? 0 : level;
    if (spec.id) local.set(spec.id, { path: myPath, level: myLevel });
    const children = numberList(spec.children ?? [], sole ? level : level + 1, myPath, false, local);
    return { spec, own, path: myPath, level: myLevel, children };
  });
}

function Inline({ text, library, profile, local }: { text: string; library: Library; profile: Pick<Profile, 'values'> | null; local: Map<string, { path: string; level: number }> }) {
  const out: ReactNode[] = [];
  tokenize(text).forEach((t, i) => {
    if (t.type === 'text') out.push(t.text);
    else if (t.type === 'term') {
      out.push(
        <span key={i} className="owp-term" title={`Defined term: ${t.term.replace(/-/g, ' ')}`}>
          {t.text}
        </span>,
      );
    } else if (t.type === 'placeholder') {
      const filled = resolvePlaceholder(profile, t.key) !== null;
      out.push(
        <span key={i} className={filled ? 'owp-ph owp-ph-filled' : 'owp-ph'} title={filled ? `${t.key} (from the jurisdiction profile)` : `Placeholder: ${t.key}`}>
          {placeholderText(profile, t.key)}
        </span>,
      );
    } else {
      const mine = local.get(t.ref);
      let shown: string;
      if (mine) shown = mine.level === 0 ? 'this section' : `${levelName(mine.level - (mine.path.match(/\(/g) ?? []).length + 1)} ${mine.path}`;
      else {
        const [clauseId] = t.ref.split('#');
        const target = library.clauseById.get(clauseId!);
        shown = target ? `Section [${target.title}]` : `[${t.ref}]`;
      }
      out.push(
        <span key={i} className="owp-xref" title="Cross-reference (numbered when inserted)">
          {shown}
        </span>,
      );
    }
  });
  return <>{out}</>;
}

function Provisions({ list, ...rest }: { list: Numbered[]; library: Library; profile: Pick<Profile, 'values'> | null; local: Map<string, { path: string; level: number }> }) {
  if (list.length === 0) return null;
  return (
    <div className="owp-provisions">
      {list.map((p, i) => (
        <div key={i} className="owp-provision">
          <p>
            {p.own ? <span className="owp-num">{p.own}</span> : null}
            <Inline text={p.spec.text} {...rest} />
          </p>
          <Provisions list={p.children} {...rest} />
        </div>
      ))}
    </div>
  );
}

export const ClauseText = memo(function ClauseText({ clause, variant, library, profile }: { clause: Clause; variant: Variant; library: Library; profile: Pick<Profile, 'values'> | null }) {
  const local = new Map<string, { path: string; level: number }>();
  if (clause.kind === 'section' || clause.kind === 'definitions') {
    const list = numberList(variant.provisions, 1, '', true, local);
    return (
      <div className="owp-clause-text" data-testid="clause-text">
        <p className="owp-heading">
          <span className="owp-num">Section —.</span>
          {clause.title}
        </p>
        <Provisions list={list} library={library} profile={profile} local={local} />
      </div>
    );
  }
  if (clause.kind === 'definition') {
    // a definition reads as one entry of the definitions section; its parts are numbered (1), (2)
    const [first, ...rest] = variant.provisions;
    const list = numberList([{ ...first!, children: [...(first!.children ?? []), ...rest] }], 2, '', true, local);
    return (
      <div className="owp-clause-text" data-testid="clause-text">
        <Provisions list={list} library={library} profile={profile} local={local} />
      </div>
    );
  }
  // findings, the enacting clause and the adoption block: paragraphs in reading order
  const flat: ProvisionSpec[] = [];
  const walk = (l: ProvisionSpec[]) => l.forEach((p) => (flat.push(p), walk(p.children ?? [])));
  walk(variant.provisions);
  return (
    <div className="owp-clause-text" data-testid="clause-text">
      {flat.map((p, i) => (
        <p key={i} className={clause.kind === 'finding' ? 'owp-recital' : undefined}>
          <Inline text={p.text} library={library} profile={profile} local={local} />
        </p>
      ))}
    </div>
  );
});
