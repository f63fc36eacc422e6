import type { Library } from '../../core/library/library';

/**
 * The sample drafts in seeds/drafts/*.ordinance.json, bundled with the renderer (it
 * reads no files). Each is a few hundred kilobytes, so each is its own chunk of the
 * build, loaded from the app's own files only when the drafter opens it.
 */
const loaders = import.meta.glob('../../seeds/drafts/*.ordinance.json', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export interface SampleDraft {
  /** "city-ordinance-riverbend" */
  id: string;
  /** "City ordinance" */
  title: string;
  /** "City of Riverbend" (or the file's own words when the library lacks the profile) */
  jurisdiction: string;
  load: () => Promise<string>;
}

function words(s: string): string {
  const t = s.replace(/-/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The sample drafts, named by the template and profile their file names start with. */
export function sampleDrafts(library: Library | null): SampleDraft[] {
  return Object.entries(loaders)
    .map(([path, load]) => {
      const id = path.split('/').pop()!.replace(/\.ordinance\.json$/, '');
      const template = library?.templates.find((t) => id.startsWith(`${t.id}-`));
      const rest = template ? id.slice(template.id.length + 1) : id;
      const profile = library?.profiles.find((p) => p.id === rest);
      return { id, title: template?.title ?? words(id), jurisdiction: profile?.name ?? (template ? words(rest) : ''), load };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
