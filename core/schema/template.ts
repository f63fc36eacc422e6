import { z } from 'zod';
import { JurisdictionKind, Slug } from './common';
import { PLACEHOLDER_KEYS } from './placeholders';

export const Slot = z.object({
  clause: Slug,
  /** Variant used when the preset says nothing about this clause. */
  variant: Slug,
});

export const Preset = z.object({
  id: Slug,
  label: z.string().min(2),
  description: z.string().min(10),
  /** Per clause id: the variant to use, or "omit" to leave the clause out. */
  choices: z.record(Slug, z.union([Slug, z.literal('omit')])).default({}),
  /** Clauses this preset adds after the template's slots, before the standard closing parts. */
  add: z.array(Slot).default([]),
});
export type Preset = z.infer<typeof Preset>;

export const Template = z.object({
  id: Slug,
  title: z.string().min(3),
  kind: JurisdictionKind,
  /** Title line with placeholders, e.g. "ORDINANCE NO. {ordinance_number}" */
  heading: z.string().min(3),
  /** Caption ("AN ORDINANCE relating to ..."), with placeholders. */
  caption: z.string().min(10),
  /** Ordered clauses: findings, enacting, sections (definitions included), adoption. */
  slots: z.array(Slot).min(3),
  presets: z.array(Preset).min(2),
  defaultPreset: Slug,
});
export type Template = z.infer<typeof Template>;

export const Profile = z.object({
  id: Slug,
  name: z.string().min(2),
  kind: JurisdictionKind,
  description: z.string().optional(),
  values: z.record(z.enum(PLACEHOLDER_KEYS as [string, ...string[]]), z.string()).default({}),
});
export type Profile = z.infer<typeof Profile>;
