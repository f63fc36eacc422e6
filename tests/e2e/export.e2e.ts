import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { syntheticTemplate } from '../../bench/compose.bench';
import { compose } from '../../core/document/compose';
import { newProject, serializeProject, type ProjectProfile } from '../../core/document/project';
import { STYLE } from '../../core/export/docx';
import { loadLibrary } from '../../core/node/library';
import { hasPythonDocx, readDocx } from '../support/docx-reader';
import { type AppSession } from './chromium';
import { startScreenLauncher } from './session';

/**
 * File → Export in Chromium against the production build (browser host: the export is
 * a download). A drafter composes a city ordinance, saves it, opens the export dialog
 * with Mod-E, chooses the annotated model bill on A4 with line numbers, exports, and the
 * downloaded bytes are read back with python-docx: commentary after the sections, the
 * A4 page, line numbering, the DRAFT date, the suggested file name. Then the coverage
 * report, naming the project. The choices are remembered with the project: saved,
 * reloaded, reopened. A long ordinance shows its stages, and Cancel abandons the export;
 * a failed export says so and leaves the document as it was.
 */

const ctx = inject('e2e');
const screenshots = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const library = loadLibrary();
const A4_WIDTH = 11906; // twips
const LETTER_WIDTH = 12240;

/** Today in the browser's local time (the dialog's default date): the test runs on the same machine. */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function bytesOf(d: Download): Promise<Uint8Array> {
  const path = join(await mkdtemp(join(tmpdir(), 'ordwright-export-')), d.suggestedFilename());
  await d.saveAs(path);
  return new Uint8Array(await readFile(path));
}

/** Record every stage the progress shows (data-stage), in order, from now on. */
async function watchStages(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __stages: string[]; __frames: number; __times: number[]; __longest: number };
    w.__stages = [];
    w.__times = [];
    w.__longest = 0;
    // the longest stretch the main thread was busy (a long task: over 50 ms), for the figures
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask' });
    w.__frames = 0;
    const seen = () => {
      const el = document.querySelector('[data-testid="export-progress"]');
      const s = el?.getAttribute('data-stage');
      if (s && w.__stages[w.__stages.length - 1] !== s) {
        w.__stages.push(s);
        w.__times.push(performance.now());
      }
      if (!el && w.__stages.length && w.__times.length === w.__stages.length) w.__times.push(performance.now());
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
    // frames painted while the progress is up: the dialog kept drawing
    const tick = () => {
      if (document.querySelector('[data-testid="export-progress"]')) w.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
const stagesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
/** Milliseconds each stage was shown. */
const stageTimes = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __stages: string[]; __times: number[] };
    return Object.fromEntries(w.__stages.map((s, i) => [s, Math.round((w.__times[i + 1] ?? performance.now()) - w.__times[i]!)]));
  });
const longestTask = (page: Page) => page.evaluate(() => Math.round((window as unknown as { __longest: number }).__longest));
const framesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __frames: number }).__frames);

