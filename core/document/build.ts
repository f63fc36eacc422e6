import { Fragment, type Node as PMNode } from 'prosemirror-model';
import { tokenize } from '../library/inline';
import type { Clause, ProvisionSpec, Variant } from '../schema';
import { canonicalText, hashNode, withoutProvenanced } from './hash';
import { uniqueId } from './ids';
import { schema, type Provenance } from './schema';

/**
 * Building ProseMirror nodes from clause text (shared by compose and the editing
 * commands). Placeholders stay placeholder atoms bound to profile keys: the value is
 * looked up when the document is shown or exported, so editing the profile updates
 * every occurrence.
 */

/** How the ids of one clause instance are laid out (decided before any node is built). */
export interface IdPlan {
  /** Id of the instance's main node: the section, the definition provision, the first recital. */
  root: string;
  /** Ids of the variant's provisions in pre-order. */
  provisions: string[];
  /** Local provision id in the clause (ProvisionSpec.id) -> node id. */
  local: Map<string, string>;
}

function preorder(list: ProvisionSpec[], fn: (p: ProvisionSpec) => void): void {
  for (const p of list) {
    fn(p);
    if (p.children) preorder(p.children, fn);
  }
}

/**
 * Plan the ids of a clause instance. Sections (and the definitions section): the root is
 * the section, provisions are `root#local` or `root/n`. Definitions: the first provision
 * is the root. Findings: each provision is a recital, the first one the root. Enacting
 * and adoption carry no ids.
 */
export function planIds(clause: Clause, variant: Variant, base: string, taken: Set<string>, opts: { keepRoot?: boolean } = {}): IdPlan {
  const plan: IdPlan = { root: '', provisions: [], local: new Map() };
  if (clause.kind === 'enacting' || clause.kind === 'adoption') return plan;
  const ownRoot = clause.kind === 'section' || clause.kind === 'definitions';
  // keepRoot: a variant swap keeps the node's id (and every reference to it)
  plan.root = opts.keepRoot ? base : uniqueId(base, taken);
  taken.add(plan.root);
  let n = 0;
  preorder(variant.provisions, (p) => {
    n++;
    let id: string;
    if (!ownRoot && n === 1) id = plan.root;
    else id = uniqueId(p.id ? `${plan.root}#${p.id}` : `${plan.root}/${n}`, taken);
    plan.provisions.push(id);
    if (p.id) plan.local.set(p.id, id);
  });
  return plan;
}

/** Resolves a reference that is not local to the clause ("clause" or "clause#local"). */
export type ExternalRefs = (ref: string) => string | null;

export interface InlineContext {
  local: Map<string, string>;
  external: ExternalRefs;
  /** Called for a reference that neither the clause nor the document can resolve. */
  onMissing?: (ref: string) => void;
}

const NO_REFS: InlineContext = { local: new Map(), external: () => null };

/**
 * Inline nodes from the library's inline syntax. An unresolved cross-reference keeps its
 * library reference as its target: since library ids derive from clause ids, it binds
 * by itself when the referenced clause is inserted later.
 */
export function inlineNodes(text: string, ctx: InlineContext = NO_REFS): PMNode[] {
  const out: PMNode[] = [];
  for (const t of tokenize(text)) {
    if (t.type === 'text') {
      if (t.text) out.push(schema.text(t.text));
    } else if (t.type === 'term') {
      if (t.text) out.push(schema.text(t.text, [schema.marks.term!.create({ term: t.term })]));
    } else if (t.type === 'placeholder') out.push(schema.nodes.placeholder!.create({ key: t.key }));
    else {
      const target = ctx.local.get(t.ref) ?? ctx.external(t.ref);
      if (target === null) ctx.onMissing?.(t.ref);
      out.push(schema.nodes.xref!.create({ target: target ?? t.ref }));
    }
  }
  return out;
}

export function paragraph(text: string, ctx?: InlineContext): PMNode {
  return schema.nodes.paragraph!.create(null, inlineNodes(text, ctx));
}

/** Provision nodes for a spec list, taking ids from `ids` in pre-order. */
export function buildProvisions(list: ProvisionSpec[], ids: string[], ctx: InlineContext): PMNode[] {
  return list.map((p) => {
    const id = ids.shift() ?? '';
    return schema.nodes.provision!.create({ id, prov: null }, [paragraph(p.text, ctx), ...buildProvisions(p.children ?? [], ids, ctx)]);
  });
}

/**
 * Canonical text of a node as the library inserted it: descendants that carry their own
 * provenance (the definitions inside the definitions section) are left out, so adding
 * or removing a definition does not make the lead-in look edited.
 */
export function ownCanonicalText(node: PMNode): string {
  return canonicalText(stripProvenanced(node));
}

/** The node without descendant provisions that carry their own provenance (one definition, in hash.ts). */
export const stripProvenanced = withoutProvenanced;

/** The hash stored in provenance: of the node as inserted, without nested provenanced nodes. */
export function ownHash(node: PMNode): string {
  return hashNode(node); // hash.ts leaves out provenanced descendants the same way
}

/** Has the drafter changed the node's text since it came from the library? (false for nodes without provenance) */
export function isEdited(node: PMNode): boolean {
  const prov = node.attrs.prov as Provenance | null | undefined;
  if (!prov) return false;
  return ownHash(node) !== prov.hash;
}

/** Set provenance on a built node, hashing it as inserted. */
export function withProvenance(node: PMNode, clause: Clause, variant: Variant, libraryVersion: string): PMNode {
  const prov: Provenance = { clause: clause.id, variant: variant.id, libraryVersion, hash: ownHash(node) };
  return node.type.create({ ...node.attrs, prov }, node.content, node.marks);
}

