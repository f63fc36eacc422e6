import { z } from 'zod';
import { CLOSE_REQUEST_CHANNEL, HOST_CHANNELS, HOST_METHODS, MENU_CHANNEL, BRIDGE_GLOBAL, type HostMethod, type HostChannel } from './host-channels';
import { Clause } from './schema/clause';
import { Slug } from './schema/common';

/**
 * The HostApi contract: everything the renderer may ask of the platform it runs on.
 *
 * Two implementations: the Electron main process (electron/ipc.ts + electron/files.ts,
 * reached through electron/preload.ts) and the browser (renderer/host/web.ts). Both
 * parse every request and every response with the schemas below, and neither throws
 * across the boundary: failures come back as `{ ok: false, error: { code, message } }`.
 *
 * A "path" is whatever the host uses to name a saved project: a file path on the
 * desktop, a project name in the browser's storage. The renderer treats it as opaque.
 */

export { CLOSE_REQUEST_CHANNEL, HOST_CHANNELS, HOST_METHODS, MENU_CHANNEL, BRIDGE_GLOBAL };
export type { HostMethod, HostChannel };

/** Largest project text the host accepts (characters). A 300-section ordinance is ~2 MB. */
export const MAX_PROJECT_CHARS = 64 * 1024 * 1024;
/** Largest binary payload (export or import) the host accepts, in bytes. */
export const MAX_BYTES = 100 * 1024 * 1024;
/** How many recent projects the host remembers. */
export const MAX_RECENT = 10;
/** The file extension of a project on disk. */
export const PROJECT_EXTENSION = '.ordinance.json';
/**
 * Deepest nesting of arrays and objects a host accepts in project text. A real
 * ordinance nests about 30 deep (section, five levels of provisions, paragraphs, marks);
 * a file nested thousands deep would overflow the stack of a recursive reader, so the
 * hosts refuse it first, with a message that says so.
 */
export const MAX_PROJECT_DEPTH = 500;
/** Largest clause (as JSON) the user library stores. */
export const MAX_CLAUSE_CHARS = 1024 * 1024;
/** Most clauses one pack may hold. */
export const MAX_PACK_CLAUSES = 2000;

// ---------------------------------------------------------------------------
// Building blocks

export const ProjectPath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .refine((s) => !s.includes('\0'), 'must not contain a NUL character');

export const ProjectText = z.string().max(MAX_PROJECT_CHARS, `must be at most ${MAX_PROJECT_CHARS} characters`);

/** A display name: a file's base name or a project name in browser storage. */
export const DisplayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'must not contain control characters');

/** ISO 8601 timestamp, as produced by Date.prototype.toISOString. */
export const Timestamp = z.iso.datetime();

/**
 * Bytes crossing the bridge. Checked by tag rather than instanceof, because the array
 * may come from another realm (contextBridge, structured clone, a test page).
 */
export const Bytes = z
  .custom<Uint8Array>(
    // Node's Buffer reports itself as a Uint8Array too, which is what we want
    (v) => Object.prototype.toString.call(v) === '[object Uint8Array]',
    'must be bytes (a Uint8Array)',
  )
  .refine((b) => b.byteLength <= MAX_BYTES, `must be at most ${MAX_BYTES} bytes`);

/** Recovery slots are named by the renderer; the id becomes a file name on the desktop. */
export const RecoveryId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"');