describe.skipIf(!ctx.available)('File → Export in Chromium', () => {
  const launch = startScreenLauncher(ctx);

  /** Start screen: city template, the baseline preset, the sample city (Riverbend). */
  async function createCity(page: Page): Promise<void> {
    const start = page.getByTestId('start-screen');
    await start.getByRole('radio', { name: /City ordinance/ }).check();
    await start.getByRole('radio', { name: /^Baseline/ }).check();
    await start.getByRole('radio', { name: /City of Riverbend/ }).check();
    await start.getByRole('button', { name: 'Create ordinance' }).click();
    await page.getByTestId('editor').waitFor();
  }

  const outsideRequests = (session: AppSession) => {
    const origin = new URL(ctx.available ? ctx.baseUrl : '').origin;
    return session.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith(`blob:${origin}/`));
  };

  it('exports the annotated bill (A4, line numbers) and the coverage report, and remembers the choices with the project', async () => {
    const session = await launch();
    const { page, problems } = session;
    await createCity(page);
    await expect.poll(() => page.getByTestId('route-summary').textContent(), { timeout: 10_000 }).toMatch(/^\d+ of \d+ routes closed$/);

    // saved first, so the export options' effect on "unsaved" shows
    await page.keyboard.press('Control+s');
    const saveDialog = page.getByTestId('save-dialog');
    await saveDialog.getByRole('textbox', { name: 'Project name' }).fill('Riverbend data ordinance');
    await saveDialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');

    // Mod-E opens the dialog, the focus on what to export
    await page.keyboard.press('Control+e');
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Export to Word');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('clean');
    // the defaults: the clean ordinance, Letter, Times New Roman 12, single spacing, DRAFT dated today
    const fileName = dialog.getByRole('textbox', { name: 'File name' });
    expect(await fileName.inputValue()).toBe('Riverbend data ordinance.docx');
    expect(await dialog.getByRole('radio', { name: 'The ordinance' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Letter' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('combobox', { name: 'Font' }).inputValue()).toBe('Times New Roman');
    const size = dialog.getByRole('spinbutton', { name: 'Size (pt)' });
    expect(await size.inputValue()).toBe('12');
    expect(await dialog.getByRole('radio', { name: 'Single' }).isChecked()).toBe(true);
    const lineNumbers = dialog.getByRole('combobox', { name: 'Line numbers' });
    expect(await lineNumbers.inputValue()).toBe('none');
    expect(await dialog.getByRole('checkbox', { name: /Table of contents/ }).isChecked()).toBe(false);
    expect(await dialog.getByRole('radio', { name: 'Replace with the values' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Plain' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /DRAFT/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Date', { exact: true }).inputValue()).toBe(today());
    expect(await dialog.getByRole('textbox', { name: 'Author of changes and comments' }).inputValue()).toBe('Ordwright');

    // every control is reached with Tab, and Tab comes back round (the dialog keeps the focus)
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        // past the last control the focus goes to the browser's own controls, then back to the first
        if (!el || el === document.body) return 'BROWSER';
        if (!el.closest('[data-testid="export-dialog"]')) return 'OUTSIDE';
        const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
        return `${el.tagName.toLowerCase()}:${label.trim()}`;
      });
    const first = await focused();
    expect(first).toMatch(/^input:The ordinance/);
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const name = await focused();
      if (name === first) break;
      if (name !== 'BROWSER') reached.push(name);
    }
    expect(reached).not.toContain('OUTSIDE');
    expect(reached.at(-1)).toBe('button:Export');
    for (const want of ['input:File name', 'input:Letter', 'input:Font', 'input:Size (pt)', 'input:Single', 'select:Line numbers', 'input:Table of contents after the caption',
      'input:Replace with the values', 'input:Plain', 'input:“DRAFT” and the date in the header', 'input:Date', 'input:Author of changes and comments', 'button:Cancel']) {
      expect(reached).toContain(want);
    }

    // a bad size: the schema's message next to the field, and Export does not run
    await size.fill('30');
    const sizeError = dialog.getByTestId('export-error-fontSize');
    expect(await sizeError.textContent()).toBe('At most 20 points.');
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    expect(await size.getAttribute('aria-describedby')).toContain(await sizeError.getAttribute('id'));
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('number');
    expect(await dialog.getByTestId('export-progress').count()).toBe(0);
    await size.fill('');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    expect(await sizeError.textContent()).toBe('Enter the size in points (12, say).');
    await size.fill('12');
    expect(await sizeError.count()).toBe(0);

    // annotated, A4, line numbers restarting on each page: the name suggestion follows
    await dialog.getByRole('radio', { name: 'Annotated model bill' }).check();
    expect(await fileName.inputValue()).toBe('Riverbend data ordinance - annotated.docx');
    await dialog.getByRole('radio', { name: 'A4' }).check();
    await lineNumbers.selectOption('page');
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'export-dialog-light.png') });

    await watchStages(page);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('Riverbend data ordinance - annotated.docx');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await stagesSeen(page)).toEqual(['preparing', 'writing', 'packing', 'saving']);
    expect(await page.getByTestId('notice').textContent()).toBe('Exported the annotated model bill as “Riverbend data ordinance - annotated.docx”.');
    // the options are the project's now: changed, so unsaved
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Unsaved changes');

    const annotated = await bytesOf(d);
    expect((await JSZip.loadAsync(annotated)).file('word/document.xml')).not.toBeNull();
    expect(hasPythonDocx(), 'python3-docx (Debian) reads the export back').toBe(true);
    const doc = readDocx(annotated);
    const sec = doc.sections[0]!;
    expect(sec.pageWidth).toBe(A4_WIDTH);
    expect(sec.lineNumbers).toEqual({ restart: 'newPage', countBy: '1' });
    expect(sec.header.join(' ')).toContain(`DRAFT ${today()}`);
    expect(doc.defaultFont).toBe('Times New Roman');
    // after each library section, its commentary: the clause's own words, styled apart
    const paras = doc.paragraphs;
    const headings = paras.map((p, i) => ({ p, i })).filter(({ p }) => p.styleId === STYLE.commentaryHeading);
    expect(headings.length).toBeGreaterThan(10);
    for (const { p, i } of headings) {
      const title = p.text.replace(/^Commentary: /, '');
      const clause = library.clauses.find((c) => c.title === title);
      expect(clause, `a library clause titled "${title}"`).toBeDefined();
      expect(paras[i + 1]!.styleId).toBe(STYLE.commentary);
      expect(paras[i + 1]!.text).toBe(`What it does. ${clause!.commentary.does}`);
      // the section it follows is the one before it
      const before = paras.slice(0, i).reverse().find((q) => q.styleId === STYLE.heading);
      expect(before, `a section heading before "${p.text}"`).toBeDefined();
    }
    const plateSection = paras.findIndex((p) => p.styleId === STYLE.heading && /plate-reader data/i.test(p.text));
    expect(plateSection).toBeGreaterThan(0);
    const nextCommentary = paras.findIndex((p, i) => i > plateSection && p.styleId === STYLE.commentaryHeading);
    const nextSection = paras.findIndex((p, i) => i > plateSection && p.styleId === STYLE.heading);
    expect(nextCommentary).toBeGreaterThan(plateSection);
    expect(nextSection === -1 || nextCommentary < nextSection).toBe(true);

    // the coverage report: the dialog opens with the choices remembered
    await page.keyboard.press('Control+e');
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Annotated model bill' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'A4' }).isChecked()).toBe(true);
    expect(await lineNumbers.inputValue()).toBe('page');
    await dialog.getByRole('radio', { name: 'Coverage report' }).check();
    expect(await fileName.inputValue()).toBe('Riverbend data ordinance - coverage report.docx');
    // the options the report does not use are set aside, and say so
    expect(await lineNumbers.isDisabled()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /Table of contents/ }).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('export-report-scope').textContent()).toContain('paper, font, size, date and author');
    const reportDownload = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const rd = await reportDownload;
    expect(rd.suggestedFilename()).toBe('Riverbend data ordinance - coverage report.docx');
    const report = readDocx(await bytesOf(rd));
    const texts = report.paragraphs.map((p) => p.text);
    expect(texts[0]).toBe('Coverage Report');
    expect(texts[1]).toBe('Riverbend data ordinance');
    expect(report.sections[0]!.header.join(' ')).toContain('Coverage report: Riverbend data ordinance');
    expect(report.sections[0]!.pageWidth).toBe(A4_WIDTH);
    const routes = report.tables.find((t) => t.rows[0]?.[0] === 'Route');
    expect(routes?.rows.length).toBeGreaterThan(10);

    // saved with the project: save, reload, open it again, and the dialog shows the choices
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    await page.reload();
    await page.getByTestId('start-screen').getByRole('button', { name: 'Open a project…' }).click();
    await page.getByTestId('open-dialog').getByRole('button', { name: /Riverbend data ordinance/ }).click();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toBe('Riverbend data ordinance');
    expect(await page.getByTestId('save-state').textContent()).toContain('Saved');
    // the File › Export action (the toolbar button) opens it too
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Annotated model bill' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'A4' }).isChecked()).toBe(true);
    expect(await lineNumbers.inputValue()).toBe('page');
    expect(await dialog.getByLabel('Date', { exact: true }).inputValue()).toBe(today());
    expect(await fileName.inputValue()).toBe('Riverbend data ordinance - annotated.docx');
    // the same options, the same project: the same bytes, and nothing to save
    const again = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const a2 = await bytesOf(await again);
    expect(Buffer.from(a2).equals(Buffer.from(annotated))).toBe(true);
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId('save-state').textContent()).toContain('Saved');
    // Escape closes the dialog without exporting
    await page.keyboard.press('Control+e');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    expect(outsideRequests(session)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows the stages of a long ordinance, keeps drawing, and Cancel abandons the export', async () => {
    const session = await launch('dark');
    const { page, problems } = session;
    // a 300-section ordinance, opened from a file
    const riverbend = library.profiles.find((p) => p.kind === 'city')!;
    const { doc } = compose({ template: syntheticTemplate(library, 300), profile: riverbend, library });
    const profile: ProjectProfile = { id: riverbend.id, name: riverbend.name, kind: riverbend.kind, values: { ...riverbend.values } };
    const text = serializeProject(newProject({ doc, profile, template: null, preset: null, libraryVersion: library.info.version, title: 'Long ordinance' }));
    page.once('filechooser', (fc) => void fc.setFiles({ name: 'long.ordinance.json', mimeType: 'application/json', buffer: Buffer.from(text) }));
    await page.getByTestId('start-screen').getByRole('button', { name: 'Open a project…' }).click();
    await page.getByTestId('open-dialog').getByRole('button', { name: 'Open a file from this computer…' }).click();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.locator('.ow-section').count()).toBe(300);
    const before = await page.getByTestId('editor').textContent();
    let downloads = 0;
    page.on('download', () => downloads++);

    await page.keyboard.press('Control+e');
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Annotated model bill' }).check();
    expect(await dialog.getByRole('textbox', { name: 'File name' }).inputValue()).toBe('long - annotated.docx');
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'export-dialog-dark.png') });

    // Export, then at once Escape: the export stops at its next stage, nothing is downloaded
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await page.keyboard.press('Escape');
    const note = dialog.getByTestId('export-note');
    await expect.poll(() => note.textContent()).toBe('Export cancelled. Nothing was saved.');
    expect(await dialog.getByTestId('export-progress').count()).toBe(0);
    // back at the options, the focus on Export
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    await page.waitForTimeout(1500);
    expect(downloads).toBe(0);

    // run it through: every stage shown, frames drawn while it ran, Cancel in reach
    await watchStages(page);
    const download = page.waitForEvent('download');
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const progress = dialog.getByTestId('export-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Exporting long - annotated.docx (300 sections).');
    await page.screenshot({ path: join(screenshots, 'export-progress-dark.png') });
    const d = await download;
    const ms = Date.now() - started;
    expect(d.suggestedFilename()).toBe('long - annotated.docx');
    expect(await stagesSeen(page)).toEqual(['preparing', 'writing', 'packing', 'saving']);
    const frames = await framesSeen(page);
    expect(frames).toBeGreaterThanOrEqual(4);
    const bytes = await bytesOf(d);
    console.log(`export of 300 sections (annotated) in the app: ${ms} ms from the click to the download, stages ${JSON.stringify(await stageTimes(page))} ms, ${frames} frames drawn meanwhile, longest main-thread task ${await longestTask(page)} ms, ${(bytes.length / 1024).toFixed(0)} KB`);
    const read = readDocx(bytes);
    expect(read.paragraphs.filter((p) => p.styleId === STYLE.heading).length).toBeGreaterThanOrEqual(300);
    expect(read.sections[0]!.pageWidth).toBe(LETTER_WIDTH);

    // the document is as it was
    expect(await page.getByTestId('editor').textContent()).toBe(before);
    expect(outsideRequests(session)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('says clearly when the export fails, keeps the document, and exports on the next try', async () => {
    const session = await launch();
    const { page } = session;
    await createCity(page);
    const before = await page.getByTestId('editor').textContent();

    // at 200% zoom (half the CSS pixels): the options scroll, the buttons stay in view
    await page.setViewportSize({ width: 720, height: 450 });
    await page.keyboard.press('Control+e');
    const zoomed = page.getByTestId('export-dialog');
    await zoomed.waitFor();
    const exportButton = zoomed.getByRole('button', { name: 'Export', exact: true });
    const box = (await exportButton.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(450);
    expect(box.x + box.width).toBeLessThanOrEqual(720);
    expect(await zoomed.locator('.ow-modal-body').evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await zoomed.getByRole('textbox', { name: 'Author of changes and comments' }).scrollIntoViewIfNeeded();
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'export-dialog-zoom200.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => zoomed.count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });

    // the Word writer is loaded on first use: refuse it, as a broken install would
    await page.route(/\/assets\/.*\.js$/, (route) => route.abort('failed'));
    await page.keyboard.press('Control+e');
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const failure = dialog.getByTestId('export-failure');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    expect(await failure.textContent()).toMatch(/^The export failed\. The part of Ordwright that writes Word files could not be loaded \(.+\)\. Try again; if it keeps failing, reload the app\.Your document is unchanged; nothing was saved\.$/s);
    expect(await page.getByTestId('editor').textContent()).toBe(before);
    await page.screenshot({ path: join(screenshots, 'export-failure-light.png') });

    await page.unroute(/\/assets\/.*\.js$/);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('City of Riverbend ordinance.docx');
    const doc = readDocx(await bytesOf(d));
    expect(doc.paragraphs.some((p) => p.styleId === STYLE.commentaryHeading)).toBe(false);
    expect(doc.sections[0]!.lineNumbers).toBeNull();
    expect(outsideRequests(session)).toEqual([]);
  });
});