export interface BuildInput {
  clause: Clause;
  variant: Variant;
  plan: IdPlan;
  libraryVersion: string;
  external: ExternalRefs;
  onMissing?: (ref: string) => void;
}

function ctxOf(input: BuildInput): InlineContext {
  return { local: input.plan.local, external: input.external, onMissing: input.onMissing };
}

/** A section (kind "section" or "definitions"): heading from the clause title, provisions from the variant. */
export function buildSection(input: BuildInput, definitions: PMNode[] = []): PMNode {
  const { clause, variant, plan } = input;
  const ctx = ctxOf(input);
  const ids = [...plan.provisions];
  const provisions = buildProvisions(variant.provisions, ids, ctx);
  const role = clause.kind === 'definitions' ? 'definitions' : 'operative';
  const heading = schema.nodes.heading!.create(null, inlineNodes(clause.title, ctx));
  let section = schema.nodes.section!.create({ id: plan.root, role, prov: null }, [heading, ...provisions]);
  section = withProvenance(section, clause, variant, input.libraryVersion);
  return definitions.length > 0 ? putDefinitions(section, definitions) : section;
}

/**
 * The provision of the definitions section that holds the definitions: the first
 * provision (the lead-in "As used in this chapter:"); null when the section has none,
 * in which case definitions are top-level provisions of the section.
 */
export function definitionsContainerIndex(section: PMNode): number | null {
  for (let i = 0; i < section.childCount; i++) if (section.child(i).type.name === 'provision') return i;
  return null;
}

/** Append definition provisions to a definitions section (they are already in order). */
function putDefinitions(section: PMNode, definitions: PMNode[]): PMNode {
  const ci = definitionsContainerIndex(section);
  if (ci === null) return section.copy(section.content.append(Fragment.from(definitions)));
  const container = section.child(ci);
  const filled = container.copy(container.content.append(Fragment.from(definitions)));
  return section.copy(section.content.replaceChild(ci, filled));
}

/**
 * A definition: one provision from the variant's first provision (with its children);
 * further top-level provisions of the variant, if any, become its children too, so a
 * term always has exactly one definition provision.
 */
export function buildDefinition(input: BuildInput): PMNode {
  const { variant, plan } = input;
  const ctx = ctxOf(input);
  const [first, ...rest] = variant.provisions;
  const spec: ProvisionSpec = { ...first!, children: [...(first!.children ?? []), ...rest] };
  // ids follow the pre-order of the original spec list, which this reshaping keeps
  const ids = [...plan.provisions];
  const [node] = buildProvisions([spec], ids, ctx);
  return withProvenance(node!, input.clause, variant, input.libraryVersion);
}

/** Recitals of a finding: one per provision, in reading order, each with its own provenance. */
export function buildRecitals(input: BuildInput): PMNode[] {
  const ctx = ctxOf(input);
  const out: PMNode[] = [];
  let i = 0;
  preorder(input.variant.provisions, (p) => {
    const id = input.plan.provisions[i++] ?? '';
    const r = schema.nodes.recital!.create({ id, prov: null }, inlineNodes(p.text, ctx));
    out.push(withProvenance(r, input.clause, input.variant, input.libraryVersion));
  });
  return out;
}

/**
 * Join recitals as a preamble reads: every one but the last ends "; and", the last
 * "; now, therefore," leading into the enacting clause. A recital that does not end in a
 * semicolon is left as written. Provenance is re-hashed, so the joined text counts as
 * the library's own.
 */
export function joinRecitals(recitals: PMNode[]): PMNode[] {
  return recitals.map((r, i) => {
    const last = r.lastChild;
    if (!last?.isText || !/;\s*$/.test(last.text ?? '')) return r;
    const tail = i === recitals.length - 1 ? '; now, therefore,' : '; and';
    const text = (last.text ?? '').replace(/;\s*$/, tail);
    const content = r.content.replaceChild(r.childCount - 1, schema.text(text, last.marks));
    const prov = r.attrs.prov as Provenance | null;
    const node = r.type.create({ ...r.attrs }, content, r.marks);
    return prov ? node.type.create({ ...node.attrs, prov: { ...prov, hash: ownHash(node) } }, node.content, node.marks) : node;
  });
}

/** The enacting clause: the variant's provisions joined into one line. */
export function buildEnacting(input: BuildInput): PMNode {
  const ctx = ctxOf(input);
  const texts: string[] = [];
  preorder(input.variant.provisions, (p) => texts.push(p.text));
  const node = schema.nodes.enacting!.create({ prov: null }, inlineNodes(texts.join(' '), ctx));
  return withProvenance(node, input.clause, input.variant, input.libraryVersion);
}

/** The adoption block: one paragraph per provision, in reading order. */
export function buildAdoption(input: BuildInput): PMNode {
  const ctx = ctxOf(input);
  const paras: PMNode[] = [];
  preorder(input.variant.provisions, (p) => paras.push(paragraph(p.text, ctx)));
  const node = schema.nodes.adoption!.create({ prov: null }, paras);
  return withProvenance(node, input.clause, input.variant, input.libraryVersion);
}

/** The variant of a clause, or an Error naming the clause and the variants it has. */
export function variantOf(clause: Clause, variantId: string): Variant {
  const v = clause.variants.find((x) => x.id === variantId);
  if (!v) throw new Error(`clause "${clause.id}" has no variant "${variantId}" (it has: ${clause.variants.map((x) => x.id).join(', ')})`);
  return v;
}
