import { buildLibrary, type Library, type SourceFile } from '../core/library/library';

/**
 * The clause library and checklist, bundled into the renderer at build time (the
 * renderer reads no files). Vite inlines every YAML file as text; buildLibrary checks
 * them exactly as the CLI does, so a broken clause file fails the build's tests, and at
 * run time shows the same "file at field: reason" message.
 */
const raw = import.meta.glob(['../clauses/**/*.yaml', '../seeds/routes/*.yaml', '../seeds/templates/*.yaml', '../seeds/profiles/*.yaml'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function files(prefix: string): SourceFile[] {
  return Object.entries(raw)
    .filter(([path]) => path.startsWith(prefix) && !path.split('/').pop()!.startsWith('_'))
    .map(([path, text]) => ({ path: path.replace(/^\.\.\//, ''), text }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

let cached: Library | null = null;
export function bundledLibrary(): Library {
  if (cached) return cached;
  cached = buildLibrary({
    info: { path: 'clauses/_library.yaml', text: raw['../clauses/_library.yaml'] ?? '' },
    routes: files('../seeds/routes/'),
    clauses: files('../clauses/'),
    templates: files('../seeds/templates/'),
    profiles: files('../seeds/profiles/'),
  });
  return cached;
}
