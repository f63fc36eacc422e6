import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveExportOptions } from '../../cli/export-flags';
import { compose } from '../../core/document/compose';
import { exportDocx } from '../../core/export/docx';
import { exportReportDocx } from '../../core/export/report';
import { ExportOptions } from '../../core/export/options';
import { analyze, lint } from '../../core/coverage';
import { loadLibrary } from '../../core/node/library';
import { checkForm, docxName, initialForm, rememberedOptions, suggestedFileName, type ExportForm } from '../../renderer/export/options';
import { buildExport, ExportCanceled, type ExportStage } from '../../renderer/export/run';

/**
 * The export dialog's logic (renderer/export), in Node: file name suggestions, the form
 * from the project's saved options, the checks through core's schema with a message for
 * each field, what the project remembers (and when it is left as it was), and the staged
 * export giving the same bytes as core's exportDocx, stoppable between stages. The
 * dialog itself is tested in Chromium (tests/e2e/export.e2e.ts).
 */

const library = loadLibrary();
const DAY = '2026-05-04';

const valid = (over: Partial<ExportForm> = {}): ExportForm => ({ ...initialForm({}, 'Council draft', DAY).form, ...over });

describe('file names', () => {
  it('suggests the project name with what is exported', () => {
    expect(suggestedFileName('City of Riverbend ordinance', 'clean')).toBe('City of Riverbend ordinance.docx');
    expect(suggestedFileName('City of Riverbend ordinance', 'annotated')).toBe('City of Riverbend ordinance - annotated.docx');
    expect(suggestedFileName('City of Riverbend ordinance', 'redline')).toBe('City of Riverbend ordinance - redline.docx');
    expect(suggestedFileName('City of Riverbend ordinance', 'report')).toBe('City of Riverbend ordinance - coverage report.docx');
  });
  it('drops a file extension, and characters no file system takes', () => {
    expect(suggestedFileName('Town draft.ordinance.json', 'clean')).toBe('Town draft.docx');
    expect(suggestedFileName('cedar-bluff.docx', 'report')).toBe('cedar-bluff - coverage report.docx');
    expect(suggestedFileName('Draft 3/4: "final"?', 'clean')).toBe('Draft 3-4- -final-.docx');
    expect(suggestedFileName('  ', 'clean')).toBe('Ordinance.docx');
    expect(suggestedFileName('...hidden', 'clean')).toBe('hidden.docx');
  });
  it('adds .docx when the drafter leaves it off', () => {
    expect(docxName('Council draft')).toBe('Council draft.docx');
    expect(docxName(' Council draft.DOCX ')).toBe('Council draft.DOCX');
  });
});

