import { describe, expect, it } from 'vitest';
import { compileRules, disqualify, joinSentences, matchSentences, readSentences, sentenceCache } from '../../core/coverage/rules';
import { forceMarkers, readExceptions, readSentence, splitSentences, tokenize } from '../../core/coverage/text';
import type { Route } from '../../core/schema';
import { Route as RouteSchema } from '../../core/schema';

function kinds(text: string): string[] {
  const s = readSentence(text);
  return s.kind === 'operative' ? s.markers.map((m) => m.kind) : [s.kind];
}

function route(rules: { force?: 'prohibition' | 'duty' | 'any'; all: string[][]; none?: string[] }[]): Route {
  return RouteSchema.parse({
    id: 'r',
    title: 'Test route',
    category: 'governance',
    severity: 'high',
    howItWorks: 'A route made up for the text reader tests.',
    examples: [{ text: 'An example of the route.', source: 'test' }],
    elements: [{ id: 'e', statement: 'The element of the test.', satisfiedBy: 'Text that matches the rule.', text: rules }],
    closedOrNarrowedBy: [],
    pitfalls: ['A pitfall of the test route.'],
  });
}

/** Does the text (optionally under a lead-in) satisfy the single rule of the route? */
function matches(r: Route, text: string, leadIn?: string): boolean {
  const index = compileRules([r]);
  const cache = sentenceCache(index);
  const own = [...readSentences(index, text, cache)];
  if (leadIn) own[0] = joinSentences(index, readSentences(index, leadIn, cache).at(-1)!, own[0]!);
  return matchSentences(index, own, disqualify(own, null)).length > 0;
}

describe('coverage text reader: words and sentences', () => {
  it('splits sentences at full stops, not at abbreviations, citations or semicolons', () => {
    const s = splitSentences('An agency may not disclose it under 8 U.S.C. §1373. The agency shall report; it shall also log. See Cal. Gov. Code §7284.6 for more. {governing_body} shall act.');
    expect(s.map((x) => x.text)).toEqual([
      'An agency may not disclose it under 8 U.S.C. §1373.',
      'The agency shall report; it shall also log.',
      'See Cal. Gov. Code §7284.6 for more.',
      '{governing_body} shall act.',
    ]);
  });

  it('tokenises words lower-cased, splitting apostrophes and hyphens, keeping clause punctuation', () => {
    expect(tokenize("The Person's re-disclosure, (a)").map((t) => t.w)).toEqual(['the', 'person', 's', 're', 'disclosure', ',', '(', 'a', ')']);
  });
});

describe('coverage text reader: force', () => {
  it.each([
    ['An agency may not disclose the record.', ['prohibition']],
    ['An agency shall not disclose the record.', ['prohibition']],
    ['No agency, officer, or employee may disclose the record.', ['prohibition']],
    ['No officer shall disclose the record.', ['prohibition']],
    ['An agency is prohibited from disclosing the record.', ['prohibition']],
    ['An agency may disclose the record only if a judge orders it.', ['prohibition']],
    ['An agency shall publish a report.', ['duty']],
    ['An agency must publish a report.', ['duty']],
    ['An agency is required to publish a report.', ['duty']],
    ['An agency may publish a report.', ['permission']],
    ['An agency should publish a report.', ['discretion']],
    ['An agency is encouraged to publish a report.', ['discretion']],
    ['A person injured by a violation may bring a civil action.', ['right']],
    ['No agency shall be required to publish a report.', []],
    ['No later than March 1, the agency shall publish a report.', ['duty']],
    ['Nothing in this chapter prohibits an agency from complying with a judicial warrant.', ['savings']],
    ['This section does not apply to a record that is a public record.', ['savings']],
    ['This chapter shall not be construed to require an unlawful act.', ['savings']],
    ['"Agency" means a department of the city.', ['definition']],
  ])('%s -> %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('marks the words that carry the force', () => {
    const toks = tokenize('No agency or employee may disclose it.');
    const [m] = forceMarkers(toks);
    expect(toks.slice(m!.from, m!.to).map((t) => t.w)).toEqual(['no', 'agency', 'or', 'employee', 'may']);
  });
});

