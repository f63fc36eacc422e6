import type { Library } from '../library/library';
import type { Category, JurisdictionKind, Profile, Route, Severity, Strength } from '../schema';
import type { Weakening } from './weakening';
import type { SectionAnalysis } from './section';

/** What coverage needs of the library (a full Library satisfies it). */
export type CoverageLibrary = Pick<Library, 'info' | 'routes' | 'clauses' | 'clauseById'>;

export interface AnalyzeOptions {
  /** The checklist to check against (default: library.routes). */
  routes?: readonly Route[];
  /** Jurisdiction kind, for ranking suggestions (clauses that do not suit it are left out). */
  kind?: JurisdictionKind;
  /** Jurisdiction profile (lint: unresolved placeholders). */
  profile?: Pick<Profile, 'id' | 'values'> | null;
  /** Most suggestions per element (default 5). */
  maxSuggestions?: number;
}

export type ElementStatus = 'closed' | 'partial' | 'weakened' | 'open';
export type RouteStatus = 'closed' | 'partial' | 'open';

/** A section or provision of the draft, by id and by computed label. */
export interface ProvisionRef {
  nodeId: string;
  pos: number;
  /** "Section 4(b)(2)" */
  label: string;
}

/** How one provision addresses one element. */
export interface Address {
  via: 'provenance' | 'text';
  level: 'full' | 'partial' | 'weakened';
  provision: ProvisionRef;
  /** provenance: the clause and variant the provision came from */
  clause?: { id: string; variant: string; title: string; variantLabel: string };
  /** text: the sentence that satisfies the element's text rule */
  sentence?: string;
  /** Broad exceptions that keep it from closing the element ("except as required by law"). */
  exceptions?: { text: string; kind: string; label: string }[];
  /** Edits that weakened the library text, each with the words that caused it. */
  weakenings?: (Weakening & { label: string })[];
}

/** A library clause that would close (or partly close) an element, ranked. */
export interface Suggestion {
  clause: string;
  variant: string;
  title: string;
  variantLabel: string;
  strength: Strength;
  coverage: 'full' | 'partial';
  /** Clauses it requires that the draft does not have yet. */
  missingRequires: string[];
  /** Other elements, not closed now, the variant also declares fully. */
  alsoCloses: string[];
  /** Clauses in the draft it conflicts with. */
  conflictsWith: string[];
  /** The draft already has this clause (another variant, or this one edited). */
  inDocument: boolean;
}

export interface ElementReport {
  /** "route-id.element-id" */
  ref: string;
  routeId: string;
  elementId: string;
  statement: string;
  status: ElementStatus;
  addressedBy: Address[];
  /** One plain sentence: why the element has this status. */
  reason: string;
  suggestions: Suggestion[];
}

export interface RouteReport {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  status: RouteStatus;
  elements: ElementReport[];
}

/** A library clause in the draft whose text was changed. */
export interface EditReport {
  clause: string;
  variant: string;
  provision: ProvisionRef;
  /** False when the clause is not in this library (or no longer has the variant). */
  known: boolean;
  weakenings: (Weakening & { label: string })[];
  /** Inserted from a different library version than the one compared with. */
  libraryVersion: string;
}

export interface CoverageReport {
  libraryVersion: string;
  routes: RouteReport[];
  /** Every edited library clause, weakened or not. */
  edits: EditReport[];
  /**
   * Library clauses the drafter has not edited whose library text has changed since they
   * were inserted (another library version): they stand as inserted, are read by their
   * text, and may be worth updating.
   */
  outdated: { clause: string; variant: string; provision: ProvisionRef; libraryVersion: string }[];
  /**
   * Broad exemptions written as their own sentence ("This chapter does not apply to
   * publicly available information"), which lower every element they reach.
   */
  exemptions: { text: string; kind: string; provision: ProvisionRef }[];
  /** Per-section analyses in document order (memoised: an unchanged section gives the same object). */
  sections: readonly SectionAnalysis[];
}
