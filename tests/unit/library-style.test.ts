import { describe, expect, it } from 'vitest';
import { loadLibrary, readLibrarySources } from '../../core/node/library';
import { placeholdersOf, termsOf, walkProvisions, type Library } from '../../core/library/library';
import { plainText, tokenize } from '../../core/library/inline';
import { DataError } from '../../core/library/parse';
import { allElementRefs, coverageOfPreset, resolvePreset } from '../../core/library/coverage-of-preset';
import { applicableRoutes } from '../../core/schema';
import type { Clause } from '../../core/schema';

/**
 * Machine checks over the whole clause library: completeness against the checklist,
 * the house drafting style, and the templates and profiles. Each test collects every
 * problem as "file: reason" and fails with the full list, so one run shows all of them.
 */

let cached: Library | undefined;
function lib(): Library {
  if (cached) return cached;
  try {
    cached = loadLibrary();
  } catch (e) {
    if (e instanceof DataError) throw new Error(`the library does not load:\n${e.message}`, { cause: e });
    throw e;
  }
  return cached;
}

/** File of each library item, by its id (file names equal ids; the loader checks that). */
const files = (() => {
  const src = readLibrarySources();
  const byId = (list: { path: string }[]) =>
    new Map(list.map((f) => [f.path.split('/').pop()!.replace(/\.ya?ml$/, ''), f.path] as const));
  return { route: byId(src.routes), clause: byId(src.clauses), template: byId(src.templates), profile: byId(src.profiles) };
})();
const routeFile = (id: string) => files.route.get(id) ?? `seeds/routes/${id}.yaml`;
const clauseFile = (id: string) => files.clause.get(id) ?? `clauses/?/${id}.yaml`;
const templateFile = (id: string) => files.template.get(id) ?? `seeds/templates/${id}.yaml`;
const profileFile = (id: string) => files.profile.get(id) ?? `seeds/profiles/${id}.yaml`;

