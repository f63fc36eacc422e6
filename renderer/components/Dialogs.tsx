import { useState } from 'react';
import type { SavedProjectInfo, ProjectChoice } from '../host/web';
import { Modal } from './Modal';

export function ProjectNameDialog({ suggested, existing, onDone }: { suggested: string; existing: string[]; onDone: (name: string | null) => void }) {
  const [name, setName] = useState(suggested);
  const trimmed = name.trim();
  const replaces = existing.includes(trimmed);
  return (
    <Modal
      title="Save project"
      testId="save-dialog"
      onCancel={() => onDone(null)}
      onSubmit={() => trimmed && onDone(trimmed)}
      actions={
        <>
          <button type="button" className="ow-btn" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="submit" className="ow-btn ow-btn-primary" disabled={!trimmed}>
            {replaces ? 'Replace' : 'Save'}
          </button>
        </>
      }
    >
      <label className="ow-field">
        <span>Project name</span>
        <input
          autoFocus
          name="project-name"
          value={name}
          maxLength={255}
          onChange={(e) => setName(e.target.value)}
          onFocus={(e) => e.target.select()}
        />
      </label>
      <p className="ow-hint">
        {replaces
          ? `A project named “${trimmed}” is already saved in this browser. Saving replaces it.`
          : 'The project is saved in this browser’s storage, on this computer only.'}
      </p>
    </Modal>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ChooseProjectDialog({ saved, onDone }: { saved: SavedProjectInfo[]; onDone: (choice: ProjectChoice) => void }) {
  return (
    <Modal
      title="Open project"
      testId="open-dialog"
      wide
      onCancel={() => onDone(null)}
      actions={
        <>
          <button type="button" className="ow-btn" onClick={() => onDone({ kind: 'file' })}>
            Open a file from this computer…
          </button>
          <span className="ow-spacer" />
          <button type="button" className="ow-btn" onClick={() => onDone(null)}>
            Cancel
          </button>
        </>
      }
    >
      {saved.length === 0 ? (
        <p className="ow-hint">No project is saved in this browser yet. Save one with File › Save, or open a project file from this computer.</p>
      ) : (
        <ul className="ow-project-list" aria-label="Saved projects">
          {saved.map((p) => (
            <li key={p.name}>
              <button type="button" className="ow-project-item" onClick={() => onDone({ kind: 'saved', name: p.name })}>
                <span className="ow-project-name">{p.name}</span>
                <span className="ow-project-meta">
                  Saved {dateFormat.format(new Date(p.savedAt))} · {Math.max(1, Math.round(p.size / 1024))} KB
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onDone,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  onDone: (confirmed: boolean) => void;
}) {
  return (
    <Modal
      title={title}
      testId="confirm-dialog"
      onCancel={() => onDone(false)}
      onSubmit={() => onDone(true)}
      actions={
        <>
          <button type="button" className="ow-btn" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button type="submit" className="ow-btn ow-btn-danger" autoFocus>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Modal>
  );
}

export function MessageDialog({ title, message, onClose }: { title: string; message: string; onClose: () => void }) {
  return (
    <Modal
      title={title}
      testId="message-dialog"
      onCancel={onClose}
      onSubmit={onClose}
      actions={
        <button type="submit" className="ow-btn ow-btn-primary" autoFocus>
          OK
        </button>
      }
    >
      <p className="ow-message">{message}</p>
    </Modal>
  );
}

export function AboutDialog({ version, hostKind, onClose }: { version: string; hostKind: 'desktop' | 'browser'; onClose: () => void }) {
  return (
    <Modal
      title="About Ordwright"
      testId="about-dialog"
      onCancel={onClose}
      onSubmit={onClose}
      actions={
        <button type="submit" className="ow-btn ow-btn-primary" autoFocus>
          Close
        </button>
      }
    >
      <p>
        <strong>Ordwright</strong> {version}
      </p>
      <p>
        Draft model local ordinances that close the data side doors to federal immigration enforcement: fusion centers, shared databases, license
        plate readers, data brokers, jail systems and the rest.
      </p>
      <p className="ow-hint">
        {hostKind === 'desktop' ? 'Desktop app.' : 'Browser build: projects are kept in this browser’s storage.'} Works offline; Ordwright makes no network
        request.
      </p>
    </Modal>
  );
}
