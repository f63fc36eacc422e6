import { useCallback, useEffect, useId, useState } from 'react';
import { newUserClause, userClauseId } from '../../core/clause-pack';
import type { FileIssue, UserClauseItem } from '../../core/host';
import type { Clause, ProvisionSpec } from '../../core/schema/clause';
import { Topic } from '../../core/schema/common';
import { Modal } from '../components/Modal';
import type { Host } from '../host';
import { provisionsToText, textToProvisions, type ClauseDraft } from './clause-text';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type View =
  | { kind: 'list' }
  | { kind: 'edit'; clause: Clause }
  | { kind: 'new'; draft: ClauseDraft }
  | { kind: 'confirm-delete'; clause: Clause };

/**
 * The drafter's own clause library: list, edit the title and text, delete, import and
 * export clause packs, and save a section of the draft as a new clause (`draft`).
 * Everything goes through the HostApi (files in the app's data folder on the desktop,
 * browser storage in a browser); every refusal shows the host's message, which names
 * the file and field.
 *
 * `onInsert`, when given, offers to put a clause into the draft (the editor does that).
 */
export function UserLibrary({
  host,
  draft,
  onClose,
  onInsert,
}: {
  host: Host;
  /** A section to save as a new clause (from "Save Section to My Library"). */
  draft?: ClauseDraft | null;
  onClose: () => void;
  onInsert?: (clause: Clause) => void;
}) {
  const [items, setItems] = useState<UserClauseItem[] | null>(null);
  const [problems, setProblems] = useState<FileIssue[]>([]);
  const [view, setView] = useState<View>(draft ? { kind: 'new', draft } : { kind: 'list' });
  const [status, setStatus] = useState<{ text: string; error: boolean; retryReplace?: 'file' | 'folder' } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const r = await host.api.listUserClauses({});
    if (r.ok) {
      setItems(r.value.items);
      setProblems(r.value.problems);
    } else {
      setItems([]);
      setStatus({ text: r.error.message, error: true });
    }
  }, [host]);

  useEffect(() => {
    // the first list of the dialog: state is set when the host answers
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);

  const run = async (op: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await op();
    } finally {
      setBusy(false);
    }
  };

  const importPack = (from: 'file' | 'folder', replace = false) =>
    run(async () => {
      const r = await host.api.importClausePack({ from, replace });
      if (!r.ok) {
        const clash = /already in your library/.test(r.error.message);
        setStatus({ text: r.error.message, error: true, ...(clash ? { retryReplace: from } : {}) });
        return;
      }
      if (r.value.canceled) return;
      const n = r.value.imported.length;
      const replaced = r.value.replaced.length ? `, ${r.value.replaced.length} replaced` : '';
      setStatus({ text: `Imported ${n} ${n === 1 ? 'clause' : 'clauses'} from “${r.value.name}”${replaced}.`, error: false });
      await refresh();
    });

  const exportAll = () =>
    run(async () => {
      const r = await host.api.exportClausePack({ suggestedName: 'My clauses' });
      if (!r.ok) return setStatus({ text: r.error.message, error: true });
      if (!r.value.canceled) setStatus({ text: `Exported ${r.value.count} ${r.value.count === 1 ? 'clause' : 'clauses'} to “${r.value.name}”.`, error: false });
    });

  const save = (clause: Clause, replace: boolean) =>
    run(async () => {
      const r = await host.api.saveUserClause({ clause, replace });
      if (!r.ok) return setStatus({ text: r.error.message, error: true });
      setStatus({ text: `Saved “${clause.title}”.`, error: false });
      setView({ kind: 'list' });
      await refresh();
    });

  const remove = (clause: Clause) =>
    run(async () => {
      const r = await host.api.deleteUserClause({ id: clause.id });
      if (!r.ok) return setStatus({ text: r.error.message, error: true });
      setStatus({ text: `Deleted “${clause.title}”.`, error: false });
      setView({ kind: 'list' });
      await refresh();
    });

  return (
    <Modal
      title="My Clause Library"
      testId="user-library"
      wide
      onCancel={onClose}
      actions={
        <>
          {view.kind === 'list' ? (
            <>
              <button type="button" className="ow-btn" disabled={busy} onClick={() => void importPack('file')}>
                Import Pack…
              </button>
              {host.kind === 'desktop' ? (
                <button type="button" className="ow-btn" disabled={busy} onClick={() => void importPack('folder')}>
                  Import Folder…
                </button>
              ) : null}
              <button type="button" className="ow-btn" disabled={busy || !items?.length} onClick={() => void exportAll()}>
                Export All…
              </button>
            </>
          ) : null}
          <span className="ow-spacer" />
          <button type="button" className="ow-btn" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {status ? (
        <div className={status.error ? 'ow-shell-status ow-shell-error' : 'ow-shell-status'} role={status.error ? 'alert' : 'status'}>
          <p className="ow-message">{status.text}</p>
          {status.retryReplace ? (
            <button type="button" className="ow-btn ow-btn-small" disabled={busy} onClick={() => void importPack(status.retryReplace!, true)}>
              Import Again, Replacing Them
            </button>
          ) : null}
        </div>
      ) : null}

      {view.kind === 'list' ? (
        <ClauseList
          items={items}
          problems={problems}
          onEdit={(clause) => setView({ kind: 'edit', clause })}
          onDelete={(clause) => setView({ kind: 'confirm-delete', clause })}
          onInsert={onInsert}
        />
      ) : null}

      {view.kind === 'confirm-delete' ? (
        <div className="ow-shell-confirm">
          <p>
            Delete “{view.clause.title}” from your library? Drafts that use it keep their text.
          </p>
          <button type="button" className="ow-btn" onClick={() => setView({ kind: 'list' })}>
            Cancel
          </button>
          <button type="button" className="ow-btn ow-btn-danger" disabled={busy} onClick={() => void remove(view.clause)}>
            Delete
          </button>
        </div>
      ) : null}

      {view.kind === 'edit' ? (
        <ClauseForm
          key={view.clause.id}
          initialTitle={view.clause.title}
          initialText={provisionsToText(view.clause.variants[0]!.provisions)}
          note={view.clause.variants.length > 1 ? `This clause has ${view.clause.variants.length} variants; you are editing the first, “${view.clause.variants[0]!.label}”.` : undefined}
          busy={busy}
          submitLabel="Save Changes"
          onCancel={() => setView({ kind: 'list' })}
          onSubmit={(title, provisions) => {
            const [first, ...rest] = view.clause.variants;
            void save({ ...view.clause, title, variants: [{ ...first!, provisions }, ...rest] }, true);
          }}
        />
      ) : null}

      {view.kind === 'new' ? (
        <ClauseForm
          initialTitle={view.draft.title}
          initialText={provisionsToText(view.draft.provisions)}
          withTopic
          busy={busy}
          submitLabel="Save to My Library"
          onCancel={() => setView({ kind: 'list' })}
          onSubmit={(title, provisions, topic) => {
            const taken = new Set((items ?? []).map((i) => i.clause.id));
            let clause: Clause;
            try {
              clause = newUserClause({ id: userClauseId(title, taken), title, provisions, topic, source: view.draft.source });
            } catch (e) {
              setStatus({ text: e instanceof Error ? e.message : String(e), error: true });
              return;
            }
            void save(clause, false);
          }}
        />
      ) : null}
    </Modal>
  );
}

