import type { RecentItem } from '../../core/host';
import type { Host } from '../host';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Recent projects for a start screen: a project that is no longer where it was is
 * marked "not found" and can be removed from the list (host.api.forgetRecent) instead
 * of failing when clicked.
 */
export function RecentList({ host, items, onOpen, onChanged }: { host: Host; items: RecentItem[]; onOpen: (path: string) => void; onChanged: () => void }) {
  return (
    <ul className="ow-project-list" aria-label="Recent projects">
      {items.map((r) => (
        <li key={r.path} className={r.missing ? 'ow-shell-row ow-shell-missing' : 'ow-shell-row'}>
          {r.missing ? (
            <span className="ow-shell-row-text" title={r.path}>
              <span className="ow-project-name">{r.name}</span>
              <span className="ow-project-meta">Not found at {r.path}</span>
            </span>
          ) : (
            <button type="button" className="ow-project-item ow-shell-row-text" onClick={() => onOpen(r.path)} title={r.path}>
              <span className="ow-project-name">{r.name}</span>
              <span className="ow-project-meta">Opened {when.format(new Date(r.openedAt))}</span>
            </button>
          )}
          {r.missing ? (
            <button type="button" className="ow-btn ow-btn-small" onClick={() => void host.api.forgetRecent({ path: r.path }).then(onChanged)}>
              Remove
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
