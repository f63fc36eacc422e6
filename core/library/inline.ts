/**
 * The inline syntax of clause text (see core/schema/clause.ts):
 *   {key}  [[term]]  [[shown|term]]  [@ref]
 * tokenize() splits a string into text runs and inline items.
 */
export type InlineToken =
  | { type: 'text'; text: string }
  | { type: 'placeholder'; key: string }
  | { type: 'term'; term: string; text: string }
  | { type: 'xref'; ref: string };

const INLINE = /\{([a-z][a-z0-9_]*)\}|\[\[([^\]|]+)(?:\|([a-z0-9-]+))?\]\]|\[@([a-z0-9#-]+)\]/g;

export function tokenize(source: string): InlineToken[] {
  const out: InlineToken[] = [];
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push({ type: 'text', text: source.slice(last, at) });
    if (m[1] !== undefined) out.push({ type: 'placeholder', key: m[1] });
    else if (m[2] !== undefined) {
      const shown = m[2];
      const term = m[3] ?? shown.toLowerCase().replace(/\s+/g, '-');
      out.push({ type: 'term', term, text: shown });
    } else if (m[4] !== undefined) out.push({ type: 'xref', ref: m[4] });
    last = at + m[0].length;
  }
  if (last < source.length) out.push({ type: 'text', text: source.slice(last) });
  return out;
}

/** Plain reading text: terms as shown, placeholders as {key}, xrefs as [@ref]. */
export function plainText(source: string): string {
  return tokenize(source)
    .map((t) => (t.type === 'text' ? t.text : t.type === 'term' ? t.text : t.type === 'placeholder' ? `{${t.key}}` : `[@${t.ref}]`))
    .join('');
}
