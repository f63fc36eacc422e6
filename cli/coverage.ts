import type { Node as PMNode } from 'prosemirror-model';
import { analyze, lint, summarize, type CoverageReport, type CoverageSummary, type LintFinding } from '../core/coverage';
import type { ProjectProfile } from '../core/document/project';
import { numberDocument } from '../core/document/numbering';
import { inlineText } from '../core/document/text';
import type { Library } from '../core/library/library';
import type { Severity } from '../core/schema';

/** The check of one document: coverage, its summary, and lint findings with their locations. */
export interface CheckResult {
  report: CoverageReport;
  summary: CoverageSummary;
  lint: (Omit<LintFinding, 'fix'> & { location: string; fixable: boolean })[];
}

const BLOCK_NAMES: Record<string, string> = {
  title: 'Title',
  caption: 'Caption',
  recital: 'Recitals',
  enacting: 'Enacting clause',
  adoption: 'Adoption block',
};

/** Where a finding is, in words: its label, or the part of the ordinance that holds it. */
export function locationOf(doc: PMNode, f: Pick<LintFinding, 'label' | 'pos' | 'nodeId'>): string {
  if (f.label) return f.label;
  let where = '';
  doc.forEach((node, offset) => {
    if (where || f.pos < offset || f.pos >= offset + node.nodeSize) return;
    where = BLOCK_NAMES[node.type.name] ?? (node.type.name === 'section' ? `the section "${node.firstChild?.textContent ?? ''}"` : node.type.name);
  });
  return where || (f.nodeId ? `node ${f.nodeId}` : 'the document');
}

/** A project profile's values without the keys it leaves out. */
export function valuesOf(profile: ProjectProfile | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(profile?.values ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export function runCheck(doc: PMNode, library: Library, projectProfile: ProjectProfile | null): CheckResult {
  const profile = projectProfile ? { id: projectProfile.id, values: valuesOf(projectProfile) } : null;
  const report = analyze(doc, library, projectProfile ? { kind: projectProfile.kind, profile } : {});
  const findings = lint(doc, library, { profile });
  return {
    report,
    summary: summarize(report),
    lint: findings.map(({ fix, ...f }) => ({ ...f, location: locationOf(doc, f), fixable: !!fix })),
  };
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium'];

/** Severities at or above the threshold ("high" -> critical and high). */
export function severitiesFrom(threshold: Severity): Severity[] {
  return SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(threshold) + 1);
}

/** The ordinance's title as it reads, placeholders filled ("ORDINANCE NO. 2027-014"). */
export function readingTitle(doc: PMNode, profile: ProjectProfile | null): string {
  const first = doc.firstChild;
  if (!first) return '';
  return inlineText(first, { values: valuesOf(profile) }, numberDocument(doc)).trim();
}