describe('coverage text reader: exceptions', () => {
  it.each([
    ['An agency may not disclose it, except as required by law.', 'except as required by law', 'required-by-law'],
    ['An agency may not disclose it unless the information is publicly available.', 'unless the information is publicly available', 'publicly-available'],
    ['An agency shall, to the extent practicable, log each access.', 'to the extent practicable', 'practicable'],
    ['An agency may not disclose it unless otherwise provided by law.', 'unless otherwise provided by law', 'otherwise-provided'],
    ['An agency may not disclose it except as otherwise permitted.', 'except as otherwise permitted', 'otherwise-provided'],
    ['An agency may not disclose it except for a legitimate law enforcement purpose.', 'except for a legitimate law enforcement purpose', 'law-enforcement-purpose'],
    ['An agency may not disclose it unless the Chief of Police approves the disclosure.', 'unless the Chief of Police approves the disclosure', 'discretion'],
  ])('%s', (sentence, text, kind) => {
    const e = readExceptions(sentence);
    expect(e.map((x) => [x.text, x.broad])).toContainEqual([text, kind]);
  });

  it('reads narrow exceptions as narrow', () => {
    const e = readExceptions('An agency may not disclose it except pursuant to a judicial warrant, unless a judge authorizes the disclosure.');
    expect(e.map((x) => x.broad)).toEqual([null, null]);
    expect(e[0]!.text).toBe('except pursuant to a judicial warrant');
  });

  it('does not read "whether or not ... available to the public" as an exception', () => {
    expect(readExceptions('An agency may not disclose it, whether or not the information is available to the public.')).toEqual([]);
  });
});

describe('coverage text rules', () => {
  const prohibitionRule = route([{ force: 'prohibition', all: [['disclos*', 'make available'], ['fusion center*'], ['immigration enforcement']] }]);

  it('needs every group, in one sentence, with the force asked for', () => {
    expect(matches(prohibitionRule, 'An agency may not disclose data to a fusion center for immigration enforcement.')).toBe(true);
    expect(matches(prohibitionRule, 'An agency may disclose data to a fusion center for immigration enforcement.')).toBe(false);
    expect(matches(prohibitionRule, 'An agency may not disclose data to a fusion center. It shall not assist immigration enforcement.')).toBe(false);
    expect(matches(prohibitionRule, 'An agency may not disclose data to a federal agency for immigration enforcement.')).toBe(false);
  });

  it('matches phrases case-insensitively, on word boundaries, with a trailing * for any ending', () => {
    expect(matches(prohibitionRule, 'AN AGENCY MAY NOT DISCLOSE DATA TO FUSION CENTERS FOR IMMIGRATION ENFORCEMENT.')).toBe(true);
    // "disclos*" does not match inside "undisclosed"; "fusion center*" does not match "fusion centre"
    expect(matches(prohibitionRule, 'An agency may not keep undisclosed data at a fusion center for immigration enforcement.')).toBe(false);
    expect(matches(prohibitionRule, 'An agency may not disclose data to a fusion centre for immigration enforcement.')).toBe(false);
    // a phrase does not match across a comma
    expect(matches(route([{ all: [['make available'], ['hub']] }]), 'An agency shall make, available or not, a hub.')).toBe(false);
  });

  it('reads a provision together with the lead-in it continues', () => {
    expect(matches(prohibitionRule, 'data to a fusion center for immigration enforcement.', 'An agency may not disclose:')).toBe(true);
    expect(matches(prohibitionRule, 'data to a fusion center for immigration enforcement.')).toBe(false);
  });

  it('a `none` phrase disqualifies the rule', () => {
    const r = route([{ force: 'prohibition', all: [['disclos*'], ['student*']], none: ['except as required by law'] }]);
    expect(matches(r, 'A school may not disclose student records.')).toBe(true);
    expect(matches(r, 'A school may not disclose student records except as required by law.')).toBe(false);
  });

  it('"any" force is a prohibition, a duty or a conferred right, never a bare permission', () => {
    const r = route([{ force: 'any', all: [['log'], ['purpose']] }]);
    expect(matches(r, 'The hub shall log each access and its purpose.')).toBe(true);
    expect(matches(r, 'The hub may log each access and its purpose.')).toBe(false);
    expect(matches(r, 'The hub should log each access and its purpose.')).toBe(false);
  });

  it('names the phrase and where in the route data when a phrase has no words', () => {
    const bad = route([{ all: [['disclos*']] }]);
    bad.elements[0]!.text[0]!.all[0]!.push('**');
    expect(() => compileRules([bad])).toThrow(/route "r", element "e", text rule 1: the phrase "\*\*" has no words/);
  });
});
