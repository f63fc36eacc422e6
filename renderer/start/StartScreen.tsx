import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RecentItem } from '../../core/host';
import type { ProjectProfile } from '../../core/document/project';
import type { Library } from '../../core/library/library';
import type { JurisdictionKind } from '../../core/schema';
import { Logo } from '../components/icons';
import { RecentList } from '../shell/RecentList';
import type { Host } from '../host';
import { FormError, KIND_LABEL, composeNew, profileFromForm, projectProfileOf, suggestions, type Composed, type ProfileForm } from './new-ordinance';
import { sampleDrafts, type SampleDraft } from './samples';

/**
 * The start screen: at launch when nothing is open, and from File › New. A new
 * ordinance from a template, a preset and a jurisdiction (a sample profile or a short
 * form); a blank ordinance; a recent project; a sample draft.
 */

const CUSTOM = '__form__';

type FormKey = keyof ProfileForm;
const SUGGESTED: FormKey[] = ['governingBody', 'lawEnforcementAgency', 'chiefLawEnforcementOfficer', 'codeTitle'];

export function StartScreen({
  library,
  libraryError,
  host,
  onCreate,
  onBlank,
  onOpen,
  onOpenSample,
  onBack,
}: {
  library: Library | null;
  libraryError: string | null;
  host: Host;
  onCreate: (c: Composed, presetLabel: string) => void;
  onBlank: () => void;
  onOpen: (path?: string) => void;
  onOpenSample: (sample: SampleDraft) => void;
  /** Back to the open draft (File › New with a draft open); null at launch. */
  onBack: (() => void) | null;
}) {
  const templates = useMemo(() => library?.templates ?? [], [library]);
  const [templateId, setTemplateId] = useState(() => templates.find((t) => t.kind === 'city')?.id ?? templates[0]?.id ?? '');
  const template = templates.find((t) => t.id === templateId) ?? null;
  const [presetId, setPresetId] = useState(() => template?.defaultPreset ?? '');
  const preset = template?.presets.find((p) => p.id === presetId) ?? template?.presets[0] ?? null;
  const profiles = useMemo(() => library?.profiles ?? [], [library]);
  const [profileChoice, setProfileChoice] = useState(() => profiles.find((p) => p.kind === template?.kind)?.id ?? CUSTOM);
  const [form, setForm] = useState<ProfileForm>(() => ({
    name: '',
    kind: template?.kind ?? 'city',
    ...suggestions(template?.kind ?? 'city', ''),
    introducedDate: '',
    effectiveDate: '',
  }));
  const [edited, setEdited] = useState<ReadonlySet<FormKey>>(new Set());
  const [error, setError] = useState<{ message: string; field?: FormKey } | null>(null);
  const [recent, setRecent] = useState<RecentItem[] | null>(null);
  const samples = useMemo(() => sampleDrafts(library), [library]);
  const titleId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  const [recentVersion, setRecentVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void host.api.listRecent({}).then((r) => {
      if (live) setRecent(r.ok ? r.value.items : []);
    });
    return () => {
      live = false;
    };
  }, [host, recentVersion]);

  const chooseTemplate = (id: string) => {
    const t = templates.find((x) => x.id === id);
    if (!t) return;
    setTemplateId(id);
    setPresetId(t.presets.some((p) => p.id === presetId) ? presetId : t.defaultPreset);
    // a sample profile of the same kind, when the current choice does not suit
    const current = profiles.find((p) => p.id === profileChoice);
    if (current && current.kind !== t.kind) setProfileChoice(profiles.find((p) => p.kind === t.kind)?.id ?? CUSTOM);
    if (!edited.has('kind')) updateForm({ kind: t.kind }, false);
  };

  const updateForm = (patch: Partial<ProfileForm>, byUser = true) => {
    setForm((f) => {
      const next = { ...f, ...patch };
      const s = suggestions(next.kind, next.name);
      // suggested values follow the name and kind until the drafter types their own
      for (const k of SUGGESTED) if (!edited.has(k) && !(k in patch)) (next as Record<FormKey, string>)[k] = s[k as keyof typeof s];
      return next;
    });
    if (byUser) {
      setEdited((e) => {
        const n = new Set(e);
        for (const k of Object.keys(patch) as FormKey[]) n.add(k);
        return n;
      });
    }
    if (error) setError(null);
  };

  const create = () => {
    if (!library || !template || !preset) return;
    let profile: ProjectProfile;
    try {
      if (profileChoice === CUSTOM) profile = profileFromForm(form);
      else {
        const p = profiles.find((x) => x.id === profileChoice);
        if (!p) throw new Error('Choose a jurisdiction.');
        profile = projectProfileOf(p);
      }
      onCreate(composeNew(library, template.id, preset.id, profile), preset.label);
    } catch (e) {
      const field = e instanceof FormError ? e.field : undefined;
      setError({ message: e instanceof Error ? e.message : String(e), field });
      requestAnimationFrame(() => (field === 'name' ? nameInput.current : errorRef.current)?.focus());
    }
  };

  const input = (key: FormKey, label: string, opts: { required?: boolean; hint?: string } = {}) => (
    <label className="ow-field ow-start-field">
      <span>
        {label}
        {opts.required ? <span aria-hidden="true"> *</span> : null}
      </span>
      <input
        ref={key === 'name' ? nameInput : undefined}
        name={key}
        value={form[key]}
        required={opts.required}
        aria-invalid={error?.field === key ? true : undefined}
        aria-describedby={error?.field === key ? `${titleId}-error` : undefined}
        placeholder={opts.hint}
        onChange={(e) => updateForm({ [key]: e.target.value } as Partial<ProfileForm>)}
      />
    </label>
  );

  return (
    <div className="ow-start" data-testid="start-screen">
      <header className="ow-start-header">
        <Logo size={34} />
        <div>
          <h1 id={titleId}>Ordwright</h1>
          <p>Draft an ordinance that keeps local data from reaching federal immigration enforcement through side doors.</p>
        </div>
        <span className="ow-spacer" />
        {onBack ? (
          <button type="button" className="ow-btn" onClick={onBack}>
            Back to the draft
          </button>
        ) : null}
      </header>

      <main className="ow-start-grid" aria-labelledby={titleId}>
        <section className="ow-start-card ow-start-new" aria-labelledby={`${titleId}-new`}>
          <h2 id={`${titleId}-new`}>New ordinance</h2>
          {libraryError ? (
            <p className="ow-start-error" role="alert">
              The clause library of this build could not be read, so only a blank ordinance can be started: {libraryError}
            </p>
          ) : null}
          {templates.length === 0 ? (
            <p className="ow-hint">This build has no templates. Start with a blank ordinance.</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                create();
              }}
              noValidate
            >
              <fieldset className="ow-start-fieldset">
                <legend>Template</legend>
                <div className="ow-choice-row">
                  {templates.map((t) => (
                    <label key={t.id} className={t.id === templateId ? 'ow-choice ow-choice-on' : 'ow-choice'}>
                      <input type="radio" name="template" value={t.id} checked={t.id === templateId} onChange={() => chooseTemplate(t.id)} />
                      <span className="ow-choice-title">{t.title}</span>
                      <span className="ow-choice-sub">for a {t.kind}</span>
                    </label>
                  ))}
                </div>
              </fieldset>

              {template ? (
                <fieldset className="ow-start-fieldset">
                  <legend>Preset</legend>
                  <div className="ow-choice-col">
                    {template.presets.map((p) => (
                      <label key={p.id} className={p.id === preset?.id ? 'ow-choice ow-choice-on' : 'ow-choice'}>
                        <input type="radio" name="preset" value={p.id} checked={p.id === preset?.id} onChange={() => setPresetId(p.id)} />
                        <span className="ow-choice-title">
                          {p.label}
                          {p.id === template.defaultPreset ? <span className="ow-choice-tag">default</span> : null}
                        </span>
                        <span className="ow-choice-desc">{p.description}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : null}

              <fieldset className="ow-start-fieldset">
                <legend>Jurisdiction</legend>
                <div className="ow-choice-col">
                  {[...profiles]
                    .sort((a, b) => Number(b.kind === template?.kind) - Number(a.kind === template?.kind))
                    .map((p) => (
                      <label key={p.id} className={p.id === profileChoice ? 'ow-choice ow-choice-on ow-choice-inline' : 'ow-choice ow-choice-inline'}>
                        <input type="radio" name="profile" value={p.id} checked={p.id === profileChoice} onChange={() => setProfileChoice(p.id)} />
                        <span className="ow-choice-title">{p.name}</span>
                        <span className="ow-choice-sub">
                          sample {p.kind}
                          {template && p.kind !== template.kind ? ` (the template is for a ${template.kind})` : ''}
                        </span>
                      </label>
                    ))}
                  <label className={profileChoice === CUSTOM ? 'ow-choice ow-choice-on ow-choice-inline' : 'ow-choice ow-choice-inline'}>
                    <input type="radio" name="profile" value={CUSTOM} checked={profileChoice === CUSTOM} onChange={() => setProfileChoice(CUSTOM)} />
                    <span className="ow-choice-title">Another jurisdiction</span>
                    <span className="ow-choice-sub">fill in a short form</span>
                  </label>
                </div>

                {profileChoice === CUSTOM ? (
                  <div className="ow-start-form" data-testid="profile-form">
                    <div className="ow-start-form-row">
                      {input('name', 'Name', { required: true, hint: 'e.g. Riverbend' })}
                      <label className="ow-field ow-start-field">
                        <span>Kind</span>
                        <select
                          name="kind"
                          value={form.kind}
                          onChange={(e) => updateForm({ kind: e.target.value as JurisdictionKind })}
                        >
                          {(['city', 'county', 'state'] as const).map((k) => (
                            <option key={k} value={k}>
                              {KIND_LABEL[k]}
                            </option>
                          ))}
                        </select>
                      </label>
                    </div>
                    {input('governingBody', 'Governing body')}
                    {input('lawEnforcementAgency', 'Law enforcement agency')}
                    {input('chiefLawEnforcementOfficer', 'Chief law enforcement officer')}
                    {input('codeTitle', 'Code title')}
                    <div className="ow-start-form-row">
                      {input('introducedDate', 'Introduced on', { hint: 'e.g. November 2, 2026' })}
                      {input('effectiveDate', 'Takes effect on', { hint: 'e.g. January 1, 2027' })}
                    </div>
                    <p className="ow-hint">Everything else (offices, agencies, numbers) can be filled in later in the Profile tab.</p>
                  </div>
                ) : null}
              </fieldset>

              {error ? (
                <p ref={errorRef} id={`${titleId}-error`} className="ow-start-error" role="alert" tabIndex={-1}>
                  {error.message}
                </p>
              ) : null}
              <div className="ow-start-actions">
                <button type="submit" className="ow-btn ow-btn-primary ow-btn-large" disabled={!template || !preset}>
                  Create {template?.kind === 'state' ? 'bill' : 'ordinance'}
                </button>
                <button type="button" className="ow-btn ow-btn-large" onClick={onBlank}>
                  Blank ordinance
                </button>
              </div>
            </form>
          )}
          {templates.length === 0 ? (
            <div className="ow-start-actions">
              <button type="button" className="ow-btn ow-btn-primary ow-btn-large" onClick={onBlank}>
                Blank ordinance
              </button>
            </div>
          ) : null}
        </section>

        <div className="ow-start-side">
          <section className="ow-start-card" aria-labelledby={`${titleId}-open`}>
            <h2 id={`${titleId}-open`}>Open</h2>
            <button type="button" className="ow-btn" onClick={() => onOpen()}>
              Open a project…
            </button>
            <h3 className="ow-start-sub">Recent</h3>
            {recent === null ? (
              <p className="ow-hint">Looking for recent projects…</p>
            ) : recent.length === 0 ? (
              <p className="ow-hint">No recent projects yet.</p>
            ) : (
              // a project no longer where it was shows as "not found", with Remove
              <RecentList host={host} items={recent} onOpen={(path) => onOpen(path)} onChanged={() => setRecentVersion((v) => v + 1)} />
            )}
          </section>

          {samples.length > 0 ? (
            <section className="ow-start-card" aria-labelledby={`${titleId}-samples`}>
              <h2 id={`${titleId}-samples`}>Sample drafts</h2>
              <p className="ow-hint">Finished drafts for fictional jurisdictions, to read, check and take apart.</p>
              <ul className="ow-project-list" aria-label="Sample drafts">
                {samples.map((s) => (
                  <li key={s.id}>
                    <button type="button" className="ow-project-item" onClick={() => onOpenSample(s)}>
                      <span className="ow-project-name">{s.jurisdiction || s.title}</span>
                      <span className="ow-project-meta">{s.jurisdiction ? s.title : s.id}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </main>
    </div>
  );
}
