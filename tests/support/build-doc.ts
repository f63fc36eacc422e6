import type { Node as PMNode } from 'prosemirror-model';
import { schema } from '../../core/document/schema';
import { tokenize } from '../../core/library/inline';

/** Inline content from the library's inline syntax: {key}, [[term]], [@target-id]. */
export function inline(text: string): PMNode[] {
  const out: PMNode[] = [];
  for (const t of tokenize(text)) {
    if (t.type === 'text') out.push(schema.text(t.text));
    else if (t.type === 'term') out.push(schema.text(t.text, [schema.marks.term!.create({ term: t.term })]));
    else if (t.type === 'placeholder') out.push(schema.nodes.placeholder!.create({ key: t.key }));
    else out.push(schema.nodes.xref!.create({ target: t.ref }));
  }
  return out;
}

export interface P {
  id?: string;
  text: string;
  prov?: unknown;
  children?: P[];
}
export interface S {
  id: string;
  heading: string;
  role?: string;
  prov?: unknown;
  provisions: P[];
}

let counter = 0;
export function provision(p: P): PMNode {
  return schema.nodes.provision!.create({ id: p.id ?? `p${++counter}`, prov: p.prov ?? null }, [
    schema.nodes.paragraph!.create(null, inline(p.text)),
    ...(p.children ?? []).map(provision),
  ]);
}

export function section(s: S): PMNode {
  return schema.nodes.section!.create({ id: s.id, role: s.role ?? 'operative', prov: s.prov ?? null }, [
    schema.nodes.heading!.create(null, inline(s.heading)),
    ...s.provisions.map(provision),
  ]);
}

export function ordinance(parts: { title?: string; caption?: string; recitals?: string[]; enacting?: string; sections: S[]; adoption?: string[] }): PMNode {
  return schema.nodes.doc!.create(null, [
    schema.nodes.title!.create(null, inline(parts.title ?? 'ORDINANCE NO. {ordinance_number}')),
    schema.nodes.caption!.create(null, inline(parts.caption ?? 'AN ORDINANCE relating to the data of {jurisdiction_full_name}.')),
    ...(parts.recitals ?? []).map((r, i) => schema.nodes.recital!.create({ id: `r${i + 1}` }, inline(r))),
    schema.nodes.enacting!.create(null, inline(parts.enacting ?? 'The {governing_body} of the {jurisdiction_full_name} does ordain as follows:')),
    ...parts.sections.map(section),
    ...(parts.adoption ? [schema.nodes.adoption!.create(null, parts.adoption.map((a) => schema.nodes.paragraph!.create(null, inline(a))))] : []),
  ]);
}
