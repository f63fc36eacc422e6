import type { RecoveryItem } from '../../core/host';
import { Modal } from '../components/Modal';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Offered at start when a previous run left unsaved work behind: restore it (it opens
 * with its changes unsaved), discard it, or decide later (it is offered again at the
 * next start).
 */
export function RecoveryDialog({
  items,
  onRestore,
  onDiscard,
  onLater,
}: {
  items: RecoveryItem[];
  onRestore: (item: RecoveryItem) => void;
  onDiscard: (item: RecoveryItem) => void;
  onLater: () => void;
}) {
  if (items.length === 0) return null;
  return (
    <Modal
      title={items.length === 1 ? 'Recover unsaved work?' : `Recover unsaved work? (${items.length} projects)`}
      testId="recovery-dialog"
      wide
      onCancel={onLater}
      actions={
        <button type="button" className="ow-btn" onClick={onLater}>
          Decide Later
        </button>
      }
    >
      <p>Ordwright did not close normally last time. These changes were not saved, and were kept automatically:</p>
      <ul className="ow-project-list ow-shell-list" aria-label="Recovered projects">
        {items.map((item) => (
          <li key={item.id} className="ow-shell-row">
            <span className="ow-shell-row-text">
              <span className="ow-project-name">{item.name}</span>
              <span className="ow-project-meta">
                {item.path ?? 'never saved'} · kept {when.format(new Date(item.savedAt))}
              </span>
            </span>
            <button type="button" className="ow-btn ow-btn-primary" onClick={() => onRestore(item)}>
              Restore
            </button>
            <button type="button" className="ow-btn ow-btn-danger" onClick={() => onDiscard(item)}>
              Discard
            </button>
          </li>
        ))}
      </ul>
      <p className="ow-hint">A restored project opens with its changes unsaved: save it to keep them. Discarded work cannot be brought back.</p>
    </Modal>
  );
}
