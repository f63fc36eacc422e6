import { plainText } from '../../core/library/inline';
import type { Library } from '../../core/library/library';
import { walkProvisions } from '../../core/library/library';
import { formatReport, libraryReport } from '../../core/library/report';
import { JurisdictionKind, Topic, type Clause, type Route, type Severity } from '../../core/schema';
import { HELP_OPTION, LIBRARY_OPTION, closest, flag, parse, str, type CommandSpec } from '../args';
import { CliError, EXIT, type Io } from '../io';
import { library } from '../load';

export const spec: CommandSpec = {
  name: 'library',
  summary: 'list and search the clause library and the checklist of routes',
  usage: ['library [WORDS...] [--topic TOPIC] [--kind city|county|state]', 'library --routes | --route ID | --clause ID', 'library --report'],
  description:
    'Without words: every clause, by topic. With words: the clauses and routes whose id, title, commentary or text contain all of them (a word may be the start of a longer one: "retent" finds retention). --routes lists the bypass routes of the checklist; --route shows one with its elements and the clauses that close each; --clause shows one clause with its variants.',
  options: {
    routes: { type: 'boolean', help: 'list the routes of the checklist' },
    route: { type: 'string', value: 'ID', help: 'show one route: how it works, its elements and the clauses that close each' },
    clause: { type: 'string', value: 'ID', help: 'show one clause: its variants, strengths, the elements each closes' },
    topic: { type: 'string', value: 'TOPIC', choices: Topic.options, help: 'only clauses of this topic' },
    kind: { type: 'string', value: 'KIND', choices: JurisdictionKind.options, help: 'only clauses written for this kind of jurisdiction' },
    report: { type: 'boolean', help: 'summary of the library: counts, and how much of the checklist each template and preset covers' },
    json: { type: 'boolean', help: 'print JSON instead of text' },
    library: LIBRARY_OPTION,
    help: HELP_OPTION,
  },
  positionals: { min: 0, max: 50, name: 'search words' },
  examples: ['ordwright library', 'ordwright library plate reader', 'ordwright library --topic governance --kind county', 'ordwright library --route fusion-center', 'ordwright library --report'],
};

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2 };

/** The text of every variant of a clause, as plain words. */
function clauseText(c: Clause): string {
  const parts: string[] = [];
  for (const v of c.variants) {
    parts.push(v.label, v.tradeoffs);
    walkProvisions(v.provisions, (p) => parts.push(plainText(p.text)));
  }
  return parts.join(' ');
}

function routeText(r: Route): string {
  return [r.howItWorks, ...r.elements.flatMap((e) => [e.statement, e.satisfiedBy]), ...r.pitfalls, ...r.examples.map((e) => e.text)].join(' ');
}

export interface Hit<T> {
  item: T;
  score: number;
}

/**
 * Rank items by the query words: every word must occur (at the start of a word) in one of
 * the fields; a hit in the id or title weighs more than one in the body.
 */
