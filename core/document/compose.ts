import type { Node as PMNode } from 'prosemirror-model';
import type { Library } from '../library/library';
import type { Clause, Preset, Profile, Template, Variant } from '../schema';
import {
  buildAdoption,
  buildDefinition,
  buildEnacting,
  buildRecitals,
  joinRecitals,
  buildSection,
  inlineNodes,
  planIds,
  variantOf,
  type IdPlan,
} from './build';
import { compareTerms, termsIn } from './definitions';
import { unresolvedPlaceholders, type ProfileValues } from './placeholders';
import { schema } from './schema';

export { resolvePlaceholder, placeholderText, unresolvedPlaceholders, placeholderKeys } from './placeholders';

/**
 * compose(): template + preset (+ per-clause overrides) + profile + library -> the
 * ProseMirror document of an ordinance, and what the drafter should know about it.
 *
 * Deterministic: the same input gives an identical document (ids derive from clause
 * ids, see ids.ts), so a composed draft can be compared with a fresh composition.
 */

export type ComposeWarningCode =
  | 'requirement-added'
  | 'requirement-unmet'
  | 'unsuited-clause'
  | 'profile-kind'
  | 'missing-reference'
  | 'undefined-term'
  | 'definition-omitted'
  | 'definitions-section-added'
  | 'no-definitions-section'
  | 'duplicate-part'
  | 'no-enacting'
  | 'unresolved-placeholder';

export interface ComposeWarning {
  code: ComposeWarningCode;
  message: string;
  /** The clause the warning is about, when there is one. */
  clause?: string;
}

export interface ComposeInput {
  /** The template, or its id in the library. */
  template: Template | string;
  /** Preset id; the template's default preset when absent. */
  presetId?: string;
  /** Per-clause overrides on top of the preset: clause id -> variant id or "omit". A clause the template lacks is added. */
  choices?: Record<string, string>;
  profile: NonNullable<ProfileValues> & Partial<Pick<Profile, 'kind' | 'id'>>;
  library: Library;
}

export interface ComposeResult {
  doc: PMNode;
  warnings: ComposeWarning[];
}

interface Instance {
  clause: Clause;
  variant: Variant;
}

/** The enacting clause used when a template has none (the document needs one). */
const DEFAULT_ENACTING = 'The {governing_body} ordains as follows:';

function clauseOf(library: Library, id: string, where: string): Clause {
  const c = library.clauseById.get(id);
  if (!c) throw new Error(`${where}: unknown clause "${id}"`);
  return c;
}

function checkVariant(clause: Clause, variant: string, where: string): void {
  if (variant === 'omit') return;
  if (!clause.variants.some((v) => v.id === variant)) {
    throw new Error(`${where}: clause "${clause.id}" has no variant "${variant}" (it has: ${clause.variants.map((v) => v.id).join(', ')})`);
  }
}

/** Slot lists of a template, preset and overrides, validated; "omit" drops a clause. */
function choose(template: Template, preset: Preset, choices: Record<string, string>, library: Library): { main: Instance[]; extra: Instance[] } {
  for (const [cid, v] of Object.entries(choices)) checkVariant(clauseOf(library, cid, 'choices'), v, `choices.${cid}`);
  for (const [cid, v] of Object.entries(preset.choices)) checkVariant(clauseOf(library, cid, `preset "${preset.id}"`), v, `preset "${preset.id}" choices.${cid}`);
  const pick = (clauseId: string, fallback: string): string => choices[clauseId] ?? preset.choices[clauseId] ?? fallback;
  const toInstance = (clauseId: string, variantId: string, where: string): Instance | null => {
    const clause = clauseOf(library, clauseId, where);
    checkVariant(clause, variantId, where);
    if (variantId === 'omit') return null;
    return { clause, variant: variantOf(clause, variantId) };
  };
  const main: Instance[] = [];
  template.slots.forEach((s, i) => {
    const inst = toInstance(s.clause, pick(s.clause, s.variant), `template "${template.id}" slots[${i}]`);
    if (inst) main.push(inst);
  });
  const extra: Instance[] = [];
  const named = new Set([...template.slots.map((s) => s.clause)]);
  preset.add.forEach((s, i) => {
    named.add(s.clause);
    const inst = toInstance(s.clause, pick(s.clause, s.variant), `preset "${preset.id}" add[${i}]`);
    if (inst) extra.push(inst);
  });
  for (const [cid, v] of Object.entries(choices)) {
    if (named.has(cid) || v === 'omit') continue;
    const inst = toInstance(cid, v, `choices.${cid}`);
    if (inst) extra.push(inst);
  }
  return { main, extra };
}

