import JSZip from 'jszip';
import { stringify } from 'yaml';
import { walkProvisions } from './library/library';
import { tokenize } from './library/inline';
import { type DataIssue, formatIssue, parseYamlFile } from './library/parse';
import { Clause, type ProvisionSpec } from './schema/clause';
import type { JurisdictionKind, Topic } from './schema/common';
import { isPlaceholderKey } from './schema/placeholders';
import { MAX_CLAUSE_CHARS, MAX_PACK_CLAUSES } from './host';

/**
 * The drafter's own clause library and clause packs, in the clause library's own
 * format: one YAML file per clause (as in clauses/), checked with core/schema's Clause.
 * A pack is a set of such files: a .zip, a folder, or a single .yaml file.
 *
 * Everything here is platform-free, so the desktop host (core/node/user-library.ts) and
 * the browser host (renderer/host/web.ts) check packs with the same code. Checking is
 * all or nothing: validatePack returns every clause or every problem (file, field,
 * reason), never a part of the pack.
 */

/** One clause file of a pack: its name inside the pack (for messages) and its text. */
export interface PackFile {
  file: string;
  text: string;
}

export const PACK_LIMITS = {
  /** Clause files in one pack. */
  maxFiles: MAX_PACK_CLAUSES,
  /** One clause file, in bytes. */
  maxFileBytes: MAX_CLAUSE_CHARS,
  /** All clause files of a pack together, uncompressed, in bytes. */
  maxTotalBytes: 64 * 1024 * 1024,
  /** Entries of any kind in a zip (folders, read-me files, ...). */
  maxZipEntries: 10_000,
};

export const isClauseFileName = (name: string): boolean => /\.ya?ml$/i.test(name) && !/(^|\/)[._]/.test(name);

/** The file a clause is stored in: its id, as in clauses/ ("fusion-center-participation.yaml"). */
export function clauseFileName(id: string): string {
  return `${id}.yaml`;
}

/** A clause as the library writes it: YAML, the schema's key order, long lines kept whole. */
export function clauseToYaml(clause: Clause): string {
  return stringify(clause, { lineWidth: 0, minContentWidth: 0 });
}

/**
 * Checks the schema cannot make on one clause: placeholder keys must be in the registry
 * (core/schema/placeholders.ts). Terms and cross-references may name the built-in
 * library's clauses, which a host that stores user clauses does not load, so those are
 * left to the renderer, which shows them as missing if they are.
 */
function clauseIssues(file: string, c: Clause): DataIssue[] {
  const issues: DataIssue[] = [];
  c.variants.forEach((v, vi) => {
    walkProvisions(v.provisions, (p, path) => {
      const field = `variants[${vi}].provisions` + path.map((n, k) => (k === 0 ? `[${n}]` : `.children[${n}]`)).join('');
      for (const t of tokenize(p.text)) {
        if (t.type === 'placeholder' && !isPlaceholderKey(t.key)) issues.push({ file, field, message: `unknown placeholder {${t.key}}` });
      }
    });
  });
  if (JSON.stringify(c).length > MAX_CLAUSE_CHARS) issues.push({ file, field: '', message: `the clause is larger than ${MAX_CLAUSE_CHARS} characters` });
  return issues;
}

