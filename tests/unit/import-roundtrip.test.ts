import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/coverage';
import { parseProject } from '../../core/document/project';
import { documentLines } from '../../core/document/text';
import { exportDocx } from '../../core/export/docx';
import { importDocx } from '../../core/import/docx';
import { loadLibrary, PROJECT_ROOT } from '../../core/node/library';
import type { JurisdictionKind } from '../../core/schema';

/**
 * Round trip: every sample draft exported to Word and imported again gives the same
 * sections, labels and text, and the same coverage as the same text read directly.
 */
const draftsDir = join(PROJECT_ROOT, 'seeds', 'drafts');
const drafts = readdirSync(draftsDir).filter((f) => f.endsWith('.ordinance.json'));

/** The document as text alone: provenance removed, so coverage reads the words, as it must for an imported file. */
function withoutProvenance(doc: PMNode): PMNode {
  const strip = (n: PMNode): PMNode => {
    if (n.isText || n.isLeaf) return n;
    const kids: PMNode[] = [];
    n.forEach((c) => kids.push(strip(c)));
    const attrs = 'prov' in n.attrs ? { ...n.attrs, prov: null } : n.attrs;
    return n.type.create(attrs, kids, n.marks);
  };
  return strip(doc);
}

/** Body lines: sections and provisions with their labels (front matter and signatures differ in form only). */
function bodyLines(doc: PMNode, values: Record<string, string>): string[] {
  const lines = documentLines(doc, { values });
  const first = lines.findIndex((l) => /^Section 1\. /.test(l));
  const adoptionStart = (() => {
    let count = 0;
    doc.forEach((n) => {
      if (n.type.name === 'adoption') count = n.childCount;
    });
    return lines.length - count;
  })();
  return lines.slice(first, adoptionStart).map((l) => l.trim().replace(/\s+/g, ' '));
}

describe('sample drafts survive export to .docx and import', () => {
  it('there are sample drafts', () => expect(drafts.length).toBeGreaterThanOrEqual(3));
  const library = loadLibrary();
  for (const file of drafts) {
    it(file, async () => {
      const parsed = parseProject(readFileSync(join(draftsDir, file), 'utf8'), { library });
      if (!parsed.ok) throw parsed.error;
      const { doc, profile } = parsed.project;
      const values = profile.values as Record<string, string>;
      const bytes = await exportDocx({ doc, values, library, options: { mode: 'clean', draft: false } });
      const imported = await importDocx(bytes);

      // the same sections, labels and text, in order
      expect(bodyLines(imported.doc, {})).toEqual(bodyLines(doc, values));
      expect(imported.stats.sections).toBe(countSections(doc));

      // the same coverage as the original's text read directly
      const kind = profile.kind as JurisdictionKind | undefined;
      const want = analyze(withoutProvenance(doc), library, { kind });
      const got = analyze(imported.doc, library, { kind });
      const statuses = (r: typeof want) => r.routes.flatMap((route) => route.elements.map((e) => `${e.ref}: ${e.status}`));
      expect(statuses(got)).toEqual(statuses(want));
    });
  }
});

function countSections(doc: PMNode): number {
  let n = 0;
  doc.forEach((c) => {
    if (c.type.name === 'section') n++;
  });
  return n;
}
