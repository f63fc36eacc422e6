/**
 * Review mode (issue 9): review an ordinance someone else wrote. Import a .docx, text or
 * Markdown file (File › Import, the toolbar, or a drop on the window), open it read-only
 * with its coverage, the met elements highlighted in the text, its weak spots and a
 * comparison with the library's model clauses, and export the review as a coverage
 * report in Word.
 *
 * App.tsx: `const review = useReviewMode({...})`, then mount <ReviewBanner> above the
 * editor, <WeakSpotsPanel> in the right sidebar and <ReviewLayer> (import progress,
 * highlights, the comparison) in the workspace grid; `review.readOnly` is the editor's.
 */
export { ReviewBanner } from './ReviewBanner';
export { WeakSpotsPanel } from './WeakSpotsPanel';
export { CompareView } from './CompareView';
export { ReviewLayer, ImportProgress, useReviewHighlights } from './ReviewLayer';
export { useReviewMode, useImportForReview, type ReviewMode, type ReviewModeOptions, type ImportForReview, type ImportProgressState, type LoadedProject } from './useReviewMode';
export { useReviewFileDrop } from './useFileDrop';
export { importForReview, importFileForReview, importBytes, formatOf, guessKind, reviewError, ReviewImportError, REVIEW_EXTENSIONS, STAGE_LABEL, IMPORT_STAGES, type ReviewProject, type ImportStage, type ReviewFormat } from './import';
export { reviewHighlights, highlightRanges, highlightDecorations, reviewHighlightsKey, type HighlightRange } from './highlights';
export { weakSpots, liveFindings, liveText, WEAK_SPOT_GROUPS, type WeakSpot, type WeakSpotKind } from './weak-spots';
export { modelCandidates, sectionChoices, sectionElements, draftLines, modelLines, compareRows, type ModelCandidate, type CompareRow, type CompareLine } from './compare';
export { exportReviewReport, reviewReportBytes, reportFileName } from './export';