describe('the form', () => {
  it('starts from the defaults, dated today, for a project with no saved options', () => {
    const { form, reset } = initialForm({}, 'Council draft', DAY);
    expect(reset).toEqual([]);
    expect(form).toEqual({
      kind: 'clean',
      mode: 'clean',
      fileName: 'Council draft.docx',
      paper: 'letter',
      font: 'Times New Roman',
      fontSize: '12',
      lineNumbers: 'none',
      spacing: 'single',
      toc: false,
      placeholders: 'replace',
      definedTerms: 'plain',
      draft: true,
      date: DAY,
      author: 'Ordwright',
    });
    expect(checkForm(form)).toEqual({ options: ExportOptions.parse({ date: DAY }), errors: {} });
  });

  it('shows saved options; a value of the wrong kind is reset and named, one out of range is shown with its message', () => {
    const { form, reset } = initialForm({ mode: 'annotated', paper: 'legal', fontSize: 99, date: '2025-01-02', toc: 'yes', future: true }, 'Council draft', DAY);
    expect(form.kind).toBe('annotated');
    expect(form.fileName).toBe('Council draft - annotated.docx');
    expect(form.paper).toBe('letter');
    expect(form.toc).toBe(false);
    expect(reset).toEqual(['paper', 'toc']);
    expect(form.fontSize).toBe('99');
    expect(form.date).toBe('2025-01-02');
    expect(checkForm(form)).toEqual({ options: null, errors: { fontSize: 'At most 20 points.' } });
  });

  it('words each schema problem for the field it is in', () => {
    expect(checkForm(valid({ fontSize: '6' })).errors).toEqual({ fontSize: 'At least 8 points.' });
    expect(checkForm(valid({ fontSize: '' })).errors).toEqual({ fontSize: 'Enter the size in points (12, say).' });
    expect(checkForm(valid({ fontSize: 'twelve' })).errors).toEqual({ fontSize: 'Enter the size in points (12, say).' });
    expect(checkForm(valid({ fontSize: '11.3' })).errors).toEqual({ fontSize: 'Use whole or half points (11 or 11.5).' });
    expect(checkForm(valid({ fontSize: '11.5' })).options?.fontSize).toBe(11.5);
    expect(checkForm(valid({ font: '  ' })).errors).toEqual({ font: 'Enter a font name (Times New Roman, say).' });
    expect(checkForm(valid({ font: 'x'.repeat(65) })).errors).toEqual({ font: 'At most 64 characters.' });
    expect(checkForm(valid({ author: '' })).errors).toEqual({ author: 'Enter the name tracked changes and comments carry.' });
    expect(checkForm(valid({ author: 'a'.repeat(101) })).errors).toEqual({ author: 'At most 100 characters.' });
    expect(checkForm(valid({ date: '' })).errors).toEqual({ date: 'Enter a date (YYYY-MM-DD).' });
    expect(checkForm(valid({ date: '4 May 2026' })).errors).toEqual({ date: 'Enter a date (YYYY-MM-DD).' });
    expect(checkForm(valid({ fileName: '' })).errors).toEqual({ fileName: 'Enter a file name.' });
    expect(checkForm(valid({ fileName: '.docx' })).errors).toEqual({ fileName: 'Enter a file name.' });
    expect(checkForm(valid({ fileName: 'drafts/council.docx' })).errors).toEqual({ fileName: 'A file name, without folders (no / or \\).' });
    expect(checkForm(valid({ fileName: 'a'.repeat(260) })).errors.fileName).toBe('The file name must be at most 255 characters.');
    // several at once, each at its field
    expect(Object.keys(checkForm(valid({ font: '', author: '', fontSize: '30' })).errors).sort()).toEqual(['author', 'font', 'fontSize']);
  });

  it('exports the report with the ordinance mode kept (for the next time)', () => {
    const c = checkForm(valid({ kind: 'report', mode: 'redline' }));
    expect(c.options?.mode).toBe('redline');
  });
});

describe('what the project remembers', () => {
  const chosen = (over: Partial<ExportForm> = {}) => checkForm(valid(over)).options!;

  it('leaves the project as it was when nothing changes in effect (so it is not "unsaved")', () => {
    const saved = {};
    expect(rememberedOptions(saved, chosen(), 'clean', DAY)).toBe(saved);
    const full = rememberedOptions({}, chosen({ paper: 'a4' }), 'clean', DAY);
    expect(rememberedOptions(full, chosen({ paper: 'a4' }), 'clean', DAY)).toBe(full);
    // the next day, the same choices: still the same (today's date is not stored)
    expect(rememberedOptions(full, chosen({ paper: 'a4', date: '2026-05-05' }), 'clean', '2026-05-05')).toBe(full);
  });

  it('stores every option the dialog shows, the date only when it is not today', () => {
    const next = rememberedOptions({}, chosen({ kind: 'annotated', paper: 'a4', lineNumbers: 'page' }), 'annotated', DAY);
    expect(next).toEqual({
      mode: 'annotated',
      paper: 'a4',
      font: 'Times New Roman',
      fontSize: 12,
      lineNumbers: 'page',
      spacing: 'single',
      toc: false,
      placeholders: 'replace',
      definedTerms: 'plain',
      draft: true,
      author: 'Ordwright',
    });
    expect(rememberedOptions({}, chosen({ date: '2026-06-01' }), 'clean', DAY)).toMatchObject({ date: '2026-06-01' });
    // a date picked earlier, set back to today: the date floats again
    expect(rememberedOptions({ date: '2026-06-01' }, chosen({ date: DAY }), 'clean', DAY)).not.toHaveProperty('date');
  });

  it('keeps the ordinance mode when the report is exported, and keys a newer app saved', () => {
    const next = rememberedOptions({ mode: 'redline', future: { x: 1 } }, chosen({ kind: 'report', mode: 'redline', paper: 'a4' }), 'report', DAY);
    expect(next).toMatchObject({ mode: 'redline', paper: 'a4', future: { x: 1 } });
  });

  it('reads back as the same choices, in the dialog and in the CLI', () => {
    const options = chosen({ kind: 'redline', paper: 'a4', font: 'Garamond', fontSize: '11.5', spacing: 'double', toc: true, placeholders: 'highlight', definedTerms: 'bold', draft: false, author: 'Council staff', date: '2026-06-01' });
    const saved = rememberedOptions({}, options, 'redline', DAY);
    expect(checkForm(initialForm(saved, 'Council draft', DAY).form).options).toEqual(options);
    expect(resolveExportOptions({}, saved, DAY, 'council.ordinance.json')).toEqual(options);
  });
});

