/**
 * IPC channel names of the HostApi bridge.
 *
 * Kept in a module with no imports at all, because electron/preload.ts bundles it: the
 * preload must stay one small file that a sandboxed renderer can load, so it must not
 * pull in zod or anything else. core/host.ts re-exports these.
 */
export const HOST_CHANNELS = {
  newProject: 'ordwright:new-project',
  openProject: 'ordwright:open-project',
  saveProject: 'ordwright:save-project',
  saveProjectAs: 'ordwright:save-project-as',
  listRecent: 'ordwright:list-recent',
  exportDocx: 'ordwright:export-docx',
  importFile: 'ordwright:import-file',
  writeRecovery: 'ordwright:write-recovery',
  listRecovery: 'ordwright:list-recovery',
  clearRecovery: 'ordwright:clear-recovery',
  forgetRecent: 'ordwright:forget-recent',
  openDropped: 'ordwright:open-dropped',
  reportState: 'ordwright:report-state',
  answerClose: 'ordwright:answer-close',
  listUserClauses: 'ordwright:list-user-clauses',
  saveUserClause: 'ordwright:save-user-clause',
  deleteUserClause: 'ordwright:delete-user-clause',
  importClausePack: 'ordwright:import-clause-pack',
  exportClausePack: 'ordwright:export-clause-pack',
} as const;

export type HostMethod = keyof typeof HOST_CHANNELS;
export type HostChannel = (typeof HOST_CHANNELS)[HostMethod];

/** The names of the HostApi methods, in a stable order. */
export const HOST_METHODS = Object.keys(HOST_CHANNELS) as HostMethod[];

/** Main -> renderer: a native menu item was chosen (or a file was opened from the OS). */
export const MENU_CHANNEL = 'ordwright:menu';

/**
 * Main -> renderer: the window is about to close (or the app to quit). The renderer
 * answers with HostApi.answerClose, after asking Save / Don't save / Cancel if its
 * document has unsaved changes.
 */
export const CLOSE_REQUEST_CHANNEL = 'ordwright:close-request';

/** The global name under which the preload exposes the bridge (window.ordwright). */
export const BRIDGE_GLOBAL = 'ordwright';
