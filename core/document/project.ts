import { Node as PMNode, type NodeType } from 'prosemirror-model';
import { jsonNestingDepth, MAX_PROJECT_DEPTH } from '../host';
import { z } from 'zod';
import type { Library } from '../library/library';
import { formatPath } from '../library/parse';
import { JurisdictionKind, PLACEHOLDER_KEYS, Slug, isPlaceholderKey } from '../schema';
import { schema, type Provenance } from './schema';

/**
 * The project file (`*.ordinance.json`): format and version, the jurisdiction profile,
 * the chosen template and preset, the document as ProseMirror JSON, export options and
 * metadata.
 *
 * Loading is all or nothing: parseProject either returns a complete, valid project or a
 * ProjectError that names the place in the JSON ("doc.content[3].content[1]: unknown
 * node type "sectoin"") and the reason. It checks, in order: JSON syntax (line and
 * column), the format marker and version (migrating older versions step by step), the
 * shape (zod), and the document (known node and mark types, attributes, content rules
 * of the schema, unique ids, provenance shape).
 *
 * Provenance naming a clause the library does not have is a WARNING, not an error: the
 * text is the drafter's law whatever library it came from, and a clause renamed or
 * retired in a later library must not lock anyone out of their ordinance. Coverage then
 * treats that node as hand-written text and reads its words. Likewise a template or
 * preset the library lacks, a placeholder key outside the registry (it shows as a
 * visible placeholder) and a cross-reference to a missing node (it shows
 * "[missing reference]") are warnings.
 */

export const PROJECT_FORMAT = 'ordwright-project';
export const FORMAT_VERSION = 1;
export const PROJECT_EXTENSION = '.ordinance.json';

const placeholderKeys = z.enum(PLACEHOLDER_KEYS as [string, ...string[]]);

/**
 * The profile inside a project. Unlike a sample profile in seeds/ (core/schema Profile,
 * every key required), a drafter's profile may still lack values: those placeholders
 * show as visible placeholders until filled.
 */
export const ProjectProfile = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  kind: JurisdictionKind,
  description: z.string().optional(),
  values: z.partialRecord(placeholderKeys, z.string()).default({}),
});
export type ProjectProfile = z.infer<typeof ProjectProfile>;

export const ProvenanceSchema = z.strictObject({
  clause: z.string().min(1),
  variant: z.string().min(1),
  libraryVersion: z.string(),
  hash: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits (see core/document/hash.ts)'),
});

const Metadata = z.strictObject({
  title: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  modifiedAt: z.iso.datetime({ offset: true }),
  libraryVersion: z.string(),
});

/** The file as JSON, after migration to the current version (the document still JSON). */
export const ProjectFileSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  metadata: Metadata,
  /** Template and preset the draft was composed from; null for an imported document. */
  template: Slug.nullable(),
  preset: Slug.nullable(),
  profile: ProjectProfile,
  exportOptions: z.record(z.string(), z.unknown()).default({}),
  doc: z.looseObject({ type: z.literal('doc') }),
});
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

/** A loaded project: the file with the document as a ProseMirror node. */
export interface Project {
  format: typeof PROJECT_FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  metadata: z.infer<typeof Metadata>;
  template: string | null;
  preset: string | null;
  profile: ProjectProfile;
  exportOptions: Record<string, unknown>;
  doc: PMNode;
}

export interface ProjectIssue {
  /** Path into the JSON ("doc.content[3].attrs.id"); '' for the file as a whole. */
  path: string;
  message: string;
}

/** Why a project file cannot be loaded: every issue found, each with its JSON path. */
function clip(s: string, max = 400): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}

export class ProjectError extends Error {
  constructor(public readonly issues: ProjectIssue[]) {
    // a message echoes what it found; a 5 MB node name must not become a 5 MB message
    super(issues.map((i) => clip(formatProjectIssue(i))).join('\n'));
    this.name = 'ProjectError';
  }
  /** Path of the first issue. */
  get path(): string {
    return this.issues[0]?.path ?? '';
  }
  /** Reason of the first issue. */
  get reason(): string {
    return this.issues[0]?.message ?? '';
  }
}

export function formatProjectIssue(i: ProjectIssue): string {
  return i.path ? `${i.path}: ${i.message}` : i.message;
}