describe('the staged export', () => {
  const profile = library.profiles.find((p) => p.kind === 'city')!;
  const { doc } = compose({ template: library.templates.find((t) => t.kind === 'city')!, profile, library });
  const raf = globalThis.requestAnimationFrame;
  beforeAll(() => {
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => setTimeout(() => cb(0), 0)) as unknown as typeof requestAnimationFrame;
  });
  afterAll(() => {
    globalThis.requestAnimationFrame = raf;
  });

  it('goes through its stages and gives the bytes exportDocx gives', async () => {
    const options = ExportOptions.parse({ mode: 'annotated', paper: 'a4', lineNumbers: 'page', date: DAY });
    const stages: ExportStage[] = [];
    const bytes = await buildExport({ kind: 'annotated', options, doc, library, profile, title: 'Council draft' }, { onStage: (s) => stages.push(s), canceled: () => false });
    expect(stages).toEqual(['preparing', 'writing', 'packing']);
    const core = await exportDocx({ doc, values: profile.values, library, options });
    expect(Buffer.from(bytes).equals(Buffer.from(core))).toBe(true);
  });

  it('writes the coverage report from the same check the panel runs, titled with the project', async () => {
    const options = ExportOptions.parse({ date: DAY });
    const bytes = await buildExport({ kind: 'report', options, doc, library, profile, title: 'Council draft' }, { onStage: () => undefined, canceled: () => false });
    const core = await exportReportDocx({
      report: analyze(doc, library, { kind: profile.kind, profile }),
      doc,
      title: 'Council draft',
      lint: lint(doc, library, { profile }),
      library,
      values: profile.values,
      options,
    });
    expect(Buffer.from(bytes).equals(Buffer.from(core))).toBe(true);
  });

  it('stops at the next stage once cancelled', async () => {
    const options = ExportOptions.parse({ date: DAY });
    for (const at of ['preparing', 'writing', 'packing'] as const) {
      const stages: ExportStage[] = [];
      let canceled = false;
      const run = buildExport({ kind: 'clean', options, doc, library, profile, title: 'x' }, {
        onStage: (s) => {
          stages.push(s);
          if (s === at) canceled = true;
        },
        canceled: () => canceled,
      });
      await expect(run).rejects.toBeInstanceOf(ExportCanceled);
      expect(stages.at(-1)).toBe(at);
    }
  });

  it('says so when there is no checklist to report on', async () => {
    const empty = { ...library, routes: [] };
    await expect(buildExport({ kind: 'report', options: ExportOptions.parse({}), doc, library: empty, profile, title: 'x' }, { onStage: () => undefined, canceled: () => false })).rejects.toThrow(
      'The clause library could not be read, so there is no coverage to report.',
    );
  });
});
