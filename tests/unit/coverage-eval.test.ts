import { describe, expect, it } from 'vitest';
import { formatEval, readFixtures, runCoverageEval } from '../../scripts/coverage-eval';
import { judgeText } from '../../core/coverage/judge';
import { loadLibrary } from '../../core/node/library';

/**
 * The text rules of the real checklist (seeds/routes) against the hand-drafted fixture
 * provisions. Measured when the suite was written: the first two batches scored
 * precision 0.98 and recall 0.96 before the route data was tuned (the misses were
 * reported); the held-out third batch, 24 provisions over 9 further routes, scored 23 of
 * 24; with the five probes written against known gaps the whole suite (127 provisions,
 * 24 routes) scores 0.96 and 0.96. The thresholds leave room for the route data to
 * move; a drop below them means the rules got looser or narrower.
 */
const PRECISION = 0.9;
const RECALL = 0.9;

describe('coverage text rules: fixture suite', () => {
  const fixtures = readFixtures();

  it('has at least 25 provisions that should and 25 that should not close an element, over at least 10 routes', () => {
    expect(fixtures.filter((f) => f.expect).length).toBeGreaterThanOrEqual(25);
    expect(fixtures.filter((f) => !f.expect).length).toBeGreaterThanOrEqual(25);
    expect(new Set(fixtures.map((f) => f.element.split('.')[0])).size).toBeGreaterThanOrEqual(10);
  });

  it(`reaches precision >= ${PRECISION} and recall >= ${RECALL}`, () => {
    const result = runCoverageEval();
    const { precision, recall } = result.overall;
    if ((precision ?? 0) < PRECISION || (recall ?? 0) < RECALL) throw new Error(formatEval(result));
    expect(precision).toBeGreaterThanOrEqual(PRECISION);
    expect(recall).toBeGreaterThanOrEqual(RECALL);
  });

  it('judges through the same path as a draft: a broad exception makes a match partial, not closed', () => {
    const lib = loadLibrary();
    const j = judgeText([{ text: 'An agency shall not share license plate reader data with a federal agency for immigration enforcement, except as required by law.' }], 'alpr-sharing.no-sharing', lib);
    expect(j).toMatchObject({ status: 'partial', satisfies: false });
    expect(() => judgeText([{ text: 'Any text at all.' }], 'alpr-sharing.no-such-element', lib)).toThrow(/route "alpr-sharing" has no element "no-such-element"/);
  });
});