export function rank<T>(items: readonly T[], words: string[], fields: (item: T) => [string, number][]): Hit<T>[] {
  const res = words.map((w) => new RegExp(`(^|[^a-z0-9])${w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'));
  const out: Hit<T>[] = [];
  for (const item of items) {
    const fs = fields(item);
    let score = 0;
    let all = true;
    for (const re of res) {
      let best = 0;
      for (const [text, weight] of fs) if (re.test(text)) best = Math.max(best, weight);
      if (best === 0) {
        all = false;
        break;
      }
      score += best;
    }
    if (all) out.push({ item, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

export function searchClauses(lib: Library, words: string[]): Hit<Clause>[] {
  return rank(lib.clauses, words, (c) => [
    [c.id.replace(/-/g, ' '), 4],
    [c.title, 3],
    [c.term ?? '', 3],
    [`${c.commentary.does} ${c.commentary.tradeoffs} ${c.commentary.risks}`, 2],
    [clauseText(c), 1],
  ]);
}

export function searchRoutes(lib: Library, words: string[]): Hit<Route>[] {
  return rank(lib.routes, words, (r) => [
    [r.id.replace(/-/g, ' '), 4],
    [r.title, 3],
    [routeText(r), 1],
  ]);
}

function clauseLine(c: Clause, idWidth: number): string {
  return `  ${c.id.padEnd(idWidth)}  ${c.title}  [${c.kind}; ${c.suits.join(', ')}; ${c.variants.map((v) => v.id).join(' | ')}]`;
}

function routeLine(r: Route, idWidth: number): string {
  return `  ${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.category.padEnd(19)}  ${r.title} (${r.elements.length} element${r.elements.length === 1 ? '' : 's'})`;
}

function width(ids: string[]): number {
  return Math.max(0, ...ids.map((i) => i.length));
}

function sortedRoutes(lib: Library): Route[] {
  return [...lib.routes].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
}

/** Library clauses that declare an element, with the level and variant. */
function closers(lib: Library, ref: string): string[] {
  const out: string[] = [];
  for (const c of lib.clauses) {
    const vs = c.variants.filter((v) => v.satisfies[ref]);
    if (vs.length) out.push(`${c.id} (${vs.map((v) => `${v.id}: ${v.satisfies[ref]}`).join(', ')})`);
  }
  return out;
}

function routeDetail(lib: Library, r: Route): string[] {
  const out = [`${r.id}: ${r.title}`, `  severity ${r.severity}, category ${r.category}`, '', `How it works: ${r.howItWorks}`, '', 'Elements:'];
  for (const e of r.elements) {
    const ref = `${r.id}.${e.id}`;
    const by = closers(lib, ref);
    out.push(`  ${ref}`, `    ${e.statement}`, `    needs: ${e.satisfiedBy}`, `    clauses: ${by.length ? by.join('; ') : 'none in the library yet'}`);
  }
  if (r.closedOrNarrowedBy.length) out.push('', 'Closed or narrowed by:', ...r.closedOrNarrowedBy.map((s) => `  ${s.citation}${s.note ? ` (${s.note})` : ''}`));
  out.push('', 'Pitfalls:', ...r.pitfalls.map((p) => `  - ${p}`));
  out.push('', 'Examples:', ...r.examples.map((x) => `  - ${x.text} (${x.source})`));
  return out;
}

function clauseDetail(c: Clause): string[] {
  const out = [`${c.id}: ${c.title}`, `  kind ${c.kind}, topic ${c.topic}, for ${c.suits.join(', ')}${c.term ? `, defines "${c.term}"` : ''}`];
  if (c.requires.length) out.push(`  requires: ${c.requires.join(', ')}`);
  if (c.conflicts.length) out.push(`  conflicts with: ${c.conflicts.join(', ')}`);
  out.push('', `What it does: ${c.commentary.does}`, `Tradeoffs: ${c.commentary.tradeoffs}`, `Risks: ${c.commentary.risks}`);
  for (const v of c.variants) {
    out.push('', `Variant ${v.id} (${v.label}, ${v.strength})`, `  ${v.tradeoffs}`);
    const sat = Object.entries(v.satisfies);
    out.push(`  closes: ${sat.length ? sat.map(([r, l]) => `${r} (${l})`).join(', ') : 'no route element'}`);
    walkProvisions(v.provisions, (p, path) => out.push(`  ${'  '.repeat(path.length - 1)}- ${plainText(p.text)}`));
  }
  if (c.modelledOn.length) out.push('', 'Modelled on:', ...c.modelledOn.map((s) => `  ${s.citation}${s.note ? ` (${s.note})` : ''}`));
  return out;
}

function findOr<T extends { id: string }>(map: Map<string, T>, id: string, what: string, list: string): T {
  const hit = map.get(id);
  if (hit) return hit;
  const guess = closest(id, map.keys());
  throw new CliError(`no ${what} "${id}" in the library`, `${guess ? `did you mean "${guess}"? ` : ''}"${list}" lists them`);
}

function clauseJson(c: Clause) {
  return { id: c.id, title: c.title, kind: c.kind, topic: c.topic, suits: c.suits, variants: c.variants.map((v) => ({ id: v.id, label: v.label, strength: v.strength, satisfies: v.satisfies })) };
}

function routeJson(r: Route) {
  return { id: r.id, title: r.title, category: r.category, severity: r.severity, elements: r.elements.map((e) => ({ id: e.id, statement: e.statement })) };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(spec, argv);
  const lib = library(io, str(args, 'library'));
  const json = flag(args, 'json');
  const print = (lines: string[], data: unknown) => io.out(json ? JSON.stringify(data, null, 2) : lines.join('\n'));
  const modes = ['routes', 'route', 'clause', 'report'].filter((m) => args.values[m] !== undefined);
  if (modes.length > 1) throw new CliError(`--${modes[0]} and --${modes[1]} cannot be combined`, 'ask for one thing at a time');
  if (modes.length === 1 && args.positionals.length) throw new CliError(`search words cannot be combined with --${modes[0]}`, 'search with "ordwright library WORDS"');

  if (flag(args, 'report')) {
    const r = libraryReport(lib);
    io.out(json ? JSON.stringify(r, null, 2) : formatReport(r).trimEnd());
    return EXIT.ok;
  }
  if (flag(args, 'routes')) {
    const routes = sortedRoutes(lib);
    const w = width(routes.map((r) => r.id));
    print([`${routes.length} route${routes.length === 1 ? '' : 's'} in ${lib.info.name} ${lib.info.version}`, ...routes.map((r) => routeLine(r, w))], routes.map(routeJson));
    return EXIT.ok;
  }
  const routeId = str(args, 'route');
  if (routeId) {
    const r = findOr(lib.routeById, routeId, 'route', 'ordwright library --routes');
    print(routeDetail(lib, r), { ...routeJson(r), elements: r.elements.map((e) => ({ id: e.id, statement: e.statement, satisfiedBy: e.satisfiedBy, clauses: closers(lib, `${r.id}.${e.id}`) })) });
    return EXIT.ok;
  }
  const clauseId = str(args, 'clause');
  if (clauseId) {
    const c = findOr(lib.clauseById, clauseId, 'clause', 'ordwright library');
    print(clauseDetail(c), clauseJson(c));
    return EXIT.ok;
  }

  const topic = str(args, 'topic');
  const kind = str(args, 'kind');
  const keep = (c: Clause) => (!topic || c.topic === topic) && (!kind || c.suits.includes(kind as JurisdictionKind));
  const words = args.positionals.flatMap((p) => p.split(/\s+/)).filter(Boolean);
  if (words.length === 0) {
    const clauses = lib.clauses.filter(keep);
    const w = width(clauses.map((c) => c.id));
    const lines = [`${clauses.length} of ${lib.clauses.length} clauses in ${lib.info.name} ${lib.info.version}`];
    for (const t of Topic.options) {
      const inTopic = clauses.filter((c) => c.topic === t);
      if (inTopic.length) lines.push('', `${t} (${inTopic.length})`, ...inTopic.map((c) => clauseLine(c, w)));
    }
    print(lines, clauses.map(clauseJson));
    return EXIT.ok;
  }
  // a single word that is exactly a clause or route id: show it
  if (words.length === 1 && !topic && !kind) {
    const c = lib.clauseById.get(words[0]!);
    if (c) return print(clauseDetail(c), clauseJson(c)), EXIT.ok;
    const r = lib.routeById.get(words[0]!);
    if (r) return print(routeDetail(lib, r), routeJson(r)), EXIT.ok;
  }
  const clauses = searchClauses(lib, words).filter((h) => keep(h.item));
  const routes = topic || kind ? [] : searchRoutes(lib, words);
  const lines: string[] = [];
  if (clauses.length === 0 && routes.length === 0) {
    lines.push(`nothing in the library matches "${words.join(' ')}"${topic || kind ? ' with these filters' : ''}`);
  } else {
    if (clauses.length) {
      const w = width(clauses.map((h) => h.item.id));
      lines.push(`${clauses.length} clause${clauses.length === 1 ? '' : 's'}:`, ...clauses.map((h) => clauseLine(h.item, w)));
    }
    if (routes.length) {
      const w = width(routes.map((h) => h.item.id));
      if (lines.length) lines.push('');
      lines.push(`${routes.length} route${routes.length === 1 ? '' : 's'}:`, ...routes.map((h) => routeLine(h.item, w)));
    }
  }
  print(lines, { clauses: clauses.map((h) => clauseJson(h.item)), routes: routes.map((h) => routeJson(h.item)) });
  return EXIT.ok;
}
