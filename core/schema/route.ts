import { z } from 'zod';
import { Category, JurisdictionKind, Severity, Slug, Source } from './common';

/**
 * A text rule: how coverage recognises, in a provision typed by hand or imported from
 * an enacted law, that the provision satisfies an element.
 * - force: the kind of verb the sentence must carry ("prohibition": may not / shall not /
 *   no ... may; "duty": shall / must; "any": a prohibition, a duty, or a conferred right
 *   such as "may bring a civil action" or "is entitled to").
 * - all: groups of alternative phrases; every group must be present in the provision
 *   (read together with the text of the provisions that contain it). Phrases are matched
 *   case-insensitively on word boundaries; a trailing * matches any word ending
 *   ("disclos*" matches disclose, disclosed, disclosure).
 * - none: phrases that, when present, stop the rule from matching (e.g. "unless publicly available").
 */
export const TextRule = z.object({
  force: z.enum(['prohibition', 'duty', 'any']).default('any'),
  all: z.array(z.array(z.string().min(2)).min(1)).min(1),
  none: z.array(z.string().min(2)).optional(),
});
export type TextRule = z.infer<typeof TextRule>;

export const Element = z.object({
  id: Slug,
  statement: z.string().min(10),
  satisfiedBy: z.string().min(10),
  /** Alternative rules; any one matching means the text addresses the element. */
  text: z.array(TextRule).min(1),
  /**
   * The kinds of jurisdiction that can close this element (default: every kind). A city
   * with no jail cannot condition jail access; only a state can regulate its message switch.
   */
  appliesTo: z.array(JurisdictionKind).min(1).optional(),
});
export type Element = z.infer<typeof Element>;

export const Example = z.object({
  text: z.string().min(10),
  source: z.string().min(3),
});

export const Route = z.object({
  id: Slug,
  title: z.string().min(3),
  category: Category,
  severity: Severity,
  howItWorks: z.string().min(20),
  examples: z.array(Example).min(1),
  elements: z.array(Element).min(1),
  closedOrNarrowedBy: z.array(Source),
  pitfalls: z.array(z.string().min(10)).min(1),
  /** The kinds of jurisdiction the route concerns (default: every kind). */
  appliesTo: z.array(JurisdictionKind).min(1).optional(),
});
export type Route = z.infer<typeof Route>;

const applicableCache = new WeakMap<readonly Route[], Map<JurisdictionKind, readonly Route[]>>();

/**
 * The checklist as it applies to one kind of jurisdiction: routes and elements that the
 * kind cannot close are left out. Memoised, so the same list gives the same objects
 * (coverage caches compiled rules on them).
 */
export function applicableRoutes(routes: readonly Route[], kind: JurisdictionKind | undefined): readonly Route[] {
  if (!kind) return routes;
  let byKind = applicableCache.get(routes);
  if (!byKind) applicableCache.set(routes, (byKind = new Map()));
  const hit = byKind.get(kind);
  if (hit) return hit;
  const out: Route[] = [];
  for (const r of routes) {
    if (r.appliesTo && !r.appliesTo.includes(kind)) continue;
    const elements = r.elements.filter((e) => !e.appliesTo || e.appliesTo.includes(kind));
    if (elements.length === 0) continue;
    out.push(elements.length === r.elements.length ? r : { ...r, elements });
  }
  byKind.set(kind, out);
  return out;
}