/** Parse and check one clause file. */
export function parseClauseText(file: string, text: string): { ok: true; clause: Clause } | { ok: false; issues: DataIssue[] } {
  if (text.length > PACK_LIMITS.maxFileBytes) return { ok: false, issues: [{ file, field: '', message: `the file is larger than ${PACK_LIMITS.maxFileBytes} bytes` }] };
  let r: ReturnType<typeof parseYamlFile<Clause>>;
  try {
    r = parseYamlFile(file, text, Clause);
  } catch (e) {
    // the YAML parser's own limits (aliases expanding without end, nesting): still the file's fault
    return { ok: false, issues: [{ file, field: '', message: `not a readable clause file: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (!r.ok) {
    // a file that is a string, a list or empty: say what a clause file looks like
    const only = r.issues.length === 1 ? r.issues[0]! : null;
    if (only && only.field === '' && /expected object/.test(only.message)) {
      const found = /received (\w+)/.exec(only.message)?.[1] ?? 'something else';
      return { ok: false, issues: [{ file, field: '', message: `a clause file must hold one clause, a YAML mapping that starts with "id:" (this one holds ${found === 'undefined' ? 'nothing' : `a ${found}`})` }] };
    }
    return r;
  }
  const extra = clauseIssues(file, r.value);
  return extra.length ? { ok: false, issues: extra } : { ok: true, clause: r.value };
}

export interface ValidatePackOptions {
  /** Ids already in the user library. */
  existingIds?: ReadonlySet<string>;
  /** Overwrite clauses whose id is already in the library (otherwise each is an issue). */
  replace?: boolean;
  /** The pack's name, for problems of the pack as a whole. */
  packName: string;
}

export type PackCheck =
  | { ok: true; clauses: { file: string; clause: Clause }[]; replaced: string[] }
  | { ok: false; issues: DataIssue[] };

/** Check a whole pack: every file, duplicate ids, ids already in the library. All or nothing. */
export function validatePack(files: readonly PackFile[], opts: ValidatePackOptions): PackCheck {
  const issues: DataIssue[] = [];
  if (files.length === 0) return { ok: false, issues: [{ file: opts.packName, field: '', message: 'the pack holds no clause files (*.yaml)' }] };
  if (files.length > PACK_LIMITS.maxFiles) {
    return { ok: false, issues: [{ file: opts.packName, field: '', message: `the pack holds ${files.length} clause files; the limit is ${PACK_LIMITS.maxFiles}` }] };
  }
  const clauses: { file: string; clause: Clause }[] = [];
  const seen = new Map<string, string>();
  const replaced: string[] = [];
  for (const f of files) {
    const r = parseClauseText(f.file, f.text);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const id = r.clause.id;
    const before = seen.get(id);
    if (before !== undefined) {
      issues.push({ file: f.file, field: 'id', message: `duplicate clause id "${id}" (also in ${before})` });
      continue;
    }
    seen.set(id, f.file);
    if (opts.existingIds?.has(id)) {
      if (!opts.replace) {
        issues.push({ file: f.file, field: 'id', message: `a clause with id "${id}" is already in your library; import with "replace" to overwrite it` });
        continue;
      }
      replaced.push(id);
    }
    clauses.push({ file: f.file, clause: r.clause });
  }
  return issues.length ? { ok: false, issues } : { ok: true, clauses, replaced };
}

/** A message for the user: the first problems, each with file and field, and how many more. */
export function describePackIssues(packName: string, issues: readonly DataIssue[], max = 8): string {
  // each line kept short: a field named by a 100 kB key must not make a 100 kB dialog
  const head = issues.slice(0, max).map((i) => {
    const line = formatIssue(i);
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
  });
  const more = issues.length > max ? `\n…and ${issues.length - max} more` : '';
  return `The clause pack "${packName}" was not imported (nothing was changed):\n${head.join('\n')}${more}`;
}

/** A pack's file name as a display name: no control characters, at most 255 characters, never empty. */
export function safePackName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 255).trim();
  return s || 'clause pack';
}

/** Decode UTF-8 strictly, dropping a byte order mark; null when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

interface ZipEntryInternals {
  _data?: { uncompressedSize?: number };
  /** JSZip's documented StreamHelper (ZipObject.internalStream in its API docs), untyped in its .d.ts. */
  internalStream(type: 'uint8array'): StreamHelper;
}
interface StreamHelper {
  on(event: 'data', fn: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', fn: (e: Error) => void): StreamHelper;
  on(event: 'end', fn: () => void): StreamHelper;
  pause(): StreamHelper;
  resume(): StreamHelper;
}

/** Read one entry, refusing to inflate past `limit` bytes whatever its header claims. */
function readEntry(entry: JSZip.JSZipObject, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stream = (entry as unknown as ZipEntryInternals).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        size += chunk.length;
        if (size > limit) {
          done = true;
          stream.pause();
          reject(new RangeError(`larger than ${limit} bytes`));
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e: Error) => {
        if (!done) {
          done = true;
          reject(e);
        }
      })
      .on('end', () => {
        if (done) return;
        done = true;
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}

/**
 * The clause files of a zipped pack. Folders inside the zip are fine; files other than
 * *.yaml / *.yml (a read-me, macOS's __MACOSX folder, dot files) are skipped. A zip
 * that cannot be read, an entry that is not UTF-8 or too large is an issue naming it.
 */
export async function readZipPack(bytes: Uint8Array, packName: string): Promise<{ ok: true; files: PackFile[] } | { ok: false; issues: DataIssue[] }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    return { ok: false, issues: [{ file: packName, field: '', message: `not a readable zip file (${e instanceof Error ? e.message : String(e)})` }] };
  }
  const entries = Object.values(zip.files);
  if (entries.length > PACK_LIMITS.maxZipEntries) {
    return { ok: false, issues: [{ file: packName, field: '', message: `the zip holds ${entries.length} entries; the limit is ${PACK_LIMITS.maxZipEntries}` }] };
  }
  const issues: DataIssue[] = [];
  const files: PackFile[] = [];
  let total = 0;
  for (const entry of entries) {
    const name = entry.name.replace(/\\/g, '/');
    if (entry.dir || name.startsWith('__MACOSX/') || !isClauseFileName(name)) continue;
    const where = `${packName}/${name}`;
    const declared = (entry as unknown as ZipEntryInternals)._data?.uncompressedSize;
    if (typeof declared === 'number' && declared > PACK_LIMITS.maxFileBytes) {
      issues.push({ file: where, field: '', message: `the file is larger than ${PACK_LIMITS.maxFileBytes} bytes` });
      continue;
    }
    let data: Uint8Array;
    try {
      data = await readEntry(entry, Math.min(PACK_LIMITS.maxFileBytes, PACK_LIMITS.maxTotalBytes - total));
    } catch (e) {
      const msg = e instanceof RangeError ? `the file is ${e.message}` : `could not be unpacked (${e instanceof Error ? e.message : String(e)})`;
      issues.push({ file: where, field: '', message: msg });
      continue;
    }
    total += data.length;
    const text = decodeText(data);
    if (text === null) {
      issues.push({ file: where, field: '', message: 'not UTF-8 text' });
      continue;
    }
    files.push({ file: where, text });
  }
  if (issues.length) return { ok: false, issues };
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ok: true, files };
}

/** Fixed time stamp for zip entries, so the same clauses always make the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2000, 0, 1));

/** A pack as a zip: one YAML file per clause, named by id, in a folder named after the pack. */
export async function writeZipPack(clauses: readonly Clause[], folder = 'clauses'): Promise<Uint8Array> {
  const zip = new JSZip();
  const sorted = [...clauses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of sorted) zip.file(`${folder}/${clauseFileName(c.id)}`, clauseToYaml(c), { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

/** "Notice before a search!" -> "notice-before-a-search" (a Slug), never empty. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'clause';
}

/** The first of "my-x", "my-x-2", "my-x-3", ... not taken. User clause ids start with "my-", so they never shadow the library's. */
export function userClauseId(title: string, taken: ReadonlySet<string>): string {
  const base = `my-${slugify(title)}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface NewUserClauseInput {
  id: string;
  title: string;
  provisions: ProvisionSpec[];
  kind?: 'section' | 'finding';
  topic?: Topic;
  suits?: JurisdictionKind[];
  /** Where the text came from, for the commentary ("Riverbend draft, Section 4"). */
  source?: string;
}

/**
 * A clause the drafter saves from their draft: one variant holding the provisions, and
 * commentary that says it is their own, unreviewed text. It claims no route coverage:
 * the coverage check reads its words, like any hand-written section.
 */
export function newUserClause(input: NewUserClauseInput): Clause {
  const from = input.source ? ` It was saved from ${input.source}.` : '';
  const raw = {
    id: input.id,
    title: input.title.trim(),
    kind: input.kind ?? 'section',
    topic: input.topic ?? 'general',
    suits: input.suits ?? ['city', 'county', 'state'],
    variants: [
      {
        id: 'custom',
        label: 'As written',
        strength: 'baseline',
        tradeoffs: 'Written by the drafter; not reviewed against the clause library.',
        provisions: input.provisions,
      },
    ],
    commentary: {
      does: `A clause from the drafter's own library, in the drafter's own words.${from}`,
      tradeoffs: 'Not reviewed against the clause library; compare it with the library clauses on the same route.',
      risks: 'Unreviewed text: check it against the coverage report before relying on it.',
    },
    ...(input.kind === 'finding' ? { sources: [{ citation: 'Drafter’s own finding (add the source)' }] } : {}),
  };
  const r = Clause.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(`The clause could not be made: ${first ? `${first.path.join('.') || 'clause'}: ${first.message}` : 'invalid'}`);
  }
  return r.data;
}