/**
 * Index in `list` before which added clauses go: before the standard closing parts
 * (the trailing run of general sections such as severability and the effective date,
 * and the adoption block).
 */
function closingIndex(list: Instance[]): number {
  let i = list.length;
  while (i > 0) {
    const c = list[i - 1]!.clause;
    if (c.kind === 'adoption' || (c.kind === 'section' && c.topic === 'general')) i--;
    else break;
  }
  return i;
}

function titleOf(clause: Clause): string {
  return `"${clause.id}" (${clause.title})`;
}

/** Add missing required clauses (or warn), then refuse conflicting ones. */
function honourRelations(
  instances: Instance[],
  template: Template,
  preset: Preset,
  choices: Record<string, string>,
  library: Library,
  warnings: ComposeWarning[],
): Instance[] {
  const present = new Set(instances.map((i) => i.clause.id));
  const added: Instance[] = [];
  const queue = [...instances];
  while (queue.length > 0) {
    const inst = queue.shift()!;
    for (const req of inst.clause.requires) {
      if (present.has(req)) continue;
      const reqClause = clauseOf(library, req, `clause "${inst.clause.id}" requires`);
      // a required definition comes in through the terms the text uses; forcing it in
      // would define a term the chosen variant may not use (and lint would flag it)
      if (reqClause.kind === 'definition') continue;
      if (choices[req] === 'omit') {
        warnings.push({
          code: 'requirement-unmet',
          clause: inst.clause.id,
          message: `clause ${titleOf(inst.clause)} requires ${titleOf(reqClause)}, which was left out by choice; add it back or expect gaps`,
        });
        continue;
      }
      const fromSlot = template.slots.find((s) => s.clause === req)?.variant;
      const fromPreset = preset.choices[req];
      const variantId =
        (fromPreset && fromPreset !== 'omit' ? fromPreset : undefined) ??
        fromSlot ??
        reqClause.variants.find((v) => v.strength === 'baseline')?.id ??
        reqClause.variants[0]!.id;
      const next = { clause: reqClause, variant: variantOf(reqClause, variantId) };
      present.add(req);
      added.push(next);
      queue.push(next);
      warnings.push({
        code: 'requirement-added',
        clause: req,
        message: `added ${titleOf(reqClause)} (variant "${variantId}"), which ${titleOf(inst.clause)} requires${fromPreset === 'omit' ? `; preset "${preset.id}" leaves it out` : ''}`,
      });
    }
  }
  const all = [...instances, ...added];
  const ids = [...new Set(all.map((i) => i.clause.id))];
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      const ca = library.clauseById.get(ids[a]!)!;
      const cb = library.clauseById.get(ids[b]!)!;
      if (ca.conflicts.includes(cb.id) || cb.conflicts.includes(ca.id)) {
        throw new Error(`clause ${titleOf(ca)} conflicts with clause ${titleOf(cb)}: choose one of them`);
      }
    }
  }
  return added;
}