function expectNoProblems(problems: string[]): void {
  if (problems.length > 0) {
    throw new Error(`${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
  expect(problems).toEqual([]);
}

/** The routes the product was built around: each needs a real choice of strength. */
const CENTRAL_ROUTES = [
  'fusion-center',
  'regional-records-system',
  'alpr-sharing',
  'proxy-query',
  'federal-partner-reshare',
  'vendor-hosting',
  'data-broker',
  'release-notification',
  'administrative-subpoena',
  'enforcement-remedy',
  'audit-logging',
];

// ---------------------------------------------------------------------------------------
// House style (shared/domain/drafting-style.md), applied to the text of every provision
// of every variant. Commentary is explanation and is not checked.
// ---------------------------------------------------------------------------------------

/** Words that end in -ed or -en but are not past participles. */
const NOT_PARTICIPLES = new Set(['open', 'even', 'often', 'citizen', 'seven', 'ten', 'eleven', 'need', 'red', 'bed', 'seed', 'hundred', 'indeed', 'less']);
/** Irregular past participles that do not end in -ed or -en. */
const IRREGULAR_PARTICIPLES = new Set([
  'sold', 'held', 'kept', 'made', 'done', 'sent', 'told', 'found', 'bought', 'read', 'put', 'set', 'run', 'paid', 'built',
  'brought', 'left', 'lost', 'met', 'taught', 'thought', 'understood', 'withheld', 'sought', 'spent', 'struck', 'laid',
  'led', 'let', 'cut', 'shut', 'shown', 'known', 'drawn', 'withdrawn', 'dealt', 'heard', 'meant', 'sworn', 'undertaken',
]);
function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  if (NOT_PARTICIPLES.has(w)) return false;
  if (IRREGULAR_PARTICIPLES.has(w)) return true;
  return (w.length > 3 && w.endsWith('ed')) || (w.length > 4 && w.endsWith('en'));
}

interface StyleRule {
  id: string;
  /** Returns a short quote of the offending words, or null. */
  find: (text: string, clause: Clause) => string | null;
  reason: string;
}

const firstMatch = (re: RegExp) => (text: string) => re.exec(text)?.[0] ?? null;

const STYLE_RULES: StyleRule[] = [
  { id: 'and-or', find: firstMatch(/\band\/or\b/i), reason: 'uses "and/or"; choose "and" or "or"' },
  { id: 'etc', find: firstMatch(/\betc\b\.?/i), reason: 'uses "etc."; list what is meant or use "including"' },
  { id: 'should', find: firstMatch(/\bshould\b/i), reason: 'uses "should", which binds no one; use "shall" for a duty' },
  {
    id: 'shall-not',
    find: firstMatch(/\bshall not\b/i),
    reason: 'uses "shall not"; the library states prohibitions with "may not"',
  },
  {
    id: 'required-by-law',
    find: firstMatch(/\b(?:except|unless)\s+(?:as\s+)?(?:otherwise\s+)?(?:required|permitted|authori[sz]ed)\s+by\s+(?:federal\s+or\s+state\s+|state\s+or\s+federal\s+|federal\s+|state\s+|applicable\s+)?law\b/i),
    reason: 'uses an "except as required by law" exception, which administrative subpoenas pass through; name the judicial instrument or the statute',
  },
  {
    id: 'publicly-available',
    find: firstMatch(/\b(?:unless|except|other than)\b[^.;]{0,40}?\b(?:publicly available|available to the public)\b/i),
    reason: 'uses an "unless publicly available" exception, which invites publishing the data to escape the rule',
  },
  {
    id: 'including-but-not-limited-to',
    find: (text, clause) => (clause.kind === 'definition' && clause.term === 'including' ? null : firstMatch(/\bincluding,?\s+but\s+not\s+limited\s+to\b/i)(text)),
    reason: 'uses "including but not limited to"; write "including" (defined once as not limiting)',
  },
  {
    id: 'extent-practicable',
    find: firstMatch(/\bto the (?:maximum )?extent (?:practicable|feasible|possible)\b/i),
    reason: 'uses "to the extent practicable", which turns a duty into an option',
  },
  {
    id: 'bare-days',
    find: (text) => {
      for (const m of text.matchAll(/\bdays\b/gi)) {
        const before = /([A-Za-z]+)[^A-Za-z]*$/.exec(text.slice(0, m.index))?.[1]?.toLowerCase();
        if (before !== 'business' && before !== 'calendar') return text.slice(Math.max(0, m.index - 20), m.index + 4).trim();
      }
      return null;
    },
    reason: 'counts "days" without saying business days or calendar days',
  },
  {
    id: 'passive-prohibition',
    find: (text) => {
      for (const m of text.matchAll(/\b(?:shall|may|must)\s+(?:not|never)\s+be\s+([A-Za-z]+)\b/gi)) {
        if (isParticiple(m[1]!)) return m[0];
      }
      for (const m of text.matchAll(
        /(?:^|[.;:]\s+|,\s+)no\s+(?!later\b|more\b|less\b|fewer\b|earlier\b|sooner\b)[^.;:,]{0,60}?\b(?:shall|may|must)\s+be\s+([A-Za-z]+)\b/gi,
      )) {
        if (isParticiple(m[1]!)) return m[0].replace(/^[.;:,]\s+/, '');
      }
      return null;
    },
    reason: 'states a prohibition in the passive voice, which hides who is bound; name the actor ("An agency may not disclose ...")',
  },
  {
    id: 'typed-number',
    find: (text) =>
      firstMatch(/^\s*\((?:[a-z]|[0-9]+|[ivx]+|[A-Z])\)\s/)(text) ??
      firstMatch(/\b(?:sub)?(?:section|paragraph|subparagraph|division|subdivision|clause)s?\s+\((?:[a-zA-Z]{1,4}|[0-9]+)\)/i)(text),
    reason: 'types a provision number; numbers are computed, cross-reference with [@id]',
  },
  {
    id: 'small-numeral',
    find: firstMatch(/\b[1-9]\s+(?:business|calendar|days?|weeks?|months?|years?|hours?|times|members?|persons?|copies)\b/i),
    reason: 'writes a number from one to nine as a numeral; use words',
  },
  {
    id: 'large-number-word',
    find: firstMatch(/\b(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i),
    reason: 'writes a number of 10 or more in words; use numerals',
  },
];

/** Every style problem in a clause, as "variant v, provision p: reason ("quote")". */
function styleProblems(clause: Clause): string[] {
  const out: string[] = [];
  for (const v of clause.variants) {
    walkProvisions(v.provisions, (p, path) => {
      const text = plainText(p.text);
      for (const rule of STYLE_RULES) {
        const hit = rule.find(text, clause);
        if (hit) out.push(`variant ${v.id}, provision ${path.map((n) => n + 1).join('.')}: ${rule.reason} ("${hit}")`);
      }
    });
  }
  return out;
}

describe('clause library: completeness', () => {
  it('loads without problems', () => {
    expect(lib().clauses.length).toBeGreaterThan(0);
  });

  it('holds at least 80 clauses', () => {
    const n = lib().clauses.length;
    expectNoProblems(n >= 80 ? [] : [`clauses/: ${n} clauses, at least 80 required`]);
  });

  it('every element of every route is satisfied fully by at least one clause variant', () => {
    const l = lib();
    const full = new Set<string>();
    const partial = new Set<string>();
    for (const c of l.clauses) for (const v of c.variants) for (const [ref, lvl] of Object.entries(v.satisfies)) (lvl === 'full' ? full : partial).add(ref);
    const problems: string[] = [];
    for (const r of l.routes) {
      for (const e of r.elements) {
        const ref = `${r.id}.${e.id}`;
        if (!full.has(ref)) problems.push(`${routeFile(r.id)}: element ${ref} is ${partial.has(ref) ? 'only partially' : 'not'} satisfied by any clause variant`);
      }
    }
    expectNoProblems(problems);
  });

  it('each central route has at least two variants of different strength among the clauses that satisfy it', () => {
    const l = lib();
    const problems: string[] = [];
    for (const id of CENTRAL_ROUTES) {
      const route = l.routeById.get(id);
      if (!route) {
        problems.push(`${routeFile(id)}: central route "${id}" is missing`);
        continue;
      }
      const strengths = new Set<string>();
      const variants: string[] = [];
      for (const c of l.clauses) {
        for (const v of c.variants) {
          if (Object.keys(v.satisfies).some((ref) => ref.startsWith(`${id}.`))) {
            strengths.add(v.strength);
            variants.push(`${c.id}/${v.id} (${v.strength})`);
          }
        }
      }
      if (strengths.size < 2) {
        problems.push(
          `${routeFile(id)}: the clauses that satisfy "${id}" offer ${strengths.size === 0 ? 'no variant' : `only ${[...strengths].join(', ')} strength`} ` +
            `(${variants.join(', ') || 'none'}); at least two strengths are required`,
        );
      }
    }
    expectNoProblems(problems);
  });

  it('every clause suits a jurisdiction kind that some template is written for', () => {
    const l = lib();
    const kinds = new Set(l.templates.map((t) => t.kind));
    const problems = l.clauses
      .filter((c) => !c.suits.some((k) => kinds.has(k)))
      .map((c) => `${clauseFile(c.id)}: suits ${c.suits.join(', ')}, but the templates are for ${[...kinds].join(', ') || 'no kind'}`);
    expectNoProblems(problems);
  });
});

describe('clause library: drafting style', () => {
  it('clause text follows the house style (no and/or, etc., should, shall not, passive prohibitions, open exceptions, bare days, typed numbers)', () => {
    const problems = lib().clauses.flatMap((c) => styleProblems(c).map((p) => `${clauseFile(c.id)}: ${p}`));
    expectNoProblems(problems);
  });

  it('every clause lists in `requires` the definition clause of each term it uses', () => {
    const l = lib();
    const problems: string[] = [];
    for (const c of l.clauses) {
      if (c.kind === 'definition') continue;
      for (const term of termsOf(c)) {
        const def = l.definitionByTerm.get(term);
        if (def && !c.requires.includes(def.id)) problems.push(`${clauseFile(c.id)}: uses [[${term}]] but does not require "${def.id}"`);
      }
    }
    expectNoProblems(problems);
  });

  it('findings are single recitals that begin "WHEREAS,"', () => {
    const problems: string[] = [];
    for (const c of lib().clauses.filter((x) => x.kind === 'finding')) {
      for (const v of c.variants) {
        if (v.provisions.length !== 1 || v.provisions[0]!.children?.length) problems.push(`${clauseFile(c.id)}: variant ${v.id} must be a single recital`);
        const text = v.provisions[0]?.text ?? '';
        if (!/^WHEREAS, /.test(text)) problems.push(`${clauseFile(c.id)}: variant ${v.id} does not begin "WHEREAS, "`);
      }
    }
    expectNoProblems(problems);
  });

  it('operative sections cite at least one enacted law they are modelled on', () => {
    const problems = lib()
      .clauses.filter((c) => c.kind === 'section' && c.topic !== 'general' && c.modelledOn.length === 0)
      .map((c) => `${clauseFile(c.id)}: modelledOn is empty`);
    expectNoProblems(problems);
  });
});

describe('templates and profiles', () => {
  it('every placeholder the library uses is filled by every sample profile', () => {
    const l = lib();
    const used = new Map<string, string>(); // key -> first file using it
    for (const c of l.clauses) for (const k of placeholdersOf(c)) if (!used.has(k)) used.set(k, clauseFile(c.id));
    for (const t of l.templates) {
      for (const s of [t.heading, t.caption]) {
        for (const tok of tokenize(s)) if (tok.type === 'placeholder' && !used.has(tok.key)) used.set(tok.key, templateFile(t.id));
      }
    }
    const problems: string[] = [];
    if (l.profiles.length === 0) problems.push('seeds/profiles/: no sample profiles');
    for (const p of l.profiles) {
      for (const [key, file] of used) {
        const value = (p.values as Record<string, string | undefined>)[key];
        if (!value || value.trim() === '') problems.push(`${profileFile(p.id)}: does not fill {${key}} (used in ${file})`);
      }
    }
    expectNoProblems(problems);
  });

  it('there is a template for a city, a county and a state, each with a baseline and a comprehensive preset', () => {
    const l = lib();
    const problems: string[] = [];
    for (const kind of ['city', 'county', 'state'] as const) {
      if (!l.templates.some((t) => t.kind === kind)) problems.push(`seeds/templates/: no template for a ${kind}`);
      if (!l.profiles.some((p) => p.kind === kind)) problems.push(`seeds/profiles/: no sample profile for a ${kind}`);
    }
    for (const t of l.templates) {
      for (const id of ['baseline', 'comprehensive']) {
        if (!t.presets.some((p) => p.id === id)) problems.push(`${templateFile(t.id)}: no "${id}" preset`);
      }
    }
    expectNoProblems(problems);
  });

  it('each template opens with findings and the enacting clause, has a definitions section, and closes with the adoption block', () => {
    const l = lib();
    const problems: string[] = [];
    for (const t of l.templates) {
      const kinds = t.slots.map((s) => l.clauseById.get(s.clause)?.kind);
      const enacting = kinds.indexOf('enacting');
      if (enacting < 0) problems.push(`${templateFile(t.id)}: no enacting clause`);
      if (kinds.slice(enacting + 1).includes('finding')) problems.push(`${templateFile(t.id)}: a finding comes after the enacting clause`);
      if (kinds.slice(0, Math.max(enacting, 0)).some((k) => k !== 'finding')) problems.push(`${templateFile(t.id)}: only findings may precede the enacting clause`);
      if (!kinds.includes('definitions')) problems.push(`${templateFile(t.id)}: no definitions section`);
      if (kinds[kinds.length - 1] !== 'adoption') problems.push(`${templateFile(t.id)}: the last slot is not the adoption block`);
      if (kinds.includes('definition')) problems.push(`${templateFile(t.id)}: a single definition is a slot; definitions are added to the definitions section`);
    }
    expectNoProblems(problems);
  });

  it('each template offers every operative clause that suits its kind', () => {
    const l = lib();
    const problems: string[] = [];
    for (const t of l.templates) {
      const offered = new Set([...t.slots.map((s) => s.clause), ...t.presets.flatMap((p) => p.add.map((s) => s.clause))]);
      for (const c of l.clauses) {
        if (c.kind === 'section' && c.topic !== 'general' && c.suits.includes(t.kind) && !offered.has(c.id)) {
          problems.push(`${templateFile(t.id)}: clause "${c.id}" suits a ${t.kind} but no slot offers it`);
        }
      }
    }
    expectNoProblems(problems);
  });

  it("each template's comprehensive preset satisfies fully every element that applies to its kind of jurisdiction", () => {
    const l = lib();
    const problems: string[] = [];
    for (const t of l.templates) {
      // a city is not asked to close jail routes, nor a county the state's message switch
      const refs = allElementRefs(applicableRoutes(l.routes, t.kind));
      if (!t.presets.some((p) => p.id === 'comprehensive')) continue; // reported by the preset test
      const cov = coverageOfPreset(l, t, 'comprehensive');
      for (const ref of refs) {
        if (cov.full.has(ref)) continue;
        const suited = l.clauses
          .filter((c) => c.suits.includes(t.kind) && c.variants.some((v) => v.satisfies[ref] === 'full'))
          .map((c) => c.id);
        const hint = suited.length > 0 ? `; clauses that would: ${suited.join(', ')}` : `; no clause that suits a ${t.kind} satisfies it fully`;
        problems.push(`${templateFile(t.id)}: comprehensive preset ${cov.partial.has(ref) ? 'only partially satisfies' : 'does not satisfy'} ${ref}${hint}`);
      }
    }
    expectNoProblems(problems);
  });

  it('no preset selects two clauses that conflict, and every section a selected clause requires is selected too', () => {
    const l = lib();
    const problems: string[] = [];
    for (const t of l.templates) {
      for (const p of t.presets) {
        const selected = resolvePreset(t, p.id);
        const ids = new Set(selected.map((s) => s.clause));
        for (const s of selected) {
          const c = l.clauseById.get(s.clause);
          if (!c) continue;
          for (const other of c.conflicts) if (ids.has(other)) problems.push(`${templateFile(t.id)}: preset "${p.id}" selects "${c.id}" and "${other}", which conflict`);
          for (const req of c.requires) {
            const r = l.clauseById.get(req);
            if (r && r.kind !== 'definition' && !ids.has(req)) problems.push(`${templateFile(t.id)}: preset "${p.id}" selects "${c.id}", which requires "${req}", but not "${req}"`);
          }
        }
      }
    }
    expectNoProblems(problems);
  });
});
