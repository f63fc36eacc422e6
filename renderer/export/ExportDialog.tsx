import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { Modal } from '../components/Modal';
import { useWorkspace } from '../workspace/context';
import {
  FONT_SUGGESTIONS,
  KINDS,
  checkForm,
  docxName,
  initialForm,
  rememberedOptions,
  suggestedFileName,
  type ExportForm,
  type ExportKind,
  type FormField,
} from './options';
import { EXPORT_STAGES, ExportCanceled, STAGE_LABEL, buildExport, nextFrame, type ExportStage } from './run';
import type { ExportController } from './useExport';
import './export.css';

/**
 * File → Export: what to export (the ordinance clean, the annotated model bill, the
 * redline against the library, the coverage report), the page and text options, the
 * DRAFT stamp with its date and the author of changes and comments. The choices are
 * checked through core's ExportOptions schema, each message next to its field, and
 * remembered in the project. Export shows its stages and can be cancelled; a failure
 * is shown here, and the document is never touched.
 *
 * Render it inside the WorkspaceContext provider; it renders nothing while closed.
 */
export function ExportDialog({ exporter }: { exporter: ExportController }) {
  if (!exporter.isOpen) return null;
  return <ExportDialogOpen exporter={exporter} />;
}

/** Fields in the order they are on screen: the first one with a problem gets the focus. */
const FIELD_ORDER: FormField[] = ['fileName', 'font', 'fontSize', 'date', 'author'];

type Run = { stage: ExportStage; fileName: string } | null;

/**
 * The workspace's own shortcuts (Mod-K, Mod-S, F1, ...) listen on the window: inside this
 * modal dialog they must not act on the editor behind it. Editing keys in the fields are
 * the browser's default actions, and Escape is the dialog's cancel, so neither is lost.
 */
function keepShortcutsIn(e: ReactKeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.key === 'F1') e.stopPropagation();
}

