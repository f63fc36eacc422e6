import type { Node as PMNode } from 'prosemirror-model';
import { isPlaceholderKey } from '../schema';

/**
 * Placeholders are atoms bound to profile keys. Their value is looked up when the
 * document is shown or exported, never copied into the document, so editing the
 * profile updates every occurrence. A key the profile lacks shows as a visible
 * placeholder ("[governing body]"), never as "undefined" or an empty string.
 */

/** Anything with profile values: a sample profile, a project's (partial) profile, or nothing. */
export type ProfileValues = { values?: Readonly<Record<string, string | undefined>> } | null | undefined;
type Values = ProfileValues;

/** The profile's value for a key, or null when the profile lacks it (or it is blank). */
export function resolvePlaceholder(profile: Values, key: string): string | null {
  const values = profile?.values;
  if (!values || !Object.prototype.hasOwnProperty.call(values, key)) return null;
  const v = values[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** How an unresolved placeholder reads: the key in brackets, words spaced ("[governing body]"). */
export function unresolvedText(key: string): string {
  return `[${key.replace(/_/g, ' ')}]`;
}

/** The text a placeholder shows: the profile's value, or the visible unresolved form. */
export function placeholderText(profile: Values, key: string): string {
  return resolvePlaceholder(profile, key) ?? unresolvedText(key);
}

/** Every placeholder key the document uses, sorted. */
export function placeholderKeys(doc: PMNode): string[] {
  const keys = new Set<string>();
  doc.descendants((node) => {
    if (node.type.name === 'placeholder') keys.add(node.attrs.key as string);
    return true;
  });
  return [...keys].sort();
}

/** The keys the document uses that the profile does not fill, sorted. */
export function unresolvedPlaceholders(doc: PMNode, profile: Values): string[] {
  return placeholderKeys(doc).filter((k) => resolvePlaceholder(profile, k) === null);
}

/** Keys the document uses that are not in the placeholder registry (core/schema/placeholders.ts). */
export function unknownPlaceholders(doc: PMNode): string[] {
  return placeholderKeys(doc).filter((k) => !isPlaceholderKey(k));
}
