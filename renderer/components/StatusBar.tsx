import type { CoverageSummary } from '../../core/coverage/summary';

export type SaveState = 'saved' | 'unsaved' | 'never-saved' | 'saving';

const labels: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  'never-saved': 'Not saved yet',
  saving: 'Saving…',
};

export function StatusBar({
  saveState,
  savedAt,
  location,
  sections,
  words,
  summary,
  notice,
  zoom,
  onResetZoom,
  onShowCoverage,
}: {
  saveState: SaveState;
  savedAt: string | null;
  location: string;
  sections: number;
  /** null while the first count is pending */
  words: number | null;
  /** The coverage summary of the latest check, or null while it is pending (or there is no library). */
  summary: CoverageSummary | null;
  notice: string | null;
  zoom: number;
  onResetZoom: () => void;
  onShowCoverage: () => void;
}) {
  const time = savedAt && saveState === 'saved' ? ` ${new Date(savedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : '';
  return (
    <footer className="ow-statusbar">
      <span className={`ow-save-state ow-save-${saveState}`} data-testid="save-state" role="status">
        <span className="ow-dot" aria-hidden="true" />
        {labels[saveState]}
        {time}
      </span>
      <span className="ow-status-location" title={location}>
        {location}
      </span>
      <span className="ow-status-notice" role="status" aria-live="polite" data-testid="notice">
        {notice ?? ''}
      </span>
      <span className="ow-spacer" />
      {summary ? (
        <button type="button" className="ow-status-btn" data-testid="route-summary" title={summary.headline} onClick={onShowCoverage}>
          {summary.routes.closed} of {summary.routes.total} routes closed
        </button>
      ) : null}
      <span className="ow-status-sections">
        {sections} {sections === 1 ? 'section' : 'sections'}
      </span>
      <span data-testid="word-count">{words === null ? '… words' : `${words.toLocaleString()} ${words === 1 ? 'word' : 'words'}`}</span>
      <button
        type="button"
        className="ow-status-btn"
        data-testid="zoom-level"
        title="Text size of the ordinance: click for actual size"
        aria-label={`Zoom ${Math.round(zoom * 100)}%, reset to 100%`}
        onClick={onResetZoom}
      >
        {Math.round(zoom * 100)}%
      </button>
    </footer>
  );
}