export type ParseProjectResult = { ok: true; project: Project; warnings: ProjectIssue[] } | { ok: false; error: ProjectError };

// ---------------------------------------------------------------------------------
// JSON syntax

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; issue: ProjectIssue } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // V8 reports "... at position N" (and, in newer versions, "(line L column C)")
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    let where: { line: number; column: number };
    if (lc) where = { line: Number(lc[1]), column: Number(lc[2]) };
    else where = lineColumn(text, pos ? Number(pos[1]) : text.length);
    const reason = msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    const empty = text.trim() === '' ? ' (the file is empty)' : '';
    return { ok: false, issue: { path: '', message: `not valid JSON at line ${where.line}, column ${where.column}: ${reason}${empty}` } };
  }
}

// ---------------------------------------------------------------------------------
// Migrations: one step per format version, each from version n to n + 1.

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Format version 0 (the preview releases): flat metadata, `version` instead of
 * `formatVersion`, `templateId`/`presetId`/`options`/`document`, and provenance without
 * the library version (it was kept once, at the top).
 */
const ProjectV0 = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(0),
  title: z.string().default(''),
  created: z.string(),
  modified: z.string(),
  libraryVersion: z.string().default('0.0.0'),
  templateId: z.string().nullable().default(null),
  presetId: z.string().nullable().default(null),
  profile: z.unknown(),
  options: z.record(z.string(), z.unknown()).default({}),
  document: z.unknown(),
});

function addLibraryVersion(node: unknown, version: string): unknown {
  if (!isObject(node)) return node;
  const out: Json = { ...node };
  if (isObject(node.attrs) && isObject(node.attrs.prov) && node.attrs.prov.libraryVersion === undefined) {
    out.attrs = { ...node.attrs, prov: { ...node.attrs.prov, libraryVersion: version } };
  }
  if (Array.isArray(node.content)) out.content = node.content.map((c) => addLibraryVersion(c, version));
  return out;
}

export const MIGRATIONS: Record<number, (data: Json) => Json> = {
  0: (data) => {
    const r = ProjectV0.safeParse(data);
    if (!r.success) throw new ProjectError(r.error.issues.map((i) => ({ path: formatPath(i.path), message: `${i.message} (format version 0)` })));
    const v0 = r.data;
    return {
      format: PROJECT_FORMAT,
      formatVersion: 1,
      metadata: { title: v0.title, createdAt: v0.created, modifiedAt: v0.modified, libraryVersion: v0.libraryVersion },
      template: v0.templateId,
      preset: v0.presetId,
      profile: v0.profile,
      exportOptions: v0.options,
      doc: addLibraryVersion(v0.document, v0.libraryVersion),
    };
  },
};

/** Bring a parsed file to the current format version, step by step. */
export function migrate(data: Json): Json {
  const raw = data.formatVersion ?? data.version;
  if (raw === undefined) throw new ProjectError([{ path: 'formatVersion', message: 'missing: the file does not say which format version it is' }]);
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    throw new ProjectError([{ path: data.formatVersion !== undefined ? 'formatVersion' : 'version', message: `must be a whole number, not ${JSON.stringify(raw)}` }]);
  }
  if (raw > FORMAT_VERSION) {
    throw new ProjectError([
      { path: 'formatVersion', message: `the file was written by a newer Ordwright (format version ${raw}); this version reads format versions up to ${FORMAT_VERSION}` },
    ]);
  }
  let out = data;
  for (let v = raw; v < FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new ProjectError([{ path: 'formatVersion', message: `no migration from format version ${v}` }]);
    out = step(out);
  }
  return out;
}

// ---------------------------------------------------------------------------------
// The document

const NODE_KEYS = new Set(['type', 'attrs', 'content', 'marks', 'text']);

type AttrSpecs = Record<string, { default?: unknown }> | undefined;

function checkAttrs(attrs: unknown, specs: AttrSpecs, what: string, path: string, issues: ProjectIssue[]): void {
  const spec = specs ?? {};
  if (attrs !== undefined && !isObject(attrs)) {
    issues.push({ path: `${path}.attrs`, message: 'must be an object' });
    return;
  }
  const a = attrs ?? {};
  for (const k of Object.keys(a)) {
    if (!(k in spec)) issues.push({ path: `${path}.attrs.${k}`, message: `unknown attribute "${k}" for ${what}` });
  }
  for (const [k, s] of Object.entries(spec)) {
    if (!('default' in s) && a[k] === undefined) issues.push({ path: `${path}.attrs`, message: `${what} needs the attribute "${k}"` });
  }
}

