/**
 * File → Export (issue 7): the export dialog (what to export, page and text options,
 * the DRAFT stamp and the author), its progress and Cancel, and the options remembered
 * in the project. See useExport.ts for how App.tsx wires it.
 */
export { ExportDialog } from './ExportDialog';
export { useExport, type ExportController, type UseExportInput } from './useExport';
export { buildExport, nextFrame, ExportCanceled, EXPORT_STAGES, STAGE_LABEL, type ExportJob, type ExportStage } from './run';
export {
  KINDS,
  checkForm,
  docxName,
  fileStem,
  initialForm,
  rememberedOptions,
  suggestedFileName,
  today,
  type ExportForm,
  type ExportKind,
  type FieldErrors,
} from './options';
