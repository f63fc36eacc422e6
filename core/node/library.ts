import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, type Library, type LibrarySources, type SourceFile } from '../library/library';

/** The project root (where clauses/ and seeds/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function yamlFiles(root: string, dir: string): SourceFile[] {
  const abs = join(root, dir);
  const out: SourceFile[] = [];
  // a library without templates or profiles is still a library (git keeps no empty folders)
  if (!existsSync(abs)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && !name.startsWith('_')) out.push({ path: relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(abs);
  return out;
}

export function readLibrarySources(root = PROJECT_ROOT): LibrarySources {
  return {
    info: { path: 'clauses/_library.yaml', text: readFileSync(join(root, 'clauses/_library.yaml'), 'utf8') },
    routes: yamlFiles(root, 'seeds/routes'),
    clauses: yamlFiles(root, 'clauses'),
    templates: yamlFiles(root, 'seeds/templates'),
    profiles: yamlFiles(root, 'seeds/profiles'),
  };
}

let cached: Library | undefined;
/** Load the library from disk (cached per process). Throws DataError naming file and field. */
export function loadLibrary(root = PROJECT_ROOT): Library {
  if (root === PROJECT_ROOT && cached) return cached;
  const lib = buildLibrary(readLibrarySources(root));
  if (root === PROJECT_ROOT) cached = lib;
  return lib;
}