function ClauseList({
  items,
  problems,
  onEdit,
  onDelete,
  onInsert,
}: {
  items: UserClauseItem[] | null;
  problems: FileIssue[];
  onEdit: (c: Clause) => void;
  onDelete: (c: Clause) => void;
  onInsert?: (c: Clause) => void;
}) {
  if (items === null) return <p className="ow-hint">Reading your library…</p>;
  return (
    <>
      {items.length === 0 ? (
        <p className="ow-hint">
          Your library is empty. Save a section of a draft with Library › Save Section to My Library, or import a clause pack (a .zip of clause files).
        </p>
      ) : (
        <ul className="ow-project-list ow-shell-list" aria-label="My clauses">
          {items.map(({ clause, savedAt }) => (
            <li key={clause.id} className="ow-shell-row">
              <span className="ow-shell-row-text">
                <span className="ow-project-name">{clause.title}</span>
                <span className="ow-project-meta">
                  {clause.id} · saved {when.format(new Date(savedAt))}
                </span>
              </span>
              {onInsert ? (
                <button type="button" className="ow-btn ow-btn-small" onClick={() => onInsert(clause)}>
                  Insert
                </button>
              ) : null}
              <button type="button" className="ow-btn ow-btn-small" onClick={() => onEdit(clause)}>
                Edit
              </button>
              <button type="button" className="ow-btn ow-btn-small ow-btn-danger" onClick={() => onDelete(clause)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {problems.length ? (
        <div className="ow-shell-status ow-shell-error" role="alert">
          <p>These clause files could not be read; they are left as they are:</p>
          <ul>
            {problems.slice(0, 10).map((p, i) => (
              <li key={i}>
                {p.file}
                {p.field ? ` at ${p.field}` : ''}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function ClauseForm({
  initialTitle,
  initialText,
  withTopic,
  note,
  busy,
  submitLabel,
  onCancel,
  onSubmit,
}: {
  initialTitle: string;
  initialText: string;
  withTopic?: boolean;
  note?: string;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
  onSubmit: (title: string, provisions: ProvisionSpec[], topic: Topic) => void;
}) {
  const [title, setTitle] = useState(initialTitle);
  const [text, setText] = useState(initialText);
  const [topic, setTopic] = useState<Topic>('general');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = () => {
    if (title.trim().length < 3) return setError('The title needs at least 3 characters.');
    const parsed = textToProvisions(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    onSubmit(title.trim(), parsed.provisions, topic);
  };
  return (
    <div className="ow-shell-form">
      {note ? <p className="ow-hint">{note}</p> : null}
      <label className="ow-field" htmlFor={`${id}-title`}>
        <span>Title</span>
        <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </label>
      {withTopic ? (
        <label className="ow-field" htmlFor={`${id}-topic`}>
          <span>Topic</span>
          <select id={`${id}-topic`} value={topic} onChange={(e) => setTopic(e.target.value as Topic)}>
            {Topic.options.map((t) => (
              <option key={t} value={t}>
                {t.replace(/-/g, ' ')}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="ow-field" htmlFor={`${id}-text`}>
        <span>Text</span>
        <textarea id={`${id}-text`} className="ow-shell-text" value={text} rows={12} spellCheck onChange={(e) => setText(e.target.value)} />
      </label>
      <p className="ow-hint">
        One provision per line; indent a sub-provision by two spaces. Keep {'{placeholders}'}, [[defined terms]] and [@references] as they are;
        “[#id]” at the start of a line names a provision that a reference points to.
      </p>
      {error ? (
        <p className="ow-shell-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="ow-shell-form-actions">
        <button type="button" className="ow-btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="ow-btn ow-btn-primary" disabled={busy} onClick={submit}>
          {submitLabel}
        </button>
      </div>
    </div>
  );
}