/** A file extension filter such as "docx" or "ordinance.json" (no leading dot). */
export const Extension = z.string().regex(/^[a-z0-9]+(?:\.[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by dots, e.g. "docx"');

const Canceled = z.strictObject({ canceled: z.literal(true) });

export const RecentItem = z.strictObject({
  path: ProjectPath,
  name: DisplayName,
  openedAt: Timestamp,
  /** Set by listRecent when the project is no longer where it was (moved, deleted, a drive not mounted). */
  missing: z.boolean().optional(),
});
export type RecentItem = z.infer<typeof RecentItem>;

export const RecoveryItem = z.strictObject({
  id: RecoveryId,
  savedAt: Timestamp,
  text: ProjectText,
  /** The project the unsaved text belongs to, or null for an untitled project. */
  path: ProjectPath.nullable(),
  name: DisplayName,
});
export type RecoveryItem = z.infer<typeof RecoveryItem>;

const Empty = z.strictObject({});

/** Names a close request (main -> renderer) and its answer. */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "-" or "_"');

/**
 * A clause of the drafter's own library: the clause library's format (core/schema
 * Clause), checked in full wherever it crosses a boundary.
 */
export const UserClause = Clause.refine((c) => JSON.stringify(c).length <= MAX_CLAUSE_CHARS, `must be at most ${MAX_CLAUSE_CHARS} characters as JSON`);
export type UserClause = z.output<typeof Clause>;

export const UserClauseItem = z.strictObject({
  clause: UserClause,
  savedAt: Timestamp,
});
export type UserClauseItem = z.infer<typeof UserClauseItem>;

/** A problem in a clause file: which file, which field, what is wrong. */
export const FileIssue = z.strictObject({ file: z.string(), field: z.string(), message: z.string() });
export type FileIssue = z.infer<typeof FileIssue>;

// ---------------------------------------------------------------------------
// The schemas of every request and response, one entry per channel.

export const HOST_SCHEMAS = {
  /** Start a new, untitled project. The host forgets the current project's path. */
  newProject: { request: Empty, response: Empty },
  /** Open a project: from `path` (a recent item) or, without it, by asking the user. */
  openProject: {
    request: z.strictObject({ path: ProjectPath.optional() }),
    response: z.union([
      Canceled,
      z.strictObject({ canceled: z.literal(false), path: ProjectPath, name: DisplayName, text: ProjectText }),
    ]),
  },
  /** Save to the project's current path (one the user chose or opened). */
  saveProject: {
    request: z.strictObject({ path: ProjectPath, text: ProjectText }),
    response: z.strictObject({ path: ProjectPath, name: DisplayName, savedAt: Timestamp }),
  },
  /** Ask the user where to save, then save there. */
  saveProjectAs: {
    request: z.strictObject({ suggestedName: DisplayName.optional(), text: ProjectText }),
    response: z.union([
      Canceled,
      z.strictObject({ canceled: z.literal(false), path: ProjectPath, name: DisplayName, savedAt: Timestamp }),
    ]),
  },
  /** Recently opened or saved projects, most recent first. */
  listRecent: {
    request: Empty,
    response: z.strictObject({ items: z.array(RecentItem).max(MAX_RECENT) }),
  },
  /** Hand a finished .docx to the user (save dialog on the desktop, a download in the browser). */
  exportDocx: {
    request: z.strictObject({ suggestedName: DisplayName, bytes: Bytes }),
    response: z.union([Canceled, z.strictObject({ canceled: z.literal(false), path: ProjectPath, name: DisplayName })]),
  },
  /** Let the user pick a file to import (a .docx, a text file). */
  importFile: {
    request: z.strictObject({ extensions: z.array(Extension).max(20).optional() }),
    response: z.union([Canceled, z.strictObject({ canceled: z.literal(false), name: DisplayName, bytes: Bytes })]),
  },
  /** Keep a copy of unsaved work, so a crash loses nothing. */
  writeRecovery: {
    request: z.strictObject({ id: RecoveryId, text: ProjectText, path: ProjectPath.nullable(), name: DisplayName }),
    response: z.strictObject({ savedAt: Timestamp }),
  },
  /** Every recovery copy the host holds, newest first. */
  listRecovery: {
    request: Empty,
    response: z.strictObject({ items: z.array(RecoveryItem) }),
  },
  /** Drop a recovery copy (after a save, or when the user discards it). */
  clearRecovery: {
    request: z.strictObject({ id: RecoveryId }),
    response: Empty,
  },
  /** Remove one project from the recent list (e.g. one marked missing), or, without `path`, clear the list. */
  forgetRecent: {
    request: z.strictObject({ path: ProjectPath.optional() }),
    response: Empty,
  },
  /**
   * Files dropped onto the window (desktop: their paths, from the preload). The host
   * opens the first project among them the way a double-click would: it answers with
   * that project's path and sends an 'open-path' menu event, so the renderer's usual
   * open flow (unsaved-changes check included) runs.
   */
  openDropped: {
    request: z.strictObject({ paths: z.array(ProjectPath).min(1).max(100) }),
    response: z.strictObject({ path: ProjectPath }),
  },
  /**
   * The renderer's document state, sent whenever it changes: the window title and the
   * unsaved marker follow it, and with `closeGuard` the host asks the renderer (over
   * CLOSE_REQUEST_CHANNEL) before a window with unsaved changes closes.
   */
  reportState: {
    request: z.strictObject({ name: DisplayName, path: ProjectPath.nullable(), dirty: z.boolean(), closeGuard: z.boolean().optional() }),
    response: Empty,
  },
  /** The renderer's answer to a close request: proceed (saved, or changes discarded) or stay open. */
  answerClose: {
    request: z.strictObject({ requestId: RequestId, proceed: z.boolean() }),
    response: Empty,
  },
  /** The drafter's own clauses, by title; `problems` names each clause file that could not be read. */
  listUserClauses: {
    request: Empty,
    response: z.strictObject({ items: z.array(UserClauseItem), problems: z.array(FileIssue) }),
  },
  /** Add a clause to the user library, or with `replace` overwrite the one with the same id. */
  saveUserClause: {
    request: z.strictObject({ clause: UserClause, replace: z.boolean().optional() }),
    response: z.strictObject({ id: Slug, savedAt: Timestamp, replaced: z.boolean() }),
  },
  deleteUserClause: {
    request: z.strictObject({ id: Slug }),
    response: Empty,
  },
  /**
   * Import a clause pack the user picks (a .zip of clause YAML files, a single .yaml
   * file, or on the desktop with `from: 'folder'` a folder of them). All or nothing: a
   * pack with any bad file is refused naming the file and field, and clauses already in
   * the library are refused unless `replace` is set.
   */
  importClausePack: {
    request: z.strictObject({ from: z.enum(['file', 'folder']).optional(), replace: z.boolean().optional() }),
    response: z.union([
      Canceled,
      z.strictObject({ canceled: z.literal(false), name: DisplayName, imported: z.array(Slug), replaced: z.array(Slug) }),
    ]),
  },
  /** Export user clauses (all, or the ids given) as a .zip pack. */
  exportClausePack: {
    request: z.strictObject({ suggestedName: DisplayName, ids: z.array(Slug).max(MAX_PACK_CLAUSES).optional() }),
    response: z.union([Canceled, z.strictObject({ canceled: z.literal(false), path: ProjectPath, name: DisplayName, count: z.number().int().nonnegative() })]),
  },
} as const satisfies Record<HostMethod, { request: z.ZodType; response: z.ZodType }>;

export type HostRequest<M extends HostMethod> = z.input<(typeof HOST_SCHEMAS)[M]['request']>;
export type HostResponse<M extends HostMethod> = z.output<(typeof HOST_SCHEMAS)[M]['response']>;
/** A request after parsing (defaults applied). */
export type HostParsedRequest<M extends HostMethod> = z.output<(typeof HOST_SCHEMAS)[M]['request']>;

// ---------------------------------------------------------------------------
// Results and errors

export const HostErrorCode = z.enum([
  /** The request did not match its schema. */
  'bad-request',
  /** The host produced a response that did not match its schema (a host bug). */
  'bad-response',
  /** The caller may not do this: an untrusted sender, or a path the user never chose. */
  'forbidden',
  'not-found',
  'too-large',
  /** Reading or writing failed (permissions, disk full, storage quota). */
  'io',
  /** The capability does not exist on this host. */
  'unavailable',
  /** The thing exists already (a clause id in the user library); retry with `replace`. */
  'conflict',
  'internal',
]);
export type HostErrorCode = z.infer<typeof HostErrorCode>;

export const HostError = z.strictObject({ code: HostErrorCode, message: z.string() });
export type HostError = z.infer<typeof HostError>;

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostError };

/** The HostApi: one method per capability. No method throws; failures are results. */
export type HostApi = { [M in HostMethod]: (request: HostRequest<M>) => Promise<HostResult<HostResponse<M>>> };

/**
 * What a host implements: plain async functions on parsed requests, which may throw
 * (a HostFailure carries its error code). runChecked / hostApiFromHandlers put the
 * contract around them.
 */
export type HostHandlers = { [M in HostMethod]: (request: HostParsedRequest<M>) => Promise<HostResponse<M>> };

export function ok<T>(value: T): HostResult<T> {
  return { ok: true, value };
}

export function hostError(code: HostErrorCode, message: string): { ok: false; error: HostError } {
  return { ok: false, error: { code, message } };
}

/** A host-side failure with a code, thrown inside a handler and turned into a result at the boundary. */
export class HostFailure extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostFailure';
  }
}

