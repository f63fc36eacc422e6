import { describe, expect, it } from 'vitest';
import { buildLibrary, type LibrarySources } from '../../core/library/library';
import { applicableRoutes } from '../../core/schema';
import { loadLibrary } from '../../core/node/library';
import { formatReport, libraryReport } from '../../core/library/report';
import { coverageOfPreset, resolvePreset } from '../../core/library/coverage-of-preset';
import { PLACEHOLDER_KEYS } from '../../core/schema';

/** A small library whose numbers are known by hand. */
function fixture(): LibrarySources {
  const route = `
id: demo-route
title: Demo route
category: governance
severity: high
howItWorks: A route used only to test the library report.
examples:
  - text: A made-up example for the test.
    source: Test fixture, 2026
elements:
  - id: one
    statement: The first element of the demo route.
    satisfiedBy: A clause that does the first thing.
    text: [{ all: [[first thing]] }]
  - id: two
    statement: The second element of the demo route.
    satisfiedBy: A clause that does the second thing.
    text: [{ all: [[second thing]] }]
  - id: three
    statement: The third element of the demo route.
    satisfiedBy: A clause that does the third thing.
    text: [{ all: [[third thing]] }]
closedOrNarrowedBy: []
pitfalls: [A pitfall used only in the test.]
`;
  const def = `
id: def-widget
title: Definition of "widget"
kind: definition
topic: general
term: widget
suits: [city, county, state]
variants:
  - id: standard
    label: Standard
    strength: baseline
    tradeoffs: None; a test definition.
    provisions:
      - text: '"[[Widget|widget]]" means a thing used in the test.'
commentary: { does: Defines the test term for the fixture library., tradeoffs: None at all., risks: None at all. }
`;
  const alpha = `
id: alpha
title: Alpha section
kind: section
topic: governance
suits: [city, county]
requires: [def-widget]
variants:
  - id: baseline
    label: Baseline
    strength: baseline
    tradeoffs: Does the first thing only, in part.
    satisfies: { demo-route.one: partial }
    provisions: [{ text: 'An [[widget]] may not do the first thing.' }]
  - id: strong
    label: Strong
    strength: strong
    tradeoffs: Does the first and second things fully.
    satisfies: { demo-route.one: full, demo-route.two: full }
    provisions: [{ text: 'An [[widget]] may not do the first thing or the second thing.' }]
commentary: { does: A section used only by the report test., tradeoffs: Baseline against strong., risks: None at all. }
modelledOn: [{ citation: Test Code 1-1 }]
`;
  const beta = `
id: beta
title: Beta section
kind: section
topic: shared-systems
suits: [city]
variants:
  - id: only
    label: Only
    strength: minimal
    tradeoffs: Does the third thing in part.
    satisfies: { demo-route.three: partial }
    provisions: [{ text: 'An agency shall do the third thing.' }]
commentary: { does: Another section used by the report test., tradeoffs: Only one variant., risks: None at all. }
`;
  const template = `
id: demo-template
title: Demo template
kind: city
heading: ORDINANCE NO. {ordinance_number}
caption: AN ORDINANCE used only by the report test
slots:
  - { clause: alpha, variant: baseline }
  - { clause: beta, variant: only }
  - { clause: alpha, variant: baseline }
presets:
  - id: baseline
    label: Baseline
    description: The slots as written.
  - id: comprehensive
    label: Comprehensive
    description: Alpha at its strongest, beta left out.
    choices: { alpha: strong, beta: omit }
defaultPreset: baseline
`;
  const profile = `
id: demo-city
name: Demo City
kind: city
values:
${PLACEHOLDER_KEYS.map((k) => `  ${k}: 'Demo ${k}'`).join('\n')}
`;
  return {
    info: { path: 'clauses/_library.yaml', text: 'name: Test library\nversion: 1.2.3\n' },
    routes: [{ path: 'seeds/routes/demo-route.yaml', text: route }],
    clauses: [
      { path: 'clauses/definitions/def-widget.yaml', text: def },
      { path: 'clauses/governance/alpha.yaml', text: alpha },
      { path: 'clauses/shared-systems/beta.yaml', text: beta },
    ],
    templates: [{ path: 'seeds/templates/demo-template.yaml', text: template }],
    profiles: [{ path: 'seeds/profiles/demo-city.yaml', text: profile }],
  };
}

