import { useEffect, useRef } from 'react';
import { useWorkspace } from '../workspace/context';
import { CompareView } from './CompareView';
import { reviewHighlights } from './highlights';
import { IMPORT_STAGES, STAGE_LABEL } from './import';
import type { ImportProgressState, ReviewMode } from './useReviewMode';
import './review.css';

/**
 * What review mode adds to the workspace besides the banner and the weak spots: the
 * import's progress, the highlights of met elements in the editor, and the comparison
 * with the model (over the panes, like the coverage matrix). Mount it once inside the
 * workspace (a child of the .ow-app grid, inside the WorkspaceContext provider).
 */
export function ReviewLayer({ review }: { review: ReviewMode }) {
  const w = useWorkspace();
  useReviewHighlights(review);
  return (
    <>
      {review.progress ? <ImportProgress progress={review.progress} /> : null}
      {review.session && review.compare.open && w.state ? (
        <CompareView sectionId={review.compare.sectionId} onSection={(id) => review.openCompare(id)} onClose={() => review.closeCompare()} />
      ) : null}
    </>
  );
}

/** The met elements of the review's report, highlighted in the editor while the review lasts and highlights are on. */
export function useReviewHighlights(review: ReviewMode): void {
  const { view, report } = useWorkspace();
  const mounted = useRef(false);
  const session = review.session;
  const on = review.highlights;
  useEffect(() => {
    if (!view || view.isDestroyed) return;
    const show = !!session && on && !!report;
    if (!show && !mounted.current) return;
    // a view plugin, not part of the editor state: the document and its history are untouched
    view.setProps({ plugins: show ? [reviewHighlights(report!, { doc: session!.doc })] : [] });
    mounted.current = show;
  }, [view, report, session, on]);
}

/** A small, non-blocking indicator of the import under way. */
export function ImportProgress({ progress }: { progress: ImportProgressState }) {
  const step = IMPORT_STAGES.indexOf(progress.stage) + 1;
  return (
    <div className="ow-rv-progress" role="status" aria-live="polite" data-testid="import-progress">
      <p>
        {progress.name ? (
          <>
            Importing <strong>{progress.name}</strong>: {STAGE_LABEL[progress.stage]}…
          </>
        ) : (
          <>{STAGE_LABEL[progress.stage]}…</>
        )}
      </p>
      <progress max={IMPORT_STAGES.length} value={step} aria-label={`Step ${step} of ${IMPORT_STAGES.length}`} />
    </div>
  );
}
