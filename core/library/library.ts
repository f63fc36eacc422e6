import { z } from 'zod';
import {
  Clause,
  LibraryInfo,
  Profile,
  Route,
  Template,
  type ProvisionSpec,
  isPlaceholderKey,
} from '../schema';
import { type DataIssue, DataError, parseYamlFile } from './parse';
import { tokenize } from './inline';

export interface SourceFile {
  /** Path relative to the project root, e.g. "clauses/shared-systems/fusion-center-participation.yaml" */
  path: string;
  text: string;
}

export interface Library {
  info: LibraryInfo;
  routes: Route[];
  clauses: Clause[];
  templates: Template[];
  profiles: Profile[];
  routeById: Map<string, Route>;
  clauseById: Map<string, Clause>;
  /** term id -> the definition clause */
  definitionByTerm: Map<string, Clause>;
  templateById: Map<string, Template>;
  profileById: Map<string, Profile>;
}

export interface LibrarySources {
  info: SourceFile;
  routes: SourceFile[];
  clauses: SourceFile[];
  templates: SourceFile[];
  profiles: SourceFile[];
}

function each<T>(files: SourceFile[], schema: z.ZodType<T>, issues: DataIssue[]): { value: T; file: string }[] {
  const out: { value: T; file: string }[] = [];
  for (const f of files) {
    const r = parseYamlFile(f.path, f.text, schema);
    if (r.ok) out.push({ value: r.value, file: f.path });
    else issues.push(...r.issues);
  }
  return out;
}

export function walkProvisions(list: ProvisionSpec[], fn: (p: ProvisionSpec, path: number[]) => void, path: number[] = []): void {
  list.forEach((p, i) => {
    fn(p, [...path, i]);
    if (p.children) walkProvisions(p.children, fn, [...path, i]);
  });
}

/** Terms a variant's text uses ([[...]]), in first-use order. */
export function termsOf(clause: Clause, variantId?: string): string[] {
  const seen = new Set<string>();
  for (const v of clause.variants) {
    if (variantId && v.id !== variantId) continue;
    walkProvisions(v.provisions, (p) => {
      for (const t of tokenize(p.text)) if (t.type === 'term') seen.add(t.term);
    });
  }
  return [...seen];
}

/** Placeholders a variant's text uses. */
export function placeholdersOf(clause: Clause, variantId?: string): string[] {
  const seen = new Set<string>();
  for (const v of clause.variants) {
    if (variantId && v.id !== variantId) continue;
    walkProvisions(v.provisions, (p) => {
      for (const t of tokenize(p.text)) if (t.type === 'placeholder') seen.add(t.key);
    });
  }
  return [...seen];
}

/**
 * Build and cross-check the library. Throws DataError listing every problem (file,
 * field, reason); a library is never half-built.
 */
