import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { splitSentences } from '../../core/coverage/text';
import type { Address, CoverageReport } from '../../core/coverage/types';
import { findById } from '../../core/document/ids';

/**
 * Review highlights: each sentence of the ordinance that meets an element of the
 * checklist is marked in the text, with a title naming the route and the element it
 * serves. Read from the coverage report (the addresses of every element): a text match
 * marks the sentence that matched; a provenance match (a library clause) marks the
 * provision's text. A sentence that only partly meets an element (a broad exception) is
 * marked as partial.
 *
 * The plugin has no state of its own: it is mounted on the view (EditorView `plugins`
 * prop), not in the editor state, so turning it on and off changes nothing in the
 * document, its history or its saved form.
 */

export type HighlightLevel = 'full' | 'partial' | 'weakened';

export interface HighlightRange {
  from: number;
  to: number;
  /** The weakest level among the elements met here. */
  level: HighlightLevel;
  /** "route-id.element-id" of each element met here. */
  elements: string[];
  /** One line per element: "Meets Detainer holds: No agency holds a person on a detainer." */
  lines: string[];
}

const RANK: Record<HighlightLevel, number> = { full: 0, weakened: 1, partial: 2 };
const VERB: Record<HighlightLevel, string> = { full: 'Meets', partial: 'Partly meets', weakened: 'Meets, weakened:' };

/** Reading text of a textblock with the document position of each character (placeholders read "{key}", as coverage reads them). */
function readingText(block: PMNode, start: number): { text: string; pos: number[] } {
  let text = '';
  const pos: number[] = [];
  block.forEach((child, offset) => {
    const at = start + offset;
    if (child.isText) {
      const t = child.text ?? '';
      for (let i = 0; i < t.length; i++) pos.push(at + i);
      text += t;
      return;
    }
    const name = child.type.name;
    const shown = name === 'placeholder' ? `{${child.attrs.key as string}}` : name === 'xref' ? '[ref]' : name === 'hard_break' ? ' ' : '';
    for (let i = 0; i < shown.length; i++) pos.push(at);
    text += shown;
  });
  return { text, pos };
}

/** The first textblock of a section (its heading) or a provision (its paragraph), with its start position. */
function ownBlock(node: PMNode, pos: number): { block: PMNode; start: number } | null {
  let found: { block: PMNode; start: number } | null = null;
  node.forEach((child, offset) => {
    if (!found && child.isTextblock) found = { block: child, start: pos + 1 + offset + 1 };
  });
  return found;
}

/** Where in the block the address's sentence is: the sentence itself, else the part of it this provision holds (a lead-in joined to it), else the whole block. */
function sentenceRange(block: PMNode, start: number, sentence: string | undefined): { from: number; to: number } | null {
  const { text, pos } = readingText(block, start);
  if (!text.trim()) return null;
  const whole = () => ({ from: start, to: start + block.content.size });
  if (!sentence) return whole();
  const span = (i: number, len: number) => {
    const last = pos[i + len - 1]!;
    // an atom at the end spans its node
    return { from: pos[i]!, to: Math.max(last + 1, pos[i]! + 1) };
  };
  let i = text.indexOf(sentence);
  if (i >= 0) return span(i, sentence.length);
  // a provision continuing a lead-in ("... may not:" + "(1) share ...") matches as the joined sentence; mark this provision's part
  for (const s of splitSentences(text)) {
    const t = s.text.trim();
    if (t && sentence.endsWith(t)) {
      i = text.indexOf(t, s.start);
      if (i >= 0) return span(i, t.length);
    }
  }
  return whole();
}

/** Every met element of the report as a range of the document, ranges that cover the same text merged. */
export function highlightRanges(doc: PMNode, report: CoverageReport): HighlightRange[] {
  const byRange = new Map<string, HighlightRange>();
  const located = new Map<string, { node: PMNode; pos: number } | null>();
  const locate = (id: string) => {
    if (!located.has(id)) located.set(id, findById(doc, id));
    return located.get(id)!;
  };
  for (const route of report.routes) {
    for (const el of route.elements) {
      for (const a of el.addressedBy as Address[]) {
        const found = locate(a.provision.nodeId);
        if (!found) continue;
        const own = ownBlock(found.node, found.pos);
        if (!own) continue;
        const r = sentenceRange(own.block, own.start, a.via === 'text' ? a.sentence : undefined);
        if (!r || r.to <= r.from) continue;
        const key = `${r.from}:${r.to}`;
        let h = byRange.get(key);
        if (!h) byRange.set(key, (h = { from: r.from, to: r.to, level: a.level, elements: [], lines: [] }));
        if (h.elements.includes(el.ref)) continue;
        if (RANK[a.level] > RANK[h.level]) h.level = a.level;
        h.elements.push(el.ref);
        const why = a.level === 'partial' && a.exceptions?.length ? ` (${a.exceptions.map((x) => `“${x.text}”`).join(', ')} keeps it from closing)` : '';
        h.lines.push(`${VERB[a.level]} ${route.title}: ${el.statement}${why}`);
      }
    }
  }
  return [...byRange.values()].sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The parts of a range that are not struck through (words an amendment deletes meet nothing). */
function liveParts(doc: PMNode, from: number, to: number): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    if (node.isText && node.marks.some((m) => m.type.name === 'del')) return false;
    const a = Math.max(from, pos);
    const b = Math.min(to, pos + node.nodeSize);
    const last = parts[parts.length - 1];
    if (last && last.to === a) last.to = b;
    else if (b > a) parts.push({ from: a, to: b });
    return false;
  });
  return parts;
}

export function highlightDecorations(doc: PMNode, report: CoverageReport): DecorationSet {
  const decos: Decoration[] = [];
  for (const r of highlightRanges(doc, report)) {
    for (const part of liveParts(doc, r.from, r.to)) {
      decos.push(
        Decoration.inline(
          part.from,
          part.to,
          { class: `ow-rv-hl ow-rv-hl-${r.level}`, title: r.lines.join('\n'), 'data-elements': r.elements.join(' ') },
          { elements: r.elements },
        ),
      );
    }
  }
  return DecorationSet.create(doc, decos);
}

export const reviewHighlightsKey = new PluginKey('ordwright-review-highlights');

/**
 * The highlights of a report, as a view plugin (no state: mount it through the
 * EditorView's `plugins` prop). Decorations are computed once per document; a document
 * the report was not made from gets none rather than misplaced ones.
 */
export function reviewHighlights(report: CoverageReport, options: { doc?: PMNode } = {}): Plugin {
  let cache: { doc: PMNode; set: DecorationSet } | null = null;
  return new Plugin({
    key: reviewHighlightsKey,
    props: {
      decorations(state) {
        if (options.doc && state.doc !== options.doc) return DecorationSet.empty;
        if (!cache || cache.doc !== state.doc) cache = { doc: state.doc, set: highlightDecorations(state.doc, report) };
        return cache.set;
      },
      attributes: { class: 'ow-rv-highlighting' },
    },
  });
}
