import { z } from 'zod';

/** Lower-case kebab identifiers: route ids, element ids, clause ids, variant ids. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "fusion-center"');

export const JurisdictionKind = z.enum(['city', 'county', 'state']);
export type JurisdictionKind = z.infer<typeof JurisdictionKind>;

export const Category = z.enum([
  'shared-systems',
  'intermediated-access',
  'custody-cooperation',
  'public-services',
  'governance',
]);
export type Category = z.infer<typeof Category>;

/** Topics of clauses: the route categories plus the standard parts of an ordinance. */
export const Topic = z.enum([...Category.options, 'general']);
export type Topic = z.infer<typeof Topic>;

export const Severity = z.enum(['critical', 'high', 'medium']);
export type Severity = z.infer<typeof Severity>;

/** A source: an enacted law by official citation, or a report by publisher and date. */
export const Source = z.object({
  citation: z.string().min(3),
  note: z.string().optional(),
});
export type Source = z.infer<typeof Source>;
