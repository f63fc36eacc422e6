import { inlineNodes } from '../document/build';
import { schema } from '../document/schema';
import type { ProvisionSpec } from '../schema';
import { analyze } from './analyze';
import type { CoverageLibrary, ElementStatus } from './types';

/**
 * Judge a piece of text on its own, the way the coverage check judges a hand-typed
 * section: does it satisfy a given element? Used by the fixture suite
 * (scripts/coverage-eval.ts) and by anyone asking "would this wording do?". The text
 * goes through the same path as a draft: it becomes a section without provenance in an
 * otherwise empty ordinance, and analyze() reads it.
 */
export interface TextJudgement {
  /** The element's status with only this text in the ordinance. */
  status: ElementStatus;
  /** True when the text closes the element (a text-rule match without a broad exception). */
  satisfies: boolean;
  reason: string;
  /** The sentence that matched, when one did. */
  sentence?: string;
}

function provision(p: ProvisionSpec, id: string): ReturnType<typeof schema.node> {
  return schema.nodes.provision!.create({ id, prov: null }, [
    schema.nodes.paragraph!.create(null, inlineNodes(p.text)),
    ...(p.children ?? []).map((c, i) => provision(c, `${id}-${i + 1}`)),
  ]);
}

export function judgeText(provisions: ProvisionSpec[], elementRef: string, library: CoverageLibrary): TextJudgement {
  const [routeId, elementId] = elementRef.split('.');
  const route = library.routes.find((r) => r.id === routeId);
  if (!route) throw new Error(`judgeText: no route "${routeId}" in the checklist (element "${elementRef}")`);
  if (!route.elements.some((e) => e.id === elementId)) throw new Error(`judgeText: route "${routeId}" has no element "${elementId}" (it has: ${route.elements.map((e) => e.id).join(', ')})`);
  if (provisions.length === 0) throw new Error(`judgeText: no text to judge for "${elementRef}"`);
  const section = schema.nodes.section!.create({ id: 'judged', role: 'operative', prov: null }, [
    schema.nodes.heading!.create(null, schema.text('Text under review')),
    ...provisions.map((p, i) => provision(p, `judged-${i + 1}`)),
  ]);
  const doc = schema.nodes.doc!.create(null, [
    schema.nodes.title!.create(null, schema.text('Review')),
    schema.nodes.caption!.create(null, schema.text('Text under review')),
    schema.nodes.enacting!.create(null, schema.text('Be it enacted:')),
    section,
  ]);
  const report = analyze(doc, library);
  const el = report.routes.find((r) => r.id === routeId)!.elements.find((e) => e.elementId === elementId)!;
  const matched = el.addressedBy.find((a) => a.via === 'text');
  return { status: el.status, satisfies: el.status === 'closed', reason: el.reason, ...(matched?.sentence ? { sentence: matched.sentence } : {}) };
}
