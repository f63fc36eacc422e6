import type { Node as PMNode } from 'prosemirror-model';
import { compose, type ComposeWarning } from '../../core/document/compose';
import type { ProjectProfile } from '../../core/document/project';
import type { Library } from '../../core/library/library';
import type { JurisdictionKind, Profile } from '../../core/schema';

/**
 * Starting a new ordinance: a profile from the short form (or a sample), composed with a
 * template and preset by core's compose().
 */

export const KIND_LABEL: Record<JurisdictionKind, string> = { city: 'City', county: 'County', state: 'State' };

/** The short form of the start screen. */
export interface ProfileForm {
  name: string;
  kind: JurisdictionKind;
  governingBody: string;
  lawEnforcementAgency: string;
  chiefLawEnforcementOfficer: string;
  codeTitle: string;
  introducedDate: string;
  effectiveDate: string;
}

/** What the form suggests for a kind of jurisdiction, until the drafter types their own. */
export function suggestions(kind: JurisdictionKind, name: string): Omit<ProfileForm, 'name' | 'kind' | 'introducedDate' | 'effectiveDate'> {
  const n = name.trim() || (kind === 'state' ? 'the State' : kind === 'county' ? 'the County' : 'the City');
  switch (kind) {
    case 'city':
      return { governingBody: 'City Council', lawEnforcementAgency: `${n} Police Department`, chiefLawEnforcementOfficer: 'Chief of Police', codeTitle: `${n} Municipal Code` };
    case 'county':
      return { governingBody: 'Board of Supervisors', lawEnforcementAgency: `${n} County Sheriff's Office`, chiefLawEnforcementOfficer: 'Sheriff', codeTitle: `${n} County Code` };
    case 'state':
      return { governingBody: 'Legislature', lawEnforcementAgency: `${n} State Police`, chiefLawEnforcementOfficer: 'Superintendent of State Police', codeTitle: `${n} Revised Statutes` };
  }
}

export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'jurisdiction'
  );
}

export class FormError extends Error {
  constructor(
    message: string,
    readonly field: keyof ProfileForm,
  ) {
    super(message);
    this.name = 'FormError';
  }
}

/**
 * The profile the short form describes. The name is required; any other field left
 * empty stays unfilled (its placeholders show as such in the draft, to be filled later
 * in the profile panel).
 */
export function profileFromForm(form: ProfileForm): ProjectProfile {
  const name = form.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new FormError('Enter the name of the jurisdiction, e.g. “Riverbend”.', 'name');
  if (name.length > 120) throw new FormError('The name of the jurisdiction is too long (at most 120 characters).', 'name');
  const kind = KIND_LABEL[form.kind];
  const full = `${kind} of ${name}`;
  const values: ProjectProfile['values'] = { jurisdiction_name: name, jurisdiction_kind: kind, jurisdiction_full_name: full };
  const put = (key: keyof ProjectProfile['values'], v: string) => {
    const t = v.trim();
    if (t) values[key] = t;
  };
  put('governing_body', form.governingBody);
  put('law_enforcement_agency', form.lawEnforcementAgency);
  put('chief_law_enforcement_officer', form.chiefLawEnforcementOfficer);
  put('code_title', form.codeTitle);
  put('introduced_date', form.introducedDate);
  put('effective_date', form.effectiveDate);
  return { id: slug(`${form.kind}-${name}`), name: full, kind: form.kind, values };
}

/** A sample profile of the library as a project's profile. */
export function projectProfileOf(p: Profile): ProjectProfile {
  return { id: p.id, name: p.name, kind: p.kind, ...(p.description ? { description: p.description } : {}), values: { ...p.values } };
}

export interface Composed {
  doc: PMNode;
  warnings: ComposeWarning[];
  profile: ProjectProfile;
  templateId: string;
  presetId: string;
  /** The project's name until it is saved: "City of Riverbend ordinance". */
  name: string;
  title: string;
}

export function composeNew(library: Library, templateId: string, presetId: string, profile: ProjectProfile): Composed {
  const template = library.templateById.get(templateId);
  if (!template) throw new Error(`The template “${templateId}” is not in this build’s library.`);
  const { doc, warnings } = compose({ template, presetId, profile, library });
  const kindWord = template.kind === 'state' ? 'bill' : 'ordinance';
  return { doc, warnings, profile, templateId, presetId, name: `${profile.name} ${kindWord}`, title: template.title };
}

/** One sentence on what compose() had to say, for the status area. */
export function composeNotice(c: Composed, presetLabel: string): string {
  const notes = c.warnings.filter((w) => w.code !== 'unresolved-placeholder');
  const unresolved = c.warnings.some((w) => w.code === 'unresolved-placeholder');
  const parts = [`Composed a ${c.title.toLowerCase()} (${presetLabel}) for ${c.profile.name}.`];
  if (unresolved) parts.push('Some placeholders are not filled yet: see the Profile tab.');
  if (notes.length) parts.push(`${notes.length} ${notes.length === 1 ? 'note' : 'notes'}: ${notes[0]!.message}${notes.length > 1 ? ' …' : ''}`);
  return parts.join(' ');
}