describe('coverage of a template preset', () => {
  const lib = buildLibrary(fixture());
  const t = lib.templateById.get('demo-template')!;

  it('applies the preset choices to the slots, drops omitted clauses and repeated slots', () => {
    expect(resolvePreset(t, 'baseline')).toEqual([
      { clause: 'alpha', variant: 'baseline', from: 'slot' },
      { clause: 'beta', variant: 'only', from: 'slot' },
    ]);
    expect(resolvePreset(t, 'comprehensive')).toEqual([{ clause: 'alpha', variant: 'strong', from: 'slot' }]);
    expect(resolvePreset(t)).toEqual(resolvePreset(t, 'baseline'));
  });

  it('computes full and partial element sets from the satisfies declarations', () => {
    const base = coverageOfPreset(lib, t, 'baseline');
    expect([...base.full]).toEqual([]);
    expect([...base.partial].sort()).toEqual(['demo-route.one', 'demo-route.three']);
    const comp = coverageOfPreset(lib, t, 'comprehensive');
    expect([...comp.full].sort()).toEqual(['demo-route.one', 'demo-route.two']);
    expect([...comp.partial]).toEqual([]);
    expect(comp.by.get('demo-route.one')).toEqual([{ clause: 'alpha', variant: 'strong', level: 'full' }]);
  });
});

describe('library report', () => {
  it('counts routes, elements, clauses, variants, terms and coverage per template and preset', () => {
    const r = libraryReport(buildLibrary(fixture()));
    expect(r.name).toBe('Test library');
    expect(r.version).toBe('1.2.3');
    expect(r.routes).toBe(1);
    expect(r.elements).toBe(3);
    expect(r.clauses).toEqual({
      total: 3,
      byKind: { definition: 1, section: 2 },
      byTopic: { general: 1, governance: 1, 'shared-systems': 1 },
    });
    expect(r.variants).toEqual({ total: 4, byStrength: { baseline: 2, minimal: 1, strong: 1 } });
    expect(r.definedTerms).toBe(1);
    expect(r.profiles).toBe(1);
    // whole library: one and two full (alpha strong), three partial (beta)
    expect(r.library).toEqual({ full: 2, partial: 1, none: 0, total: 3 });
    expect(r.templates).toHaveLength(1);
    expect(r.templates[0]!.presets).toEqual([
      { id: 'baseline', label: 'Baseline', clauses: 2, isDefault: true, full: 0, partial: 2, none: 1, total: 3 },
      { id: 'comprehensive', label: 'Comprehensive', clauses: 1, isDefault: false, full: 2, partial: 0, none: 1, total: 3 },
    ]);
  });

  it('renders a plain text table', () => {
    const text = formatReport(libraryReport(buildLibrary(fixture())));
    expect(text).toContain('Test library 1.2.3');
    expect(text).toMatch(/^Routes\s+1$/m);
    expect(text).toMatch(/^Route elements\s+3$/m);
    expect(text).toMatch(/^Clauses\s+3$/m);
    expect(text).toMatch(/^governance\s+1$/m);
    expect(text).toMatch(/^demo-template \(city\) \/ baseline \*\s+2\s+0\s+2\s+1\s+3\s+0%$/m);
    expect(text).toMatch(/^demo-template \(city\) \/ comprehensive\s+1\s+2\s+0\s+1\s+3\s+67%$/m);
    // every line of a table has no trailing space, and the header rule matches the header width
    for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
  });

  it('reports on the real library', () => {
    const lib = loadLibrary();
    const r = libraryReport(lib);
    expect(r.routes).toBe(lib.routes.length);
    expect(r.clauses.total).toBe(lib.clauses.length);
    expect(Object.values(r.clauses.byKind).reduce((a, b) => a + b, 0)).toBe(lib.clauses.length);
    for (const t of r.templates) {
      // each template is measured against the elements that apply to its kind of jurisdiction
      const applicable = applicableRoutes(lib.routes, t.kind as 'city' | 'county' | 'state').reduce((n, route) => n + route.elements.length, 0);
      expect(applicable).toBeLessThanOrEqual(r.elements);
      for (const p of t.presets) expect(p.full + p.partial + p.none).toBe(applicable);
      // the comprehensive preset closes everything that applies
      expect(t.presets.find((p) => p.id === 'comprehensive')?.full).toBe(applicable);
    }
    expect(formatReport(r)).toContain('Element coverage');
  });
});
