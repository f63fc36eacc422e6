import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/coverage/analyze';
import { summarize } from '../../core/coverage/summary';
import { clauseSection, handSection, ordinance, replaceText, testLibrary } from './helpers/coverage-doc';

const lib = testLibrary();

function repeated(clause: string, variant: string | undefined, n: number) {
  const taken = new Set<string>();
  return ordinance(Array.from({ length: n }, () => clauseSection(lib, clause, variant, undefined, taken)));
}

describe('coverage summary', () => {
  it('weights routes by severity and each route by the mean of its elements', () => {
    // hub (critical, 3) fully closed; remedy (high, 2) and reports (medium, 1) open: 3 / 6
    const strong = summarize(analyze(repeated('hub-participation', 'strong', 1), lib));
    expect(strong.score).toBe(50);
    expect(strong.routes).toEqual({ closed: 1, partial: 0, open: 2, total: 3 });
    expect(strong.bySeverity).toEqual({
      critical: { closed: 1, partial: 0, open: 0, total: 1 },
      high: { closed: 0, partial: 0, open: 1, total: 1 },
      medium: { closed: 0, partial: 0, open: 1, total: 1 },
    });
    expect(strong.elements).toEqual({ closed: 4, partial: 0, weakened: 0, open: 4, total: 8 });
    expect(strong.headline).toBe('Closes 1 of 3 routes (1 of 1 critical); 0 partly, 2 open; score 50/100.');
    // baseline: no-provision closed (1), written-terms partial (0.5), the rest open: 3 * 1.5/4 / 6 = 18.75
    expect(summarize(analyze(repeated('hub-participation', 'baseline', 1), lib)).score).toBe(19);
  });

  it('cannot be raised by repeating a clause', () => {
    const once = summarize(analyze(repeated('hub-participation', 'baseline', 1), lib));
    const tenTimes = summarize(analyze(repeated('hub-participation', 'baseline', 10), lib));
    expect(tenTimes.score).toBe(once.score);
    expect(tenTimes.elements).toEqual(once.elements);
    const remedy = summarize(analyze(repeated('annual-report', undefined, 25), lib));
    expect(remedy.score).toBe(summarize(analyze(repeated('annual-report', undefined, 1), lib)).score);
    expect(remedy.score).toBe(17); // 1 of 6 weight
  });

  it('cannot be raised by pasting one sentence into every section', () => {
    const sentence = { text: 'An agency shall not share records with a hub for immigration enforcement.' };
    const one = summarize(analyze(ordinance([handSection('s0', 'Hubs', [sentence])]), lib));
    const many = summarize(analyze(ordinance(Array.from({ length: 40 }, (_, i) => handSection(`s${i}`, `Hubs ${i}`, [sentence]))), lib));
    expect(many.score).toBe(one.score);
    expect(one.score).toBe(13); // 3 * (1/4) / 6
  });

  it('counts weakened clauses and lowers the score for them', () => {
    const doc = repeated('hub-participation', 'strong', 1);
    const weakened = summarize(analyze(replaceText(doc, 'shall suspend', 'may suspend'), lib));
    expect(weakened.weakenedClauses).toBe(1);
    expect(weakened.elements.weakened).toBe(1);
    expect(weakened.score).toBeLessThan(50);
    expect(weakened.headline).toMatch(/; 1 library clause weakened by editing\.$/);
  });

  it('an empty checklist scores 0 rather than dividing by zero', () => {
    const s = summarize(analyze(repeated('annual-report', undefined, 1), lib, { routes: [] }));
    expect(s.score).toBe(0);
    expect(s.routes.total).toBe(0);
  });
});