/** "field 'path': must not be empty; field 'text': expected string" */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const where = i.path.length ? `field '${i.path.map(String).join('.')}'` : 'the value';
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

export function parseRequest<M extends HostMethod>(method: M, payload: unknown): HostResult<HostParsedRequest<M>> {
  const r = HOST_SCHEMAS[method].request.safeParse(payload ?? {});
  if (!r.success) return hostError('bad-request', `${method}: ${describeIssues(r.error)}`);
  return ok(r.data as HostParsedRequest<M>);
}

export function parseResponse<M extends HostMethod>(method: M, value: unknown): HostResult<HostResponse<M>> {
  const r = HOST_SCHEMAS[method].response.safeParse(value);
  if (!r.success) return hostError('bad-response', `${method} answered with a malformed response: ${describeIssues(r.error)}`);
  return ok(r.data as HostResponse<M>);
}

const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: HostError }),
]);

/**
 * Check a result that crossed a boundary (IPC, a bridge object): the envelope, and on
 * success the response schema. Never throws.
 */
export function parseResult<M extends HostMethod>(method: M, raw: unknown): HostResult<HostResponse<M>> {
  const env = ResultEnvelope.safeParse(raw);
  if (!env.success) return hostError('bad-response', `${method} answered with something that is not a result: ${describeIssues(env.error)}`);
  if (!env.data.ok) return { ok: false, error: env.data.error };
  return parseResponse(method, env.data.value);
}