export function compose(input: ComposeInput): ComposeResult {
  const { library, profile } = input;
  const choices = input.choices ?? {};
  const template = typeof input.template === 'string' ? input.library.templateById.get(input.template) : input.template;
  if (!template) throw new Error(`unknown template "${String(input.template)}"`);
  const presetId = input.presetId ?? template.defaultPreset;
  const preset = template.presets.find((p) => p.id === presetId);
  if (!preset) throw new Error(`template "${template.id}" has no preset "${presetId}" (it has: ${template.presets.map((p) => p.id).join(', ')})`);
  const warnings: ComposeWarning[] = [];
  if (profile.kind && profile.kind !== template.kind) {
    warnings.push({ code: 'profile-kind', message: `profile "${profile.id ?? ''}" is a ${profile.kind} but template "${template.id}" is for a ${template.kind}` });
  }

  const { main, extra } = choose(template, preset, choices, library);
  const at = closingIndex(main);
  const required = honourRelations([...main, ...extra], template, preset, choices, library, warnings);
  const ordered = [...main.slice(0, at), ...extra, ...required, ...main.slice(at)];
  for (const inst of ordered) {
    if (!inst.clause.suits.includes(template.kind)) {
      warnings.push({ code: 'unsuited-clause', clause: inst.clause.id, message: `clause ${titleOf(inst.clause)} is not written for a ${template.kind}` });
    }
  }

  // bucket by the part of the ordinance each clause makes
  const findings: Instance[] = [];
  const sections: Instance[] = [];
  let enacting: Instance | null = null;
  let adoption: Instance | null = null;
  let definitionsClause: Instance | null = null;
  const forced = new Map<string, Instance>(); // term -> definition chosen explicitly or required
  for (const inst of ordered) {
    const k = inst.clause.kind;
    const dup = (what: string) =>
      warnings.push({ code: 'duplicate-part', clause: inst.clause.id, message: `${titleOf(inst.clause)} is a second ${what}; only the first is used` });
    if (k === 'finding') findings.push(inst);
    else if (k === 'section') sections.push(inst);
    else if (k === 'enacting') {
      if (enacting) dup('enacting clause');
      else enacting = inst;
    } else if (k === 'adoption') {
      if (adoption) dup('adoption block');
      else adoption = inst;
    } else if (k === 'definitions') {
      if (definitionsClause) dup('definitions section');
      else {
        definitionsClause = inst;
        sections.push(inst);
      }
    } else if (k === 'definition' && inst.clause.term && !forced.has(inst.clause.term)) forced.set(inst.clause.term, inst);
  }

  // ids first, so a reference to a later clause resolves
  const taken = new Set<string>();
  const plans = new Map<Instance, IdPlan>();
  const firstPlan = new Map<string, IdPlan>();
  for (const inst of [...findings, ...sections]) {
    const plan = planIds(inst.clause, inst.variant, inst.clause.id, taken);
    plans.set(inst, plan);
    if (!firstPlan.has(inst.clause.id)) firstPlan.set(inst.clause.id, plan);
  }
  const external = (ref: string): string | null => {
    const [cid, local] = ref.split('#') as [string, string | undefined];
    const plan = firstPlan.get(cid);
    if (!plan) return null;
    return local === undefined ? plan.root : plan.local.get(local) ?? null;
  };
  const version = library.info.version;
  const input4 = (inst: Instance) => ({
    clause: inst.clause,
    variant: inst.variant,
    plan: plans.get(inst) ?? { root: '', provisions: [], local: new Map<string, string>() },
    libraryVersion: version,
    external,
    onMissing: (ref: string) =>
      warnings.push({
        code: 'missing-reference' as const,
        clause: inst.clause.id,
        message: `clause ${titleOf(inst.clause)} refers to [@${ref}], which this ordinance does not include`,
      }),
  });

  const title = schema.nodes.title!.create(null, inlineNodes(template.heading));
  const caption = schema.nodes.caption!.create(null, inlineNodes(template.caption));
  const recitals = joinRecitals(findings.flatMap((f) => buildRecitals(input4(f))));
  let enactingNode: PMNode;
  if (enacting) enactingNode = buildEnacting(input4(enacting));
  else {
    enactingNode = schema.nodes.enacting!.create(null, inlineNodes(DEFAULT_ENACTING));
    warnings.push({ code: 'no-enacting', message: `template "${template.id}" has no enacting clause; a plain one ("${DEFAULT_ENACTING}") was used` });
  }
  const adoptionNode = adoption ? buildAdoption(input4(adoption)) : null;
  const sectionNodes = new Map<Instance, PMNode>();
  for (const inst of sections) if (inst !== definitionsClause) sectionNodes.set(inst, buildSection(input4(inst)));

  // the terms in use, and the definitions they need (transitively)
  const used = new Set<string>();
  for (const n of [title, caption, ...recitals, enactingNode, ...sectionNodes.values(), ...(adoptionNode ? [adoptionNode] : [])]) {
    for (const t of termsIn(n)) used.add(t);
  }
  if (definitionsClause) {
    // the lead-in may use terms too
    const lead = buildSection({ ...input4(definitionsClause), onMissing: undefined });
    for (const t of termsIn(lead)) used.add(t);
  }
  for (const t of forced.keys()) used.add(t);
  const defs = new Map<string, Instance>();
  const queue = [...used].sort(compareTerms);
  const reported = new Set<string>();
  while (queue.length > 0) {
    const term = queue.shift()!;
    if (defs.has(term) || reported.has(term)) continue;
    let inst = forced.get(term);
    if (!inst) {
      const clause = library.definitionByTerm.get(term);
      if (!clause) {
        reported.add(term);
        warnings.push({ code: 'undefined-term', message: `the term "${term}" is used but the library has no definition for it` });
        continue;
      }
      const v = choices[clause.id] ?? preset.choices[clause.id] ?? clause.variants[0]!.id;
      if (v === 'omit') {
        reported.add(term);
        warnings.push({ code: 'definition-omitted', clause: clause.id, message: `the term "${term}" is used but its definition ${titleOf(clause)} was left out by choice` });
        continue;
      }
      inst = { clause, variant: variantOf(clause, v) };
    }
    defs.set(term, inst);
    const probe = buildDefinition({ ...input4(inst), plan: { root: '', provisions: [], local: new Map() }, onMissing: undefined });
    for (const t of termsIn(probe)) if (t !== term && !defs.has(t)) queue.push(t);
  }

  const sortedTerms = [...defs.keys()].sort(compareTerms);
  if (sortedTerms.length > 0 && !definitionsClause) {
    const clause = library.clauses.find((c) => c.kind === 'definitions' && c.suits.includes(template.kind)) ?? library.clauses.find((c) => c.kind === 'definitions');
    if (clause) {
      definitionsClause = { clause, variant: clause.variants[0]! };
      plans.set(definitionsClause, planIds(clause, definitionsClause.variant, clause.id, taken));
      // after the opening general sections (short title, purpose), before the first operative one
      const i = sections.findIndex((s) => !(s.clause.topic === 'general' && s.clause.kind === 'section'));
      sections.splice(i < 0 ? sections.length : i, 0, definitionsClause);
      warnings.push({ code: 'definitions-section-added', clause: clause.id, message: `template "${template.id}" has no definitions section; ${titleOf(clause)} was added for ${sortedTerms.length} defined terms` });
    } else {
      warnings.push({ code: 'no-definitions-section', message: `${sortedTerms.length} defined terms are used but neither the template nor the library has a definitions section` });
    }
  }
  if (definitionsClause) {
    const defNodes = sortedTerms.map((term) => {
      const inst = defs.get(term)!;
      return buildDefinition({ ...input4(inst), plan: planIds(inst.clause, inst.variant, inst.clause.id, taken) });
    });
    sectionNodes.set(definitionsClause, buildSection(input4(definitionsClause), defNodes));
  }

  if (sections.length === 0) {
    throw new Error(`template "${template.id}" with preset "${preset.id}" leaves no sections; an ordinance needs at least one`);
  }
  const doc = schema.nodes.doc!.create(null, [
    title,
    caption,
    ...recitals,
    enactingNode,
    ...sections.map((s) => sectionNodes.get(s)!),
    ...(adoptionNode ? [adoptionNode] : []),
  ]);
  doc.check();
  const missing = unresolvedPlaceholders(doc, profile);
  if (missing.length > 0) {
    warnings.push({
      code: 'unresolved-placeholder',
      message: `the profile has no value for ${missing.map((k) => `{${k}}`).join(', ')}; ${missing.length === 1 ? 'it shows' : 'they show'} as visible placeholders`,
    });
  }
  return { doc, warnings };
}
