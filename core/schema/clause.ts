import { z } from 'zod';
import { JurisdictionKind, Slug, Source, Topic } from './common';

/**
 * A provision of clause text. Inline syntax in `text`:
 * - {key}               placeholder bound to a profile key (core/schema/placeholders.ts)
 * - [[term]]            defined term, shown as the term id ("[[agency]]")
 * - [[shown|term]]      defined term shown with other words ("[[agencies|agency]]")
 * - [@key]              cross-reference: a provision of this clause with `id: key`,
 *                       or another clause's section by its clause id
 * Numbers such as "(a)" or "Section 3" are never typed: they are computed.
 */
export interface ProvisionSpec {
  id?: string;
  text: string;
  children?: ProvisionSpec[];
}
export const ProvisionSpec: z.ZodType<ProvisionSpec> = z.lazy(() =>
  z.object({
    id: Slug.optional(),
    text: z.string().min(1),
    children: z.array(ProvisionSpec).optional(),
  }),
);

export const Coverage = z.enum(['full', 'partial']);
export type CoverageLevel = z.infer<typeof Coverage>;

/** "route-id.element-id" */
export const ElementRef = z
  .string()
  .regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must be "route-id.element-id", e.g. "fusion-center.audit"');

export const Strength = z.enum(['minimal', 'baseline', 'strong']);
export type Strength = z.infer<typeof Strength>;

export const Variant = z.object({
  id: Slug,
  label: z.string().min(2),
  strength: Strength,
  /** What this variant gives up or gains against the others. */
  tradeoffs: z.string().min(10),
  satisfies: z.record(ElementRef, Coverage).default({}),
  provisions: z.array(ProvisionSpec).min(1),
});
export type Variant = z.infer<typeof Variant>;

/**
 * - section:     an operative or standard section with a heading
 * - definition:  one defined term; becomes a provision of the definitions section
 * - definitions: the definitions section itself (its lead-in); terms are added to it
 * - finding:     a recital ("WHEREAS ..."), a fact with its sources
 * - enacting:    the enacting clause
 * - adoption:    the adoption and signature block
 */
export const ClauseKind = z.enum(['section', 'definition', 'definitions', 'finding', 'enacting', 'adoption']);
export type ClauseKind = z.infer<typeof ClauseKind>;

export const Commentary = z.object({
  does: z.string().min(20),
  tradeoffs: z.string().min(10),
  risks: z.string().min(10),
});

export const Clause = z
  .object({
    id: Slug,
    title: z.string().min(3),
    kind: ClauseKind,
    topic: Topic,
    /** For kind "definition": the term id it defines (used in text as [[term]]). */
    term: Slug.optional(),
    suits: z.array(JurisdictionKind).min(1),
    requires: z.array(Slug).default([]),
    conflicts: z.array(Slug).default([]),
    variants: z.array(Variant).min(1),
    commentary: Commentary,
    modelledOn: z.array(Source).default([]),
    /** For findings: where the fact was reported (publisher, title, date). */
    sources: z.array(Source).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'definition' && !c.term) {
      ctx.addIssue({ code: 'custom', path: ['term'], message: 'a definition clause must name the term it defines' });
    }
    if (c.kind === 'finding' && c.sources.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'a finding must cite at least one source' });
    }
    const ids = new Set<string>();
    c.variants.forEach((v, i) => {
      if (ids.has(v.id)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'id'], message: `duplicate variant id "${v.id}"` });
      ids.add(v.id);
    });
  });
export type Clause = z.infer<typeof Clause>;

export const LibraryInfo = z.object({
  name: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
});
export type LibraryInfo = z.infer<typeof LibraryInfo>;
