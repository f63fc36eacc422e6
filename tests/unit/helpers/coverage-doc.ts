import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { buildDefinition, buildSection, inlineNodes, planIds } from '../../../core/document/build';
import { schema } from '../../../core/document/schema';
import { join } from 'node:path';
import type { Library } from '../../../core/library/library';
import { loadLibrary, PROJECT_ROOT } from '../../../core/node/library';

/**
 * A tiny builder for coverage tests: ordinances made of library clauses (built the way
 * the composer builds them, with provenance) and of hand-typed sections (no provenance),
 * plus text edits that return a new document sharing every untouched node.
 */

export interface HandProvision {
  id?: string;
  text: string;
  children?: HandProvision[];
}

let counter = 0;

export function handProvision(p: HandProvision): PMNode {
  return schema.nodes.provision!.create({ id: p.id ?? `hp-${++counter}`, prov: null }, [
    schema.nodes.paragraph!.create(null, inlineNodes(p.text)),
    ...(p.children ?? []).map(handProvision),
  ]);
}

/** A section typed by hand (no provenance). Text uses the library's inline syntax. */
export function handSection(id: string, heading: string, provisions: HandProvision[], role = 'operative'): PMNode {
  return schema.nodes.section!.create({ id, role, prov: null }, [
    schema.nodes.heading!.create(null, inlineNodes(heading)),
    ...provisions.map(handProvision),
  ]);
}

/** A section built from a library clause variant, with provenance, as the composer builds it. */
export function clauseSection(library: Library, clauseId: string, variantId?: string, base?: string, taken = new Set<string>()): PMNode {
  const clause = library.clauseById.get(clauseId);
  if (!clause) throw new Error(`test library has no clause "${clauseId}"`);
  const variant = variantId ? clause.variants.find((v) => v.id === variantId) : clause.variants[0];
  if (!variant) throw new Error(`clause "${clauseId}" has no variant "${variantId}"`);
  const plan = planIds(clause, variant, base ?? clause.id, taken);
  return buildSection({ clause, variant, plan, libraryVersion: library.info.version, external: () => null });
}

/** A definitions section: the library's lead-in with the given definition clauses inside it. */
export function definitionsSection(library: Library, terms: string[], taken = new Set<string>()): PMNode {
  const lead = library.clauses.find((c) => c.kind === 'definitions');
  if (!lead) throw new Error('test library has no definitions clause');
  const defs = terms.map((t) => {
    const clause = library.definitionByTerm.get(t);
    if (!clause) throw new Error(`test library cannot define "${t}"`);
    const variant = clause.variants[0]!;
    return buildDefinition({ clause, variant, plan: planIds(clause, variant, clause.id, taken), libraryVersion: library.info.version, external: () => null });
  });
  const variant = lead.variants[0]!;
  return buildSection({ clause: lead, variant, plan: planIds(lead, variant, lead.id, taken), libraryVersion: library.info.version, external: () => null }, defs);
}

export function ordinance(sections: PMNode[], extra: { recitals?: string[]; adoption?: string[] } = {}): PMNode {
  return schema.nodes.doc!.create(null, [
    schema.nodes.title!.create(null, inlineNodes('ORDINANCE NO. {ordinance_number}')),
    schema.nodes.caption!.create(null, inlineNodes('AN ORDINANCE relating to the data of the {jurisdiction_full_name}.')),
    ...(extra.recitals ?? []).map((r, i) => schema.nodes.recital!.create({ id: `recital-${i + 1}` }, inlineNodes(r))),
    schema.nodes.enacting!.create(null, inlineNodes('The {governing_body} of the {jurisdiction_full_name} does ordain as follows:')),
    ...sections,
    ...(extra.adoption ? [schema.nodes.adoption!.create(null, extra.adoption.map((a) => schema.nodes.paragraph!.create(null, inlineNodes(a))))] : []),
  ]);
}

/**
 * Where a piece of text is: the n-th occurrence inside one textblock (atoms count as one
 * character that never matches), as document positions.
 */
export function findText(doc: PMNode, needle: string, occurrence = 0): { from: number; to: number } {
  let seen = 0;
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    let text = '';
    const at: number[] = [];
    node.forEach((child, off) => {
      if (child.isText) {
        for (let i = 0; i < child.text!.length; i++) at.push(pos + 1 + off + i);
        text += child.text!;
      } else {
        at.push(pos + 1 + off);
        text += '\uFFFC';
      }
    });
    let i = text.indexOf(needle);
    while (i >= 0) {
      if (seen++ === occurrence) {
        found = { from: at[i]!, to: at[i + needle.length - 1]! + 1 };
        return false;
      }
      i = text.indexOf(needle, i + 1);
    }
    return false;
  });
  if (!found) throw new Error(`test text "${needle}" (occurrence ${occurrence}) is not in the document`);
  return found;
}

/** Replace text (keeping the marks of the replaced text's first character); returns the new document. */
export function replaceText(doc: PMNode, needle: string, replacement: string, occurrence = 0): PMNode {
  const { from, to } = findText(doc, needle, occurrence);
  const tr = new Transform(doc);
  const marks = doc.resolve(from + 1).marks();
  if (replacement) tr.replaceWith(from, to, schema.text(replacement, marks));
  else tr.delete(from, to);
  return tr.doc;
}

/** Delete the provision (or section) with this id; returns the new document. */
export function deleteNode(doc: PMNode, id: string): PMNode {
  let range: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (range) return false;
    if ((node.type.name === 'provision' || node.type.name === 'section') && node.attrs.id === id) {
      range = { from: pos, to: pos + node.nodeSize };
      return false;
    }
    return !node.isTextblock;
  });
  if (!range) throw new Error(`no node with id "${id}"`);
  const r = range as { from: number; to: number };
  return new Transform(doc).delete(r.from, r.to).doc;
}

/** Insert a hand-typed provision as the last child of the node with this id (a section or provision). */
export function appendProvision(doc: PMNode, parentId: string, p: HandProvision): PMNode {
  let at = -1;
  doc.descendants((node, pos) => {
    if (at >= 0) return false;
    if ((node.type.name === 'provision' || node.type.name === 'section') && node.attrs.id === parentId) {
      at = pos + node.nodeSize - 1;
      return false;
    }
    return !node.isTextblock;
  });
  if (at < 0) throw new Error(`no node with id "${parentId}"`);
  return new Transform(doc).insert(at, handProvision(p)).doc;
}

/** The section node with this id. */
export function sectionById(doc: PMNode, id: string): PMNode {
  let found: PMNode | null = null;
  doc.forEach((n) => {
    if (n.type.name === 'section' && n.attrs.id === id) found = n;
  });
  if (!found) throw new Error(`no section "${id}"`);
  return found;
}

/** The small, stable library of tests/fixtures/coverage/library (three routes, a dozen clauses). */
export function testLibrary(): Library {
  return loadLibrary(join(PROJECT_ROOT, 'tests/fixtures/coverage/library'));
}