function ExportDialogOpen({ exporter }: { exporter: ExportController }) {
  const w = useWorkspace();
  const { host, name, notify, close, remember, current } = exporter;
  const id = useId();
  const [initial] = useState(() => initialForm(exporter.options, name));
  const [form, setForm] = useState<ExportForm>(initial.form);
  const [run, setRun] = useState<Run>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const token = useRef<{ canceled: boolean } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const exportRef = useRef<HTMLButtonElement>(null);
  const kindsRef = useRef<HTMLFieldSetElement>(null);

  const checked = useMemo(() => checkForm(form), [form]);
  const isReport = form.kind === 'report';
  const doc = w.view?.state.doc ?? w.state?.doc ?? null;
  const sections = useMemo(() => {
    let n = 0;
    doc?.forEach((c) => void (c.type.name === 'section' && n++));
    return n;
  }, [doc]);

  // closing the dialog (Escape) during an export abandons it
  useEffect(
    () => () => {
      if (token.current) token.current.canceled = true;
    },
    [],
  );
  // the focus starts on the choice of what to export (the Modal has opened by now)
  useEffect(() => {
    kindsRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);
  // while it runs, the focus is on Cancel (the options are disabled)
  useEffect(() => {
    if (run) cancelRef.current?.focus();
  }, [run]);

  const set = useCallback(<K extends keyof ExportForm>(key: K, value: ExportForm[K]) => {
    setNote(null);
    setForm((f) => {
      const next = { ...f, [key]: value };
      if (key === 'kind') {
        const kind = value as ExportKind;
        if (kind !== 'report') next.mode = kind;
        // the suggested name follows the choice, unless the drafter typed their own
        if (f.fileName.trim() === suggestedFileName(name, f.kind)) next.fileName = suggestedFileName(name, kind);
      }
      return next;
    });
  }, [name]);

  const errorOf = (field: FormField): string | undefined => {
    const e = checked.errors[field];
    // a value as the drafter types it is checked as soon as it is there; an empty field once Export is pressed
    if (!e) return undefined;
    const empty = typeof form[field] === 'string' && (form[field] as string).trim() === '';
    return empty && !submitted ? undefined : e;
  };

  const cancelRun = () => {
    if (token.current) token.current.canceled = true;
    token.current = null;
    setRun(null);
    setNote('Export cancelled. Nothing was saved.');
    requestAnimationFrame(() => exportRef.current?.focus());
  };

  const submit = async () => {
    // one export at a time (a second Enter before the progress shows starts nothing)
    if (run || token.current) return;
    setSubmitted(true);
    setFailure(null);
    setNote(null);
    const options = checked.options;
    if (!options) {
      const first = FIELD_ORDER.find((f) => checked.errors[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    if (!doc) {
      setFailure('There is no document to export yet.');
      return;
    }
    // the choices are the project's from now on (saved with it)
    remember(rememberedOptions(current(), options, form.kind));
    const mine = { canceled: false };
    token.current = mine;
    const fileName = docxName(form.fileName);
    setRun({ stage: 'preparing', fileName });
    try {
      const bytes = await buildExport(
        { kind: form.kind, options, doc, library: w.library, profile: w.profile, title: name },
        { onStage: (stage) => !mine.canceled && setRun({ stage, fileName }), canceled: () => mine.canceled },
      );
      if (mine.canceled) return;
      setRun({ stage: 'saving', fileName });
      await nextFrame();
      if (mine.canceled) return;
      const r = await host.api.exportDocx({ suggestedName: fileName, bytes });
      if (mine.canceled) return;
      token.current = null;
      if (!r.ok) throw new Error(r.error.message);
      if (r.value.canceled) {
        setRun(null);
        setNote('Nothing was saved: no file was chosen.');
        requestAnimationFrame(() => exportRef.current?.focus());
        return;
      }
      notify(`Exported the ${KINDS.find((k) => k.kind === form.kind)!.noun} as “${r.value.name}”.`);
      close();
    } catch (e) {
      if (mine.canceled || e instanceof ExportCanceled) return;
      token.current = null;
      console.error('export failed', e);
      setRun(null);
      setFailure(e instanceof Error ? e.message : String(e));
      requestAnimationFrame(() => exportRef.current?.focus());
    }
  };

  const field = (f: FormField, hint = false) => ({
    id: `${id}-${f}`,
    'aria-invalid': errorOf(f) ? true : undefined,
    'aria-describedby': [errorOf(f) ? `${id}-${f}-error` : '', hint ? `${id}-${f}-hint` : ''].filter(Boolean).join(' ') || undefined,
  });
  const errorText = (f: FormField) =>
    errorOf(f) ? (
      <p className="owx-error" id={`${id}-${f}-error`} data-testid={`export-error-${f}`}>
        {errorOf(f)}
      </p>
    ) : null;

  return (
    <Modal
      title="Export to Word"
      testId="export-dialog"
      wide
      onCancel={() => (!run ? close() : run.stage !== 'saving' ? cancelRun() : undefined)}
      onSubmit={() => void submit()}
      actions={
        <div className="owx-actions" onKeyDown={keepShortcutsIn}>
          {run ? (
            <>
              <span className="ow-spacer" />
              <button ref={cancelRef} type="button" className="ow-btn" onClick={cancelRun} disabled={run.stage === 'saving'}>
                Cancel export
              </button>
            </>
          ) : (
            <>
              <span className="ow-spacer" />
              <button type="button" className="ow-btn" onClick={close}>
                Cancel
              </button>
              <button ref={exportRef} type="submit" className="ow-btn ow-btn-primary">
                Export
              </button>
            </>
          )}
        </div>
      }
    >
      {run ? (
        <div onKeyDown={keepShortcutsIn}>
          <Progress run={run} sections={sections} kind={form.kind} />
        </div>
      ) : (
        <div className="owx-body" onKeyDown={keepShortcutsIn}>
          {failure ? (
            <div className="owx-failure" role="alert" data-testid="export-failure">
              <strong>The export failed.</strong> {failure}
              <br />
              Your document is unchanged; nothing was saved.
            </div>
          ) : null}
          {note ? (
            <p className="owx-note" role="status" data-testid="export-note">
              {note}
            </p>
          ) : null}
          {initial.reset.length > 0 ? (
            <p className="owx-note" data-testid="export-reset">
              The project’s saved {initial.reset.length === 1 ? 'option' : 'options'} for {initial.reset.join(', ')} could not be used; the default is shown.
            </p>
          ) : null}

          <fieldset className="owx-kinds" ref={kindsRef}>
            <legend className="owx-legend">What to export</legend>
            {KINDS.map((k) => (
              <label key={k.kind} className={`ow-choice${form.kind === k.kind ? ' ow-choice-on' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={k.kind}
                  checked={form.kind === k.kind}
                  onChange={() => set('kind', k.kind)}
                  aria-describedby={`${id}-kind-${k.kind}`}
                />
                <span className="ow-choice-title">{k.label}</span>
                <span className="owx-choice-desc" id={`${id}-kind-${k.kind}`}>
                  {k.description}
                </span>
              </label>
            ))}
          </fieldset>

          <div className="owx-field">
            <label htmlFor={`${id}-fileName`}>File name</label>
            <input {...field('fileName', true)} value={form.fileName} maxLength={255} spellCheck={false} onChange={(e) => set('fileName', e.target.value)} />
            {errorText('fileName')}
            <p className="ow-hint" id={`${id}-fileName-hint`}>
              {host.kind === 'browser' ? 'Downloaded by the browser to your downloads folder.' : 'Suggested in the save dialog, where you choose the folder.'}
            </p>
          </div>

          {isReport ? (
            <p className="owx-note owx-scope" data-testid="export-report-scope">
              The coverage report uses the paper, font, size, date and author; the other options are for the ordinance.
            </p>
          ) : null}

          <div className="owx-grid">
            <fieldset className="owx-group">
              <legend className="owx-legend">Page</legend>
              <Radios label="Paper" name={`${id}-paper`} value={form.paper} onChange={(v) => set('paper', v)} options={[['letter', 'Letter'], ['a4', 'A4']]} />
              <div className="owx-row">
                <div className="owx-field owx-grow">
                  <label htmlFor={`${id}-font`}>Font</label>
                  <input {...field('font', true)} list={`${id}-fonts`} value={form.font} maxLength={64} onChange={(e) => set('font', e.target.value)} />
                  <datalist id={`${id}-fonts`}>
                    {FONT_SUGGESTIONS.map((f) => (
                      <option key={f} value={f} />
                    ))}
                  </datalist>
                </div>
                <div className="owx-field owx-size">
                  <label htmlFor={`${id}-fontSize`}>Size (pt)</label>
                  <input {...field('fontSize')} type="number" inputMode="decimal" min={8} max={20} step={0.5} value={form.fontSize} onChange={(e) => set('fontSize', e.target.value)} />
                </div>
              </div>
              {errorText('font')}
              {errorText('fontSize')}
              <p className="ow-hint" id={`${id}-font-hint`}>
                Word uses the font if the reader has it installed.
              </p>
              <Radios
                label="Line spacing"
                name={`${id}-spacing`}
                value={form.spacing}
                disabled={isReport}
                onChange={(v) => set('spacing', v)}
                options={[['single', 'Single'], ['double', 'Double']]}
              />
              <div className="owx-field">
                <label htmlFor={`${id}-lineNumbers`}>Line numbers</label>
                <select id={`${id}-lineNumbers`} value={form.lineNumbers} disabled={isReport} onChange={(e) => set('lineNumbers', e.target.value as ExportForm['lineNumbers'])}>
                  <option value="none">None</option>
                  <option value="page">Restart on each page</option>
                  <option value="continuous">Continuous</option>
                </select>
              </div>
            </fieldset>

            <fieldset className="owx-group">
              <legend className="owx-legend">Text</legend>
              <label className="owx-check">
                <input type="checkbox" checked={form.toc} disabled={isReport} onChange={(e) => set('toc', e.target.checked)} />
                <span>Table of contents after the caption</span>
              </label>
              <Radios
                label="Placeholders"
                name={`${id}-placeholders`}
                value={form.placeholders}
                disabled={isReport}
                onChange={(v) => set('placeholders', v)}
                options={[['replace', 'Replace with the values'], ['highlight', 'Highlight the values']]}
                hint="Placeholders with no value stay visible and highlighted either way."
              />
              <Radios
                label="Defined terms"
                name={`${id}-definedTerms`}
                value={form.definedTerms}
                disabled={isReport}
                onChange={(v) => set('definedTerms', v)}
                options={[['plain', 'Plain'], ['bold', 'Bold']]}
              />
            </fieldset>

            <fieldset className="owx-group owx-wide">
              <legend className="owx-legend">Draft and authorship</legend>
              <label className="owx-check">
                <input type="checkbox" checked={form.draft} disabled={isReport} onChange={(e) => set('draft', e.target.checked)} />
                <span>“DRAFT” and the date in the header</span>
              </label>
              <div className="owx-row">
                <div className="owx-field">
                  <label htmlFor={`${id}-date`}>Date</label>
                  <input {...field('date', true)} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />
                  {errorText('date')}
                </div>
                <div className="owx-field owx-grow">
                  <label htmlFor={`${id}-author`}>Author of changes and comments</label>
                  <input {...field('author', true)} value={form.author} maxLength={100} onChange={(e) => set('author', e.target.value)} />
                  {errorText('author')}
                </div>
              </div>
              <p className="ow-hint" id={`${id}-date-hint`}>
                The date is printed after DRAFT and dates every change and comment in the file, so the same draft exports to the same file.
              </p>
              <p className="ow-hint" id={`${id}-author-hint`}>
                Shown on tracked changes (redline) and Word comments (annotated).
              </p>
            </fieldset>
          </div>
        </div>
      )}
    </Modal>
  );
}

function Radios<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
  disabled,
  hint,
}: {
  label: string;
  name: string;
  value: T;
  options: [T, string][];
  onChange: (v: T) => void;
  disabled?: boolean;
  hint?: ReactNode;
}) {
  const hintId = `${name}-hint`;
  return (
    <fieldset className="owx-radios" disabled={disabled} aria-describedby={hint ? hintId : undefined}>
      <legend>{label}</legend>
      <div className="owx-radio-row">
        {options.map(([v, text]) => (
          <label key={v} className="owx-radio">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
            <span>{text}</span>
          </label>
        ))}
      </div>
      {hint ? (
        <p className="ow-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The export under way: the file, its stages, and (in the actions) Cancel. */
function Progress({ run, sections, kind }: { run: NonNullable<Run>; sections: number; kind: ExportKind }) {
  const at = EXPORT_STAGES.indexOf(run.stage);
  const what = kind === 'report' ? 'the coverage report' : `${sections} ${sections === 1 ? 'section' : 'sections'}`;
  return (
    <div className="owx-progress" data-testid="export-progress" data-stage={run.stage}>
      <p>
        Exporting <strong>{run.fileName}</strong> ({what}).
      </p>
      <progress max={EXPORT_STAGES.length} value={at + 1} aria-label={`Step ${at + 1} of ${EXPORT_STAGES.length}: ${STAGE_LABEL[run.stage]}`} />
      <ol className="owx-stages">
        {EXPORT_STAGES.map((s, i) => (
          <li key={s} className={i < at ? 'owx-done' : i === at ? 'owx-now' : 'owx-todo'} aria-current={i === at ? 'step' : undefined}>
            <span className="owx-mark" aria-hidden="true">
              {i < at ? '✓' : i === at ? '›' : ''}
            </span>
            {STAGE_LABEL[s]}
            {i < at ? <span className="ow-visually-hidden"> (done)</span> : null}
          </li>
        ))}
      </ol>
      <p className="ow-visually-hidden" role="status" aria-live="polite">
        {STAGE_LABEL[run.stage]}…
      </p>
    </div>
  );
}