/** Turn anything thrown inside a handler into an error result. */
export function errorResult(method: HostMethod, e: unknown): { ok: false; error: HostError } {
  if (e instanceof HostFailure) return hostError(e.code, e.message);
  const message = e instanceof Error ? e.message : String(e);
  return hostError('internal', `${method} failed: ${message}`);
}

/**
 * Run a handler with the full contract around it: parse the request, run, parse the
 * response, catch everything. Both hosts use it, so both behave alike on bad input.
 */
export async function runChecked<M extends HostMethod>(
  method: M,
  payload: unknown,
  handler: (request: HostParsedRequest<M>) => Promise<HostResponse<M>> | HostResponse<M>,
): Promise<HostResult<HostResponse<M>>> {
  const req = parseRequest(method, payload);
  if (!req.ok) return req;
  try {
    const value = await handler(req.value);
    return parseResponse(method, value);
  } catch (e) {
    return errorResult(method, e);
  }
}

/** Wrap handlers into a HostApi that parses requests and responses and never throws. */
export function hostApiFromHandlers(handlers: HostHandlers): HostApi {
  const api = {} as Record<HostMethod, (request: unknown) => Promise<HostResult<unknown>>>;
  for (const method of HOST_METHODS) {
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
    api[method] = (request) => runChecked(method, request, handler as never);
  }
  return api as unknown as HostApi;
}

// ---------------------------------------------------------------------------
// Menu events (main -> renderer)

export const MenuAction = z.enum([
  'new',
  'open',
  'open-recent',
  'open-path',
  'save',
  'save-as',
  'export',
  'import',
  'undo',
  'redo',
  'find',
  'replace',
  'toggle-left-sidebar',
  'toggle-right-sidebar',
  'about',
  // the editor's own zoom (the page, not the window) and the coverage matrix view
  'zoom-in',
  'zoom-out',
  'reset-zoom',
  'coverage-matrix',
  // the editor's context menu
  'insert-cross-reference',
  'show-definition',
  // the user clause library
  'open-user-library',
  'save-to-user-library',
]);
export type MenuAction = z.infer<typeof MenuAction>;

/** `path` is set for open-recent and open-path (a file opened from the OS). */
export const MenuEvent = z.strictObject({ action: MenuAction, path: ProjectPath.optional() });
export type MenuEvent = z.infer<typeof MenuEvent>;

/** Main -> renderer: the window wants to close (or the app to quit); answer with answerClose. */
export const CloseRequest = z.strictObject({ requestId: RequestId, reason: z.enum(['close', 'quit']) });
export type CloseRequest = z.infer<typeof CloseRequest>;

/** What the preload exposes as window.ordwright: the HostApi plus menu events. */
export type HostBridge = HostApi & {
  onMenu(listener: (event: unknown) => void): () => void;
  /** Close requests (a desktop app from this version on). */
  onCloseRequest?(listener: (event: unknown) => void): () => void;
  /** The file system path of a dropped File (Electron's webUtils.getPathForFile); '' when it has none. */
  pathForFile?(file: unknown): string;
};

/**
 * How deeply arrays and objects nest in JSON text (strings skipped), without parsing
 * it: a recursive reader can check this before it recurses. Stops counting past `stop`.
 */
export function jsonNestingDepth(text: string, stop = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > stop) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Why project text is refused before it is parsed (nested too deep), or null. The caller names the file. */
export function projectTextProblem(text: string): string | null {
  const depth = jsonNestingDepth(text, MAX_PROJECT_DEPTH);
  return depth > MAX_PROJECT_DEPTH ? `its JSON nests more than ${MAX_PROJECT_DEPTH} levels deep (a real project nests about 30)` : null;
}

/** The base name a project path displays as: "/a/b/Town draft.ordinance.json" -> "Town draft". */
export function projectDisplayName(path: string): string {
  const base = path.split(/[\\/]/).filter(Boolean).pop() ?? path;
  const stem = base.toLowerCase().endsWith(PROJECT_EXTENSION) ? base.slice(0, -PROJECT_EXTENSION.length) : base.replace(/\.json$/i, '');
  return stem.trim() || base;
}