/** Structural check of the document JSON before ProseMirror sees it, so every error has a path. */
function checkNodeJson(json: unknown, path: string, issues: ProjectIssue[]): void {
  if (!isObject(json)) {
    issues.push({ path, message: 'must be a node object ({"type": ...})' });
    return;
  }
  const type = json.type;
  if (typeof type !== 'string') {
    issues.push({ path: `${path}.type`, message: 'missing node type' });
    return;
  }
  const nodeType = schema.nodes[type];
  if (!nodeType) {
    issues.push({ path, message: `unknown node type "${type}"` });
    return;
  }
  for (const k of Object.keys(json)) if (!NODE_KEYS.has(k)) issues.push({ path: `${path}.${k}`, message: `unknown key "${k}" in a ${type} node` });
  checkAttrs(json.attrs, nodeType.spec.attrs as AttrSpecs, `a ${type} node`, path, issues);
  if (type === 'text') {
    if (typeof json.text !== 'string' || json.text === '') issues.push({ path: `${path}.text`, message: 'a text node needs non-empty text' });
  } else if (json.text !== undefined) issues.push({ path: `${path}.text`, message: `a ${type} node has no text of its own` });
  if (json.marks !== undefined) {
    if (!Array.isArray(json.marks)) issues.push({ path: `${path}.marks`, message: 'must be an array' });
    else
      json.marks.forEach((m: unknown, i) => {
        const mp = `${path}.marks[${i}]`;
        if (!isObject(m) || typeof m.type !== 'string') return void issues.push({ path: mp, message: 'must be a mark object ({"type": ...})' });
        const markType = schema.marks[m.type];
        if (!markType) return void issues.push({ path: mp, message: `unknown mark type "${m.type}"` });
        checkAttrs(m.attrs, markType.spec.attrs as AttrSpecs, `a ${m.type} mark`, mp, issues);
      });
  }
  if (json.content !== undefined) {
    if (!Array.isArray(json.content)) issues.push({ path: `${path}.content`, message: 'must be an array' });
    else if (nodeType.isLeaf || nodeType.isText) issues.push({ path: `${path}.content`, message: `a ${type} node has no content` });
    else json.content.forEach((c: unknown, i) => checkNodeJson(c, `${path}.content[${i}]`, issues));
  }
}

function describeContent(type: NodeType): string {
  return type.spec.content ?? '(nothing)';
}

/** Check a built document against the schema's content rules and Ordwright's invariants, with paths. */
function checkNode(node: PMNode, path: string, issues: ProjectIssue[], ids: Map<string, string>): void {
  if (!node.type.validContent(node.content)) {
    const children: string[] = [];
    node.forEach((c) => children.push(c.type.name));
    issues.push({
      path,
      message: `invalid content for a ${node.type.name} node: expected ${describeContent(node.type)}, found ${children.length ? children.join(', ') : 'nothing'}`,
    });
  }
  node.forEach((child, _o, i) => {
    const cp = `${path}.content[${i}]`;
    for (const [mi, m] of child.marks.entries()) {
      if (!node.type.allowsMarkType(m.type)) issues.push({ path: `${cp}.marks[${mi}]`, message: `a ${m.type.name} mark is not allowed in a ${node.type.name} node` });
    }
    checkNode(child, cp, issues, ids);
  });
  const name = node.type.name;
  if (name === 'section' || name === 'provision' || name === 'recital') {
    const id = node.attrs.id as unknown;
    if (typeof id !== 'string' || id === '') issues.push({ path: `${path}.attrs.id`, message: `a ${name} needs an id` });
    else if (ids.has(id)) issues.push({ path: `${path}.attrs.id`, message: `duplicate id "${id}" (also at ${ids.get(id)!})` });
    else ids.set(id, `${path}.attrs.id`);
    if (name === 'section' && !['operative', 'definitions'].includes(node.attrs.role as string)) {
      issues.push({ path: `${path}.attrs.role`, message: `unknown section role ${JSON.stringify(node.attrs.role)} (expected "operative" or "definitions")` });
    }
    const label = node.attrs.label as unknown;
    if (label !== null && typeof label !== 'string') issues.push({ path: `${path}.attrs.label`, message: 'must be a string or null' });
  }
  if ('prov' in node.attrs && node.attrs.prov !== null) {
    const r = ProvenanceSchema.safeParse(node.attrs.prov);
    if (!r.success) for (const iss of r.error.issues) issues.push({ path: `${path}.attrs.prov${iss.path.length ? '.' + formatPath(iss.path) : ''}`, message: iss.message });
  }
  for (const [k, v] of Object.entries(node.attrs)) {
    if ((k === 'key' || k === 'target' || k === 'id') && typeof v !== 'string') issues.push({ path: `${path}.attrs.${k}`, message: 'must be a string' });
  }
}

