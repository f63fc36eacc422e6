import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hundredPageOrdinance } from '../../bench/import.bench';
import { exportDocx } from '../../core/export/docx';
import { loadLibrary } from '../../core/node/library';
import { hasPythonDocx, readDocx } from '../support/docx-reader';
import { AMENDING_DOCX_NAME, buildAmendingOrdinanceDocx } from '../fixtures/import/amending-ordinance-docx';
import { openSession, type AppSession } from './chromium';

/**
 * A reviewer's path through review mode, in Chromium against the production build:
 * import an amending ordinance (.docx with strike and underline) through the browser
 * host's file picker, and again by dropping it on the window; see it read-only under
 * the review banner, the coverage panel with closed and open routes, a met element
 * highlighted in the text with its route, the weak spots naming the "required by law"
 * exception; compare a section with the library's model; export the review report and
 * read the .docx back; and a truncated .docx refused with a clear message, the current
 * document untouched.
 */

const ctx = inject('e2e');
const screenshots = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const library = loadLibrary();

describe.skipIf(!ctx.available)('review mode in Chromium', () => {
  let s: AppSession | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  async function startBlank(colorScheme: 'light' | 'dark' = 'light'): Promise<AppSession> {
    if (!ctx.available) throw new Error(ctx.reason);
    s = await openSession(ctx.wsEndpoint, new URL(ctx.baseUrl).origin, { colorScheme });
    await s.page.goto(ctx.baseUrl);
    await s.page.getByTestId('start-screen').getByRole('button', { name: 'Blank ordinance' }).click();
    await s.page.waitForSelector('[data-testid="editor"]');
    return s;
  }

  /** Import a file through the toolbar's Import button and the browser host's file picker. */
  async function importThroughPicker(page: Page, name: string, bytes: Uint8Array): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const fc = await chooser;
    expect(fc.isMultiple()).toBe(false);
    // the picker offers what review imports
    expect(await fc.element().getAttribute('accept')).toBe('.docx,.txt,.md,.markdown');
    await fc.setFiles({ name, mimeType: name.endsWith('.docx') ? DOCX_MIME : 'text/plain', buffer: Buffer.from(bytes) });
  }

  /** Drop a file on the editor pane, as a person dragging it from the desktop does. */
  async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
    const dataTransfer = await page.evaluateHandle(
      ({ b64, name, type }) => {
        const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([data], name, { type }));
        return dt;
      },
      { b64: Buffer.from(bytes).toString('base64'), name, type: DOCX_MIME },
    );
    await page.dispatchEvent('.ow-editor-scroll', 'dragenter', { dataTransfer });
    await page.dispatchEvent('.ow-editor-scroll', 'dragover', { dataTransfer });
    await page.dispatchEvent('.ow-editor-scroll', 'drop', { dataTransfer });
  }

  async function expectReview(page: Page): Promise<void> {
    const banner = page.getByTestId('review-banner');
    await expect.poll(() => banner.textContent()).toContain(`Reviewing ${AMENDING_DOCX_NAME}`);
    expect(await banner.textContent()).toContain('read-only');
    expect(await page.getByTestId('doc-name').textContent()).toBe(AMENDING_DOCX_NAME);
    // read-only: the editor takes no typing
    expect(await page.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    await expect.poll(() => page.getByTestId('editor').textContent()).toContain('transfer a person to the custody of federal immigration authorities');
  }

  it('imports a .docx through the file picker and reviews it: read-only, coverage, highlights, weak spots, compare, report', async () => {
    const { page, requests, problems } = await startBlank();
    await importThroughPicker(page, AMENDING_DOCX_NAME, await buildAmendingOrdinanceDocx());
    await expectReview(page);
    const editor = page.getByTestId('editor');

    // strike and underline came through as deletions and insertions
    expect(await editor.locator('del').first().textContent()).toBe('unless required to do so by legal process');
    expect(await editor.locator('ins').first().textContent()).toBe('except pursuant to a judicial warrant');
    // the original numbers are the labels
    expect(await editor.locator('.ow-num-section').allTextContents()).toEqual(expect.arrayContaining(['Sec. 2-173-020.', 'Sec. 2-173-042.']));

    // the coverage panel, driven by the text: one route closed, others open
    const coverage = page.getByTestId('coverage-panel');
    await coverage.getByTestId('coverage-summary').waitFor();
    expect(await coverage.locator('[data-route="detainer-hold"]').getAttribute('class')).toContain('owp-route-closed');
    expect(await coverage.locator('[data-route="fusion-center"]').getAttribute('class')).toContain('owp-route-open');
    expect(await coverage.locator('[data-route="enforcement-remedy"]').getAttribute('class')).toContain('owp-route-partial');
    expect(await page.getByTestId('coverage-score').textContent()).toMatch(/^(?:[1-9]\d?)\/100$/);

    // each met element highlighted in the text with the route it serves
    const transfer = editor.locator('.ow-rv-hl[data-elements~="detainer-hold.no-transfer"]');
    await transfer.first().waitFor();
    // one range, split where the underline (an insertion) begins
    expect((await transfer.allTextContents()).join('')).toBe('transfer a person to the custody of federal immigration authorities unless presented with a judicial warrant.');
    expect(await transfer.first().getAttribute('title')).toMatch(/^Meets Holds and transfers on immigration detainers: No agency transfers a person/);
    const highlighted = await editor.locator('.ow-rv-hl').count();
    expect(highlighted).toBeGreaterThanOrEqual(6);
    // highlights toggle off and on; the document is not changed by them
    const toggle = page.getByRole('button', { name: 'Highlight met elements' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => editor.locator('.ow-rv-hl').count()).toBe(0);
    await toggle.click();
    await expect.poll(() => editor.locator('.ow-rv-hl').count()).toBe(highlighted);
    expect(await page.getByTestId('save-state').textContent()).not.toContain('Unsaved');

    // the weak spots: the "required by law" exception, and what is missing of the remedies
    const weak = page.getByTestId('weak-spots');
    await weak.getByTestId('weak-spot').first().waitFor();
    const exception = weak.locator('[data-kind="broad-exception"]').getByTestId('weak-spot');
    expect(await exception.count()).toBe(1);
    expect(await exception.textContent()).toContain('“except as required by law”');
    expect(await exception.textContent()).toContain('Sec. 2-173-020(c)');
    expect(await exception.textContent()).toMatch(/whatever the law requires/);
    expect(await weak.locator('[data-kind="missing-remedy"]').textContent()).toMatch(/Enforcement incomplete/);
    // going to it brings the provision into view, flashed
    await exception.getByRole('button', { name: 'Sec. 2-173-020(c)' }).click();
    await expect.poll(() => editor.locator('.ow-flash').first().textContent()).toContain('except as required by law');

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'review-light.png') });

    // compare a section with the model, side by side, word by word: from the weak spot, its section
    await exception.getByRole('button', { name: 'Compare this section with the model' }).click();
    const compare = page.getByTestId('compare-view');
    await compare.waitFor();
    const sectionSelect = compare.getByLabel('Section', { exact: true });
    expect(await sectionSelect.locator('option:checked').textContent()).toMatch(/^Sec\. 2-173-020\. Prohibition on disclosure/);
    // the panes under it are out of reach
    expect(await page.locator('main.ow-editor-pane').evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    const options = await sectionSelect.locator('option').allTextContents();
    const civil = options.find((o) => o.startsWith('Sec. 2-173-042.'))!;
    expect(civil).toBeDefined();
    await sectionSelect.selectOption({ label: civil });
    expect(await compare.getByLabel('Model clause').locator('option:checked').textContent()).toBeTruthy();
    const table = compare.getByTestId('compare-table');
    await table.waitFor();
    expect(await table.locator('thead').textContent()).toContain('Sec. 2-173-042.');
    expect(await table.locator('td[data-side="draft"]').first().textContent()).toMatch(/No agency or agent shall:/);
    expect(await table.locator('td[data-side="model"] .ow-rv-num').count()).toBeGreaterThan(0);
    expect(await table.locator('del.ow-rv-del').count()).toBeGreaterThan(0);
    expect(await table.locator('ins.ow-rv-ins').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'review-compare-light.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => compare.count()).toBe(0);
    expect(await page.locator('main.ow-editor-pane').evaluate((el) => (el as HTMLElement).inert)).toBe(false);

    // export the review as a coverage report naming the imported file
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export review report' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('cedar-bluff-amending-ordinance - coverage report.docx');
    const path = join(await mkdtemp(join(tmpdir(), 'ordwright-review-')), d.suggestedFilename());
    await d.saveAs(path);
    const bytes = new Uint8Array(await readFile(path));
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('word/document.xml')).not.toBeNull();
    if (hasPythonDocx()) {
      const doc = readDocx(bytes);
      const texts = doc.paragraphs.map((p) => p.text);
      expect(texts[0]).toBe('Coverage Report');
      expect(texts[1]).toBe(AMENDING_DOCX_NAME);
      expect(texts.some((t) => t.startsWith('Document') && t.includes(AMENDING_DOCX_NAME))).toBe(true);
      const routes = doc.tables.find((t) => t.rows[0]?.[0] === 'Route')!;
      expect(routes.rows.find((r) => r[0] === 'Holds and transfers on immigration detainers')?.[2]).toBe('Closed');
      expect(doc.sections[0]!.header.join(' ')).toContain(`Coverage report: ${AMENDING_DOCX_NAME}`);
    } else {
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain(AMENDING_DOCX_NAME);
    }

    // "Edit a copy": editable, a new unsaved project, the review over
    await page.getByRole('button', { name: 'Edit a copy' }).click();
    await expect.poll(() => page.getByTestId('review-banner').count()).toBe(0);
    expect(await editor.getAttribute('contenteditable')).toBe('true');
    expect(await page.getByTestId('doc-name').textContent()).toContain('cedar-bluff-amending-ordinance (copy)');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Unsaved');
    expect(await editor.locator('.ow-rv-hl').count()).toBe(0);

    const origin = new URL(ctx.available ? ctx.baseUrl : '').origin;
    expect(requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('imports a .docx dropped on the window', async () => {
    const { page, problems } = await startBlank();
    await dropFile(page, AMENDING_DOCX_NAME, await buildAmendingOrdinanceDocx());
    await expectReview(page);
    await page.getByTestId('coverage-summary').waitFor();
    await page.getByTestId('editor').locator('.ow-rv-hl').first().waitFor();
    expect(await page.getByTestId('weak-spots').textContent()).toContain('except as required by law');

    // a text with no recognisable structure: imported best-effort, with a note of what was not recognised
    await dropFile(page, 'notes.txt', new TextEncoder().encode('Some notes about data sharing.\nMore words about fusion centers.\n\nA second paragraph.\n'));
    await expect.poll(() => page.getByTestId('review-name').textContent()).toBe('notes.txt');
    const notes = page.getByTestId('import-notices');
    expect(await notes.locator('summary').textContent()).toMatch(/note.? from the import: what was not recognised/);
    await notes.locator('summary').click();
    expect(await notes.textContent()).toContain('no section headings were recognised');
    expect(await page.getByTestId('editor').textContent()).toContain('A second paragraph.');
    expect(problems).toEqual([]);
  });

  it('stays readable and reachable by keyboard in the dark theme and at 200% zoom', async () => {
    const { page, problems } = await startBlank('dark');
    await importThroughPicker(page, AMENDING_DOCX_NAME, await buildAmendingOrdinanceDocx());
    await expectReview(page);
    await page.getByTestId('weak-spots').getByTestId('weak-spot').first().waitFor();
    await page.getByTestId('editor').locator('.ow-rv-hl').first().waitFor();
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'review-dark.png') });

    // 200% zoom: half the CSS viewport; the banner wraps, its actions stay on screen
    await page.setViewportSize({ width: 720, height: 450 });
    // at this width the sidebars float over the page; close them as a reader would
    await page.getByRole('button', { name: 'Toggle clause library and outline' }).click();
    await page.getByRole('button', { name: 'Toggle coverage and checks' }).click();
    const edit = page.getByRole('button', { name: 'Edit a copy' });
    const box = (await edit.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(720);
    await page.screenshot({ path: join(screenshots, 'review-zoom200-dark.png') });
    // the banner's actions, in order, by Tab
    await page.getByRole('button', { name: 'Highlight met elements' }).focus();
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
    }
    expect(order).toEqual(['Compare with the model', 'Export review report', 'Edit a copy']);
    // the comparison opens from the keyboard and Escape closes it, back to the banner
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('compare-view').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.screenshot({ path: join(screenshots, 'review-compare-zoom200-dark.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('compare-view').count()).toBe(0);
    // focus is back where it was
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Compare with the model');
    expect(problems).toEqual([]);
  });

  it('imports a 100-page ordinance with its progress shown, and opens it whole', async () => {
    const { page, problems } = await startBlank();
    const { doc, values, sections } = hundredPageOrdinance(library);
    const bytes = await exportDocx({ doc, values, library, options: { mode: 'clean', draft: false } });
    await importThroughPicker(page, 'hundred-pages.docx', bytes);
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.textContent(), { interval: 20 }).toMatch(/^Importing hundred-pages\.docx: /);
    expect(await progress.getAttribute('role')).toBe('status');
    await expect.poll(() => progress.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('review-name').textContent()).toBe('hundred-pages.docx');
    expect(await page.getByTestId('editor').locator('section.ow-section').count()).toBe(sections);
    await page.getByTestId('coverage-summary').waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
  });

  it('refuses a truncated .docx with a clear message and leaves the current document as it was', async () => {
    const { page, problems } = await startBlank();
    await page.locator('.ow-provision > p').first().click();
    await page.waitForTimeout(100);
    await page.keyboard.type('No agency shall share personal information.');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Unsaved');
    const before = await page.getByTestId('editor').textContent();
    const name = await page.getByTestId('doc-name').textContent();

    const good = await buildAmendingOrdinanceDocx();
    await importThroughPicker(page, 'broken.docx', good.slice(0, Math.floor(good.length / 2)));
    const dialog = page.getByTestId('message-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('The Word file is damaged');
    expect(await dialog.textContent()).toMatch(/“broken\.docx” is damaged or cut short/);
    await dialog.getByRole('button', { name: 'OK' }).click();

    expect(await page.getByTestId('editor').textContent()).toBe(before);
    expect(await page.getByTestId('doc-name').textContent()).toBe(name);
    expect(await page.getByTestId('review-banner').count()).toBe(0);
    expect(await page.getByTestId('editor').getAttribute('contenteditable')).toBe('true');
    expect(await page.getByTestId('save-state').textContent()).toContain('Unsaved');

    // and a file that is not Word at all, dropped: a clear message too
    await dropFile(page, 'notes.docx', new TextEncoder().encode('plain words, not a Word file'));
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Not a Word document');
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await page.getByTestId('editor').textContent()).toBe(before);

    // a good file, over unsaved work: asked first; Cancel keeps the work
    await importThroughPicker(page, AMENDING_DOCX_NAME, good);
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('editor').textContent()).toBe(before);
    expect(await page.getByTestId('review-banner').count()).toBe(0);
    await importThroughPicker(page, AMENDING_DOCX_NAME, good);
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Discard changes' }).click();
    await expectReview(page);
    expect(problems).toEqual([]);
  });
});