export function buildLibrary(src: LibrarySources): Library {
  const issues: DataIssue[] = [];
  const infoR = parseYamlFile(src.info.path, src.info.text, LibraryInfo);
  if (!infoR.ok) issues.push(...infoR.issues);
  const routes = each(src.routes, Route, issues);
  const clauses = each(src.clauses, Clause, issues);
  const templates = each(src.templates, Template, issues);
  const profiles = each(src.profiles, Profile, issues);

  const unique = <T extends { id: string }>(items: { value: T; file: string }[], what: string) => {
    const map = new Map<string, T>();
    for (const { value, file } of items) {
      if (map.has(value.id)) issues.push({ file, field: 'id', message: `duplicate ${what} id "${value.id}"` });
      map.set(value.id, value);
    }
    return map;
  };
  const routeById = unique(routes, 'route');
  const clauseById = unique(clauses, 'clause');
  const templateById = unique(templates, 'template');
  const profileById = unique(profiles, 'profile');

  // file name must match id, so a reviewer finds a clause by its id
  for (const list of [routes, clauses, templates, profiles] as { value: { id: string }; file: string }[][]) {
    for (const { value, file } of list) {
      const base = file.split('/').pop()!.replace(/\.ya?ml$/, '');
      if (base !== value.id) issues.push({ file, field: 'id', message: `id "${value.id}" does not match the file name "${base}"` });
    }
  }

  const elementExists = (ref: string) => {
    const [r, e] = ref.split('.');
    return routeById.get(r!)?.elements.some((el) => el.id === e) ?? false;
  };

  const definitionByTerm = new Map<string, Clause>();
  for (const { value: c, file } of clauses) {
    if (c.kind === 'definition' && c.term) {
      if (definitionByTerm.has(c.term)) issues.push({ file, field: 'term', message: `term "${c.term}" is already defined by "${definitionByTerm.get(c.term)!.id}"` });
      definitionByTerm.set(c.term, c);
    }
  }

  for (const { value: c, file } of clauses) {
    c.requires.forEach((id, i) => {
      if (!clauseById.has(id)) issues.push({ file, field: `requires[${i}]`, message: `unknown clause "${id}"` });
    });
    c.conflicts.forEach((id, i) => {
      if (!clauseById.has(id)) issues.push({ file, field: `conflicts[${i}]`, message: `unknown clause "${id}"` });
    });
    c.variants.forEach((v, vi) => {
      for (const ref of Object.keys(v.satisfies)) {
        if (!elementExists(ref)) issues.push({ file, field: `variants[${vi}].satisfies.${ref}`, message: `unknown route element "${ref}"` });
      }
      const localIds = new Set<string>();
      walkProvisions(v.provisions, (p) => {
        if (p.id) localIds.add(p.id);
      });
      walkProvisions(v.provisions, (p, path) => {
        const field = `variants[${vi}].provisions` + path.map((n, k) => (k === 0 ? `[${n}]` : `.children[${n}]`)).join('');
        for (const t of tokenize(p.text)) {
          if (t.type === 'placeholder' && !isPlaceholderKey(t.key)) issues.push({ file, field, message: `unknown placeholder {${t.key}}` });
          if (t.type === 'term' && !definitionByTerm.has(t.term) && c.term !== t.term) issues.push({ file, field, message: `term "${t.term}" has no definition clause` });
          if (t.type === 'xref') {
            const target = t.ref.split('#')[0]!;
            if (!localIds.has(t.ref) && !clauseById.has(target)) issues.push({ file, field, message: `cross-reference [@${t.ref}] points at nothing` });
          }
        }
      });
    });
  }

  for (const { value: t, file } of templates) {
    const check = (clauseId: string, variant: string | undefined, field: string) => {
      const c = clauseById.get(clauseId);
      if (!c) return issues.push({ file, field, message: `unknown clause "${clauseId}"` });
      if (variant && variant !== 'omit' && !c.variants.some((v) => v.id === variant)) issues.push({ file, field, message: `clause "${clauseId}" has no variant "${variant}"` });
      if (!c.suits.includes(t.kind)) issues.push({ file, field, message: `clause "${clauseId}" does not suit a ${t.kind}` });
    };
    t.slots.forEach((s, i) => check(s.clause, s.variant, `slots[${i}]`));
    t.presets.forEach((p, pi) => {
      for (const [cid, v] of Object.entries(p.choices)) check(cid, v, `presets[${pi}].choices.${cid}`);
      p.add.forEach((s, i) => check(s.clause, s.variant, `presets[${pi}].add[${i}]`));
    });
    if (!t.presets.some((p) => p.id === t.defaultPreset)) issues.push({ file, field: 'defaultPreset', message: `no preset "${t.defaultPreset}"` });
  }

  if (issues.length > 0) throw new DataError(issues);
  return {
    info: (infoR as { ok: true; value: LibraryInfo }).value,
    routes: routes.map((r) => r.value),
    clauses: clauses.map((c) => c.value),
    templates: templates.map((t) => t.value),
    profiles: profiles.map((p) => p.value),
    routeById,
    clauseById,
    definitionByTerm,
    templateById,
    profileById,
  };
}
