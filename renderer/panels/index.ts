/**
 * The workspace panels (clause library, coverage, checks, matrix). App.tsx mounts
 * these inside a <WorkspaceContext.Provider>; each reads what it needs through
 * useWorkspace().
 */
export { LibraryPanel } from './LibraryPanel';
export { CoveragePanel } from './CoveragePanel';
export { ChecksPanel } from './ChecksPanel';
export { MatrixView } from './MatrixView';
export { clauseDropPlugin, CLAUSE_MIME } from './drop';
