export { analyze } from './analyze';
export { lint, type LintFinding, type LintFix, type LintRule, type LintSeverity, type LintOptions } from './lint';
export { summarize, SEVERITY_WEIGHT, ELEMENT_VALUE, type CoverageSummary, type SeverityCounts } from './summary';
export { compareWithLibrary, type Weakening, type WeakeningKind } from './weakening';
export { judgeText, type TextJudgement } from './judge';
export type * from './types';
export type { SectionAnalysis, SectionHit, ProvenanceUnit, Exemption } from './section';
