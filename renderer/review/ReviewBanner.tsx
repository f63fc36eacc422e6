import { useId } from 'react';
import { useWorkspace } from '../workspace/context';
import type { ReviewMode } from './useReviewMode';
import './review.css';

const FORMAT: Record<string, string> = { docx: 'Word document', text: 'text file', markdown: 'Markdown file' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Above the editor while an imported ordinance is reviewed: what is open and that it is
 * read-only, what the import could not recognise, and the review's actions (highlights,
 * compare with the model, export the report, edit a copy).
 */
export function ReviewBanner({ review }: { review: ReviewMode }) {
  const w = useWorkspace();
  const notesId = useId();
  const s = review.session;
  if (!s) return null;
  const st = s.stats;
  return (
    <div className="ow-rv-banner" role="region" aria-label="Review" data-testid="review-banner">
      <div className="ow-rv-banner-main">
        <svg className="ow-rv-banner-icon" width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M1.5 10s3.2-5.5 8.5-5.5 8.5 5.5 8.5 5.5-3.2 5.5-8.5 5.5S1.5 10 1.5 10z" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <circle cx="10" cy="10" r="2.6" fill="currentColor" />
        </svg>
        <p className="ow-rv-banner-title">
          Reviewing <strong data-testid="review-name">{s.name}</strong> <span className="ow-rv-readonly">– read-only</span>
        </p>
        <p className="ow-rv-banner-meta">
          {FORMAT[s.format]}: {plural(st.sections, 'section')}, {plural(st.provisions, 'provision')}
          {st.definitions ? `, ${plural(st.definitions, 'definition')}` : ''}
        </p>
        <div className="ow-rv-banner-actions" role="group" aria-label="Review actions">
          <button
            type="button"
            className="ow-btn ow-btn-small"
            aria-pressed={review.highlights}
            title="Mark each sentence that meets an element of the checklist; hover a mark to see the route and element"
            onClick={() => review.setHighlights(!review.highlights)}
          >
            Highlight met elements
          </button>
          <button type="button" className="ow-btn ow-btn-small" aria-pressed={review.compare.open} onClick={() => (review.compare.open ? review.closeCompare() : review.openCompare())}>
            Compare with the model
          </button>
          <button
            type="button"
            className="ow-btn ow-btn-small"
            disabled={review.exporting}
            title={`A coverage report in Word, titled “${s.name}”`}
            onClick={() => void review.exportReport(w.report, w.lint)}
          >
            {review.exporting ? 'Exporting…' : 'Export review report'}
          </button>
          <button type="button" className="ow-btn ow-btn-small ow-btn-primary" title="Make an editable copy: a new project, not saved yet" onClick={review.editCopy}>
            Edit a copy
          </button>
        </div>
      </div>
      {s.notices.length > 0 ? (
        <details className="ow-rv-notices" data-testid="import-notices">
          <summary id={notesId}>
            {plural(s.notices.length, 'note')} from the import: what was not recognised
          </summary>
          <ul aria-labelledby={notesId}>
            {s.notices.map((n, i) => (
              <li key={i}>
                {n.line ? <span className="ow-rv-notice-line">Line {n.line}: </span> : null}
                {n.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