/** Warnings about a valid document: unknown clauses, placeholders and dangling references. */
function documentWarnings(doc: PMNode, library: Library | undefined): ProjectIssue[] {
  const out: ProjectIssue[] = [];
  const ids = new Set<string>();
  const walk = (node: PMNode, path: string, visit: (n: PMNode, p: string) => void) => {
    visit(node, path);
    node.forEach((c, _o, i) => walk(c, `${path}.content[${i}]`, visit));
  };
  walk(doc, 'doc', (n) => {
    if (typeof n.attrs.id === 'string' && n.attrs.id) ids.add(n.attrs.id);
  });
  const unknownClauses = new Set<string>();
  walk(doc, 'doc', (n, p) => {
    const prov = n.attrs.prov as Provenance | null | undefined;
    if (prov && library && !library.clauseById.has(prov.clause) && !unknownClauses.has(prov.clause)) {
      unknownClauses.add(prov.clause);
      out.push({ path: `${p}.attrs.prov.clause`, message: `clause "${prov.clause}" is not in the clause library ${library.info.version}; its text is kept and checked as hand-written text` });
    }
    if (n.type.name === 'placeholder' && !isPlaceholderKey(n.attrs.key as string)) {
      out.push({ path: `${p}.attrs.key`, message: `unknown placeholder key "${n.attrs.key as string}"; it shows as a visible placeholder` });
    }
    if (n.type.name === 'xref' && !ids.has(n.attrs.target as string)) {
      out.push({ path: `${p}.attrs.target`, message: `cross-reference to "${n.attrs.target as string}", which is not in the document; it shows as [missing reference]` });
    }
  });
  return out;
}

