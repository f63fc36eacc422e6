import { plainText } from '../../core/library/inline';
import type { Library } from '../../core/library/library';
import type { Clause, JurisdictionKind, ProvisionSpec, Strength, Topic, Variant } from '../../core/schema';

/**
 * Searching the clause library by words and filters. Each clause gets a lower-cased
 * text to search once per library (title, id, variants' labels and text, trade-offs,
 * commentary, sources and the titles of the routes its variants close); a query
 * matches a clause when every word of it appears there.
 */

export interface LibraryFilters {
  /** Words; all must appear. */
  query: string;
  /** A route id: the clause has a variant that addresses an element of that route. */
  route: string;
  topic: Topic | '';
  strength: Strength | '';
  kind: JurisdictionKind | '';
}

export const NO_FILTERS: LibraryFilters = { query: '', route: '', topic: '', strength: '', kind: '' };

export interface LibraryHit {
  clause: Clause;
  /** The variants that pass the filters (all of them when no variant filter applies). */
  variants: Variant[];
}

interface Entry {
  clause: Clause;
  title: string;
  /** everything searchable, lower-cased */
  text: string;
  routes: Set<string>;
  /** per variant: routes it addresses */
  variantRoutes: Map<string, Set<string>>;
}

const TOPIC_ORDER: Topic[] = ['shared-systems', 'intermediated-access', 'custody-cooperation', 'public-services', 'governance', 'general'];
const KIND_ORDER: Clause['kind'][] = ['section', 'definitions', 'definition', 'finding', 'enacting', 'adoption'];

const indexCache = new WeakMap<Library, Entry[]>();

function specText(list: ProvisionSpec[], out: string[]): void {
  for (const p of list) {
    out.push(plainText(p.text));
    if (p.children) specText(p.children, out);
  }
}

function index(library: Library): Entry[] {
  const hit = indexCache.get(library);
  if (hit) return hit;
  const entries = library.clauses.map((clause) => {
    const parts: string[] = [clause.title, clause.id, clause.kind, clause.topic, clause.term ?? '', clause.commentary.does, clause.commentary.tradeoffs, clause.commentary.risks];
    const routes = new Set<string>();
    const variantRoutes = new Map<string, Set<string>>();
    for (const v of clause.variants) {
      parts.push(v.label, v.tradeoffs);
      specText(v.provisions, parts);
      const mine = new Set<string>();
      for (const ref of Object.keys(v.satisfies)) {
        const routeId = ref.split('.')[0]!;
        mine.add(routeId);
        routes.add(routeId);
      }
      variantRoutes.set(v.id, mine);
    }
    for (const r of routes) {
      const route = library.routeById.get(r);
      if (route) parts.push(route.title, route.id);
    }
    for (const s of [...clause.modelledOn, ...clause.sources]) parts.push(s.citation, s.note ?? '');
    return { clause, title: clause.title.toLowerCase(), text: parts.join('\n').toLowerCase(), routes, variantRoutes };
  });
  indexCache.set(library, entries);
  return entries;
}

/** Words of a query, lower-cased ("fusion  Center" -> ["fusion", "center"]). */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}§.-]+/u)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** The clauses (and their variants) that match, best first: title matches before text matches, then by topic, kind and title. */
export function searchLibrary(library: Library, f: LibraryFilters): LibraryHit[] {
  const words = queryWords(f.query);
  const out: { hit: LibraryHit; score: number }[] = [];
  for (const e of index(library)) {
    const c = e.clause;
    if (f.topic && c.topic !== f.topic) continue;
    if (f.kind && !c.suits.includes(f.kind)) continue;
    if (f.route && !e.routes.has(f.route)) continue;
    if (!words.every((w) => e.text.includes(w))) continue;
    const variants = c.variants.filter((v) => (!f.strength || v.strength === f.strength) && (!f.route || e.variantRoutes.get(v.id)!.has(f.route)));
    if (variants.length === 0) continue;
    const inTitle = words.filter((w) => e.title.includes(w)).length;
    out.push({ hit: { clause: c, variants }, score: inTitle });
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      TOPIC_ORDER.indexOf(a.hit.clause.topic) - TOPIC_ORDER.indexOf(b.hit.clause.topic) ||
      KIND_ORDER.indexOf(a.hit.clause.kind) - KIND_ORDER.indexOf(b.hit.clause.kind) ||
      a.hit.clause.title.localeCompare(b.hit.clause.title),
  );
  return out.map((o) => o.hit);
}