/** Parse and check a document's JSON; the node, or every issue found with its path. */
export function parseDocumentJson(json: unknown, path = 'doc'): { ok: true; doc: PMNode } | { ok: false; issues: ProjectIssue[] } {
  const issues: ProjectIssue[] = [];
  checkNodeJson(json, path, issues);
  if (issues.length > 0) return { ok: false, issues };
  let doc: PMNode;
  try {
    doc = PMNode.fromJSON(schema, json);
  } catch (e) {
    return { ok: false, issues: [{ path, message: `not a valid document: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (doc.type.name !== 'doc') return { ok: false, issues: [{ path: `${path}.type`, message: `the document must be a "doc" node, not "${doc.type.name}"` }] };
  checkNode(doc, path, issues, new Map());
  if (issues.length > 0) return { ok: false, issues };
  try {
    doc.check(); // the schema's own check, as a last line
  } catch (e) {
    return { ok: false, issues: [{ path, message: `not a valid document: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return { ok: true, doc };
}

// ---------------------------------------------------------------------------------
// Load and save

export interface ParseProjectOptions {
  /** With a library: provenance naming unknown clauses, and an unknown template or preset, are reported as warnings. */
  library?: Library;
}

/** Parse a project file's text. All or nothing: a complete project, or an error that names path and reason. */
export function parseProject(text: string, opts: ParseProjectOptions = {}): ParseProjectResult {
  const fail = (issues: ProjectIssue[]): ParseProjectResult => ({ ok: false, error: new ProjectError(issues) });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // a document nested thousands deep would overflow the stack of every recursive reader below
  if (jsonNestingDepth(body, MAX_PROJECT_DEPTH) > MAX_PROJECT_DEPTH) {
    return fail([{ path: '', message: `its JSON nests more than ${MAX_PROJECT_DEPTH} levels deep (a real project nests about 30)` }]);
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return fail([parsed.issue]);
  const data = parsed.value;
  if (!isObject(data)) return fail([{ path: '', message: `expected a project object, found ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}` }]);
  if (data.format !== PROJECT_FORMAT) {
    return fail([{ path: 'format', message: `not an Ordwright project file (format is ${JSON.stringify(data.format)}, expected "${PROJECT_FORMAT}")` }]);
  }
  let current: Json;
  try {
    current = migrate(data);
  } catch (e) {
    if (e instanceof ProjectError) return { ok: false, error: e };
    throw e;
  }
  const shape = ProjectFileSchema.safeParse(current);
  if (!shape.success) {
    return fail(
      shape.error.issues.map((i) => {
        const keys = (i as { keys?: string[] }).keys;
        return { path: formatPath(i.path), message: keys ? `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}` : i.message };
      }),
    );
  }
  const file = shape.data;
  const docR = parseDocumentJson(file.doc, 'doc');
  if (!docR.ok) return fail(docR.issues);
  const warnings = documentWarnings(docR.doc, opts.library);
  if (opts.library) {
    const lib = opts.library;
    if (file.template && !lib.templateById.has(file.template)) warnings.push({ path: 'template', message: `template "${file.template}" is not in the library` });
    else if (file.template && file.preset && !lib.templateById.get(file.template)!.presets.some((p) => p.id === file.preset)) {
      warnings.push({ path: 'preset', message: `template "${file.template}" has no preset "${file.preset}"` });
    }
    if (file.metadata.libraryVersion !== lib.info.version) {
      warnings.push({ path: 'metadata.libraryVersion', message: `made with clause library ${file.metadata.libraryVersion}; this is ${lib.info.version}` });
    }
  }
  return {
    ok: true,
    project: {
      format: PROJECT_FORMAT,
      formatVersion: FORMAT_VERSION,
      metadata: file.metadata,
      template: file.template,
      preset: file.preset,
      profile: file.profile,
      exportOptions: file.exportOptions,
      doc: docR.doc,
    },
    warnings,
  };
}

/** Keys in the order a reader expects them; any other key follows in alphabetical order. */
const KEY_ORDER = [
  'format', 'formatVersion', 'metadata', 'template', 'preset', 'profile', 'exportOptions', 'doc',
  'title', 'createdAt', 'modifiedAt', 'libraryVersion',
  'id', 'name', 'kind', 'description', 'values',
  'type', 'attrs', 'text', 'marks', 'content',
  'role', 'label', 'prov', 'key', 'target', 'term', 'clause', 'variant', 'hash',
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  keys.sort((a, b) => {
    const ra = RANK.get(a) ?? Infinity;
    const rb = RANK.get(b) ?? Infinity;
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
  });
  const out: Json = {};
  for (const k of keys) out[k] = ordered(value[k]);
  return out;
}

/** The file text: stable key order, two-space indentation, a final newline. Same project, same bytes. */
export function serializeProject(project: Project): string {
  const file = {
    format: PROJECT_FORMAT,
    formatVersion: FORMAT_VERSION,
    metadata: project.metadata,
    template: project.template,
    preset: project.preset,
    profile: project.profile,
    exportOptions: project.exportOptions,
    doc: project.doc.toJSON() as unknown,
  };
  return JSON.stringify(ordered(file), null, 2) + '\n';
}

export interface NewProjectInput {
  doc: PMNode;
  profile: ProjectProfile;
  template: string | null;
  preset: string | null;
  libraryVersion: string;
  title?: string;
  exportOptions?: Record<string, unknown>;
  /** ISO date-time; now when absent. */
  now?: string;
}

/** A new project around a document (e.g. one compose() made). */
export function newProject(input: NewProjectInput): Project {
  const now = input.now ?? new Date().toISOString();
  return {
    format: PROJECT_FORMAT,
    formatVersion: FORMAT_VERSION,
    metadata: { title: input.title ?? input.doc.firstChild?.textContent ?? '', createdAt: now, modifiedAt: now, libraryVersion: input.libraryVersion },
    template: input.template,
    preset: input.preset,
    profile: input.profile,
    exportOptions: input.exportOptions ?? {},
    doc: input.doc,
  };
}

/** The project with its document replaced and its modification time set. */
export function updateProject(project: Project, doc: PMNode, now: string = new Date().toISOString()): Project {
  return { ...project, doc, metadata: { ...project.metadata, modifiedAt: now } };
}
