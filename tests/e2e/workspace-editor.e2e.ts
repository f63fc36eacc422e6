import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { newProject, serializeProject } from '../../core/document/project';
import { importText } from '../../core/import/text';
import { type AppSession } from './chromium';
import { startScreenLauncher } from './session';

/**
 * The drafting workspace as a drafter uses it: the start screen, the editor (numbers,
 * placeholders, cross-references, structure keys, find and replace, undo), the profile
 * panel and the outline. Chromium against the production build, browser host.
 */

const ctx = inject('e2e');
const screenshots = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

describe.skipIf(!ctx.available)('the drafting workspace in Chromium', () => {
  const launch = startScreenLauncher(ctx);

  /** ProseMirror reads a click's selection from the asynchronous selectionchange event. */
  const settle = (session: AppSession) => session.page.waitForTimeout(100);

  /** Start screen: city template, a preset, the sample city (Riverbend). */
  async function createCity(session: AppSession, preset: RegExp = /^Baseline/): Promise<void> {
    const start = session.page.getByTestId('start-screen');
    await start.getByRole('radio', { name: /City ordinance/ }).check();
    await start.getByRole('radio', { name: preset }).check();
    await start.getByRole('radio', { name: /City of Riverbend/ }).check();
    await start.getByRole('button', { name: 'Create ordinance' }).click();
    await session.page.getByTestId('editor').waitFor();
  }

  /**
   * The ordinance as the drafter reads it: numbers, text, placeholder values,
   * cross-reference labels. textContent, not innerText: sections out of view are not
   * laid out (content-visibility), and innerText leaves out what is not laid out.
   */
  const readText = (session: AppSession) => session.page.getByTestId('editor').evaluate((el) => el.textContent ?? '');
  const texts = (l: Locator) => l.allTextContents();

  const headings = (session: AppSession) => session.page.locator('.ow-heading').allTextContents();
  /** "Section 1.Short title" (the number is a widget before the text) -> "Section 1. Short title" */
  const spaced = (heading: string) => heading.replace(/^(Section \d+\.)\s*/, '$1 ');

  /** The section whose heading contains `words`. */
  const section = (session: AppSession, words: string): Locator => session.page.locator('.ow-section', { has: session.page.locator('.ow-heading', { hasText: words }) });

  /** Put the cursor at the end of a provision's own paragraph. */
  async function endOf(session: AppSession, paragraph: Locator): Promise<void> {
    await paragraph.click();
    await settle(session);
    await session.page.keyboard.press('End');
    await settle(session);
  }

  async function undoAll(session: AppSession): Promise<void> {
    const undo = session.page.getByRole('button', { name: 'Undo' });
    for (let i = 0; i < 200 && !(await undo.isDisabled()); i++) {
      await session.page.keyboard.press('Control+z');
      // the toolbar hears of the new state at low priority
      if (i % 10 === 9) await settle(session);
    }
    await expect.poll(() => undo.isDisabled()).toBe(true);
  }

  it('a drafter composes, fills the profile, cross-references, moves, renumbers, replaces, and undoes it all', async () => {
    const session = await launch();
    const { page, requests, problems } = session;
    await createCity(session);

    // the composed ordinance: title from the template, values from the profile, numbers computed
    expect(await page.getByTestId('doc-name').textContent()).toBe('City of Riverbend ordinance');
    await expect.poll(() => readText(session)).toContain('ORDINANCE NO. 2027-014');
    expect(await page.locator('.ow-placeholder-open').count()).toBe(0);
    const sectionCount = await page.locator('.ow-section').count();
    expect(sectionCount).toBeGreaterThan(20);
    expect((await headings(session)).slice(0, 3).map(spaced)).toEqual(['Section 1. Short title', 'Section 2. Purpose', 'Section 3. Definitions']);
    // coverage runs off the keystroke path and lands in the status bar
    await expect.poll(() => page.getByTestId('route-summary').textContent(), { timeout: 10_000 }).toMatch(/^\d+ of \d+ routes closed$/);
    const composed = await readText(session);

    // 1. the profile panel: a new governing body, and every chip follows at once
    const chips = page.locator('.ow-placeholder[data-key="governing_body"]');
    const chipCount = await chips.count();
    expect(chipCount).toBeGreaterThan(3);
    expect(new Set(await texts(chips))).toEqual(new Set(['City Council']));
    await page.getByRole('tab', { name: 'Profile' }).click();
    const body = page.getByTestId('profile-panel').getByRole('textbox', { name: 'The legislative body' });
    await body.fill('Common Council');
    expect(new Set(await texts(chips))).toEqual(new Set(['Common Council']));
    expect(await chips.count()).toBe(chipCount);
    // emptied, each chip shows the key, highlighted, and the panel lists it as unfilled
    await body.fill('');
    expect(new Set(await texts(chips))).toEqual(new Set(['[governing body]']));
    expect(await page.locator('.ow-placeholder-open[data-key="governing_body"]').count()).toBe(chipCount);
    expect(await page.getByTestId('profile-unfilled').textContent()).toContain('[governing body]');
    // ... and filled again from a chip's inline field: a click opens it, Escape closes it
    // (the chip stays selected), Enter on the selected chip opens it again, with the caret in it
    await chips.first().click();
    const field = page.getByTestId('placeholder-field');
    await field.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => field.count()).toBe(0);
    await page.keyboard.press('Enter');
    await field.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('governing_body');
    await page.keyboard.type('Common Council');
    await page.keyboard.press('Enter');
    await expect.poll(() => field.count()).toBe(0);
    expect(new Set(await texts(chips))).toEqual(new Set(['Common Council']));
    expect(await page.getByTestId('profile-unfilled').textContent()).not.toContain('[governing body]');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Unsaved changes');

    // 2. a cross-reference with Mod-K: it shows its target's number...
    const purpose = section(session, 'Purpose');
    await endOf(session, purpose.locator('.ow-provision > p').first());
    await page.keyboard.type(' See ');
    await page.keyboard.press('Control+k');
    const picker = page.getByTestId('xref-picker');
    await picker.getByRole('combobox', { name: 'Refer to' }).fill('retention of plate');
    await expect.poll(() => picker.getByRole('option').first().textContent()).toMatch(/^Section \d+Retention of plate-reader data$/);
    await picker.getByRole('combobox').press('Enter');
    const xref = purpose.locator('.ow-xref');
    await expect.poll(() => xref.count()).toBe(1);
    const before = Number(((await xref.textContent()) ?? '').replace(/^Section /, ''));
    const target = section(session, 'Retention of plate-reader data');
    expect(await target.locator('.ow-heading .ow-num').textContent()).toBe(`Section ${before}.`);

    // ... and follows it when the target moves down in the outline (Alt+Down) ...
    await page.getByRole('tab', { name: 'Outline' }).click();
    const item = page.getByTestId('outline-item').nth(before - 1);
    expect(await item.textContent()).toContain('Retention of plate-reader data');
    await item.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => xref.textContent()).toBe(`Section ${before + 1}`);
    expect(await target.locator('.ow-heading .ow-num').textContent()).toBe(`Section ${before + 1}.`);
    // the focus stays on the moved section, which can move on
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Retention of plate-reader data');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => xref.textContent()).toBe(`Section ${before + 2}`);
    // ... and when the section holding the cursor moves up (Alt+Up in the editor)
    await endOf(session, target.locator('.ow-provision > p').first());
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => xref.textContent()).toBe(`Section ${before + 1}`);
    // Ctrl-click goes to the target
    await section(session, 'Short title').locator('.ow-heading').click();
    await xref.click({ modifiers: ['Control'] });
    await expect
      .poll(() => page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('.ow-section')?.querySelector('.ow-heading')?.textContent ?? ''))
      .toContain('Retention of plate-reader data');

    // 3. Tab / Shift+Tab renumber, Mod-Enter adds a provision, Mod-Shift-Enter a section
    const labels = () => purpose.locator('.ow-num-provision').allTextContents();
    expect(await labels()).toEqual(['(a)', '(b)', '(c)']);
    await endOf(session, purpose.locator('.ow-provision > p').nth(1));
    await page.keyboard.press('Tab');
    await expect.poll(labels).toEqual(['(a)', '(1)', '(b)']);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(labels).toEqual(['(a)', '(b)', '(c)']);
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('Nothing in this chapter limits a resident’s rights.');
    await expect.poll(labels).toEqual(['(a)', '(b)', '(c)', '(d)']);
    await page.keyboard.press('Control+Shift+Enter');
    await page.keyboard.type('Community notice');
    await expect.poll(() => headings(session).then((h) => spaced(h[2] ?? ''))).toBe('Section 3. Community notice');
    await expect.poll(() => page.locator('.ow-section').count()).toBe(sectionCount + 1);
    // numbers after it, and the cross-reference, moved on by one
    await expect.poll(() => xref.textContent()).toBe(`Section ${before + 2}`);

    // 4. find and replace
    await page.keyboard.press('Control+h');
    await page.getByRole('searchbox', { name: 'Find in ordinance' }).fill('destroy');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toMatch(/^– of \d+$/);
    const found = Number((await page.getByTestId('find-count').textContent())!.replace(/\D+/g, ''));
    expect(found).toBeGreaterThan(2);
    await page.getByRole('textbox', { name: 'Replace with' }).fill('erase');
    await page.getByRole('button', { name: 'Replace', exact: true }).click(); // selects the first match
    await page.getByRole('button', { name: 'Replace', exact: true }).click(); // replaces it
    await expect.poll(() => page.getByTestId('find-count').textContent()).toMatch(new RegExp(`^\\d+ of ${found - 1}$`));
    await page.getByRole('button', { name: 'Replace all' }).click();
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('No matches');
    expect(await page.getByTestId('notice').textContent()).toBe(`Replaced ${found - 1} matches of “destroy”.`);
    expect(await readText(session)).not.toMatch(/destroy/i);
    await page.getByRole('searchbox', { name: 'Find in ordinance' }).press('Escape');

    // 5. undo all of it: the text is the composed text again (the profile is not text:
    // its value is put back by hand)
    await undoAll(session);
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.getByTestId('profile-panel').getByRole('textbox', { name: 'The legislative body' }).fill('City Council');
    expect(await readText(session)).toBe(composed);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Not saved yet');

    const origin = new URL(ctx.available ? ctx.baseUrl : '').origin;
    expect(requests.filter((u) => !u.startsWith(origin + '/'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the short form builds a profile; a missing name is refused with a clear message', async () => {
    const session = await launch();
    const { page, problems } = session;
    const start = page.getByTestId('start-screen');
    await start.getByRole('radio', { name: /County ordinance/ }).check();
    await start.getByRole('radio', { name: /Another jurisdiction/ }).check();
    const form = page.getByTestId('profile-form');
    // suggestions follow the kind and the name until the drafter types their own
    expect(await form.getByRole('combobox', { name: 'Kind' }).inputValue()).toBe('county');
    await form.getByRole('textbox', { name: 'Governing body' }).waitFor();
    expect(await form.getByRole('textbox', { name: 'Governing body' }).inputValue()).toBe('Board of Supervisors');
    await start.getByRole('button', { name: 'Create ordinance' }).click();
    const alert = start.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Enter the name of the jurisdiction');
    expect(await form.getByRole('textbox', { name: /^Name/ }).getAttribute('aria-invalid')).toBe('true');

    await form.getByRole('textbox', { name: /^Name/ }).fill('Cedar');
    expect(await form.getByRole('textbox', { name: 'Law enforcement agency' }).inputValue()).toBe("Cedar County Sheriff's Office");
    await form.getByRole('textbox', { name: 'Chief law enforcement officer' }).fill('Sheriff-Coroner');
    await form.getByRole('textbox', { name: 'Takes effect on' }).fill('March 1, 2027');
    await start.getByRole('button', { name: 'Create ordinance' }).click();
    await page.getByTestId('editor').waitFor();
    expect(await page.getByTestId('doc-name').textContent()).toBe('County of Cedar ordinance');
    await expect.poll(() => page.locator('.ow-placeholder[data-key="jurisdiction_full_name"]').first().textContent()).toBe('County of Cedar');
    // what the form did not ask stays visibly unfilled, and the profile button says how many
    expect(await page.locator('.ow-placeholder-open').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('profile-button').textContent()).toMatch(/County of Cedar\d+/);
    expect(await texts(page.locator('.ow-placeholder[data-key="chief_law_enforcement_officer"]'))).toContain('Sheriff-Coroner');
    expect(problems).toEqual([]);
  });

  it('the outline moves a section by drag and drop, as one undoable step', async () => {
    const session = await launch();
    const { page } = session;
    await createCity(session);
    await page.getByRole('tab', { name: 'Outline' }).click();
    const items = page.getByTestId('outline-item');
    const first = await items.nth(0).textContent();
    const second = await items.nth(1).textContent();
    expect(first).toContain('Short title');
    expect(second).toContain('Purpose');
    // drag "Short title" onto the lower half of "Purpose": it lands after it
    const box = await items.nth(1).boundingBox();
    await items.nth(0).dragTo(items.nth(1), { targetPosition: { x: 40, y: box!.height - 4 } });
    await expect.poll(() => items.nth(0).textContent()).toContain('Purpose');
    expect(await items.nth(1).textContent()).toContain('Short title');
    expect((await headings(session)).slice(0, 2).map(spaced)).toEqual(['Section 1. Purpose', 'Section 2. Short title']);
    await page.getByTestId('editor').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => items.nth(0).textContent()).toContain('Short title');
  });

  it('opens a sample draft, and shows the keyboard shortcuts; zoom is kept across sessions', async () => {
    const session = await launch();
    const { page, problems } = session;
    await page.getByTestId('start-screen').getByRole('button', { name: /County of Harlow/ }).click();
    await page.getByTestId('editor').waitFor();
    expect(await page.getByTestId('doc-name').textContent()).toBe('County of Harlow (sample)');
    await expect.poll(() => readText(session)).toContain('Harlow');
    await page.keyboard.press('F1');
    const dialog = page.getByTestId('shortcuts-dialog');
    expect(await dialog.textContent()).toContain('Insert a cross-reference');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    const size = () => page.locator('.ow-doc').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const base = await size();
    await page.getByTestId('editor').focus();
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    await expect.poll(() => page.getByTestId('zoom-level').textContent()).toBe('125%');
    expect(await size()).toBeCloseTo(base * 1.25, 1);
    await page.reload();
    await page.getByTestId('start-screen').getByRole('button', { name: 'Blank ordinance' }).click();
    await expect.poll(() => page.getByTestId('zoom-level').textContent()).toBe('125%');
    await page.keyboard.press('Control+0');
    await expect.poll(() => page.getByTestId('zoom-level').textContent()).toBe('100%');
    expect(problems).toEqual([]);
  });

  it('an imported ordinance keeps its own numbers, and a cross-reference shows them', async () => {
    const session = await launch();
    const { page, problems } = session;
    const { doc } = importText(
      [
        'ORDINANCE NO. 7',
        '',
        'AN ORDINANCE amending the Lakeview Municipal Code to protect resident data.',
        '',
        'BE IT ORDAINED BY THE CITY COUNCIL OF THE CITY OF LAKEVIEW:',
        '',
        'Sec. 2-173-010. Purpose.',
        'This chapter keeps resident data from immigration enforcement.',
        '',
        'Sec. 2-173-020. Limits.',
        '(a) No agency may share personal data for immigration enforcement.',
        '(c) No agency may sell personal data to a data broker.',
        '',
      ].join('\n'),
    );
    const text = serializeProject(newProject({ doc, profile: { id: 'lakeview', name: 'City of Lakeview', kind: 'city', values: {} }, template: null, preset: null, libraryVersion: '' }));
    page.once('filechooser', (fc) => void fc.setFiles({ name: 'lakeview.ordinance.json', mimeType: 'application/json', buffer: Buffer.from(text) }));
    await page.getByTestId('start-screen').getByRole('button', { name: 'Open a project…' }).click();
    await page.getByTestId('open-dialog').getByRole('button', { name: 'Open a file from this computer…' }).click();
    await page.getByTestId('editor').waitFor();
    expect(await page.locator('.ow-num-section').allTextContents()).toEqual(['Sec. 2-173-010.', 'Sec. 2-173-020.']);
    expect(await page.locator('.ow-num-provision').allTextContents()).toEqual(['(a)', '(c)']);
    // a cross-reference from the purpose to the imported (c)
    await endOf(session, section(session, 'Purpose').locator('.ow-provision > p').first());
    await page.keyboard.type(' See ');
    await page.keyboard.press('Control+k');
    const picker = page.getByTestId('xref-picker');
    await picker.getByRole('combobox').fill('2-173-020(c)');
    await expect.poll(() => picker.getByRole('option').count()).toBe(1);
    await picker.getByRole('combobox').press('Enter');
    await expect.poll(() => page.locator('.ow-xref').textContent()).toBe('Sec. 2-173-020(c)');
    expect(problems).toEqual([]);
  });

  it('screenshots: the start screen and the workspace, light and dark (tests/e2e/screenshots/)', async () => {
    await mkdir(screenshots, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const session = await launch(scheme);
      const { page } = session;
      await expect.poll(() => page.getByTestId('start-screen').textContent()).toContain('No recent projects yet.');
      await page.screenshot({ path: join(screenshots, `start-${scheme}.png`) });
      await createCity(session);
      await expect.poll(() => page.getByTestId('route-summary').count(), { timeout: 10_000 }).toBe(1);
      await page.getByRole('tab', { name: 'Outline' }).click();
      // a placeholder left unfilled, to show how one looks
      await page.getByRole('tab', { name: 'Profile' }).click();
      await page.getByTestId('profile-panel').getByRole('textbox', { name: 'The date the law takes effect' }).fill('');
      await page.getByRole('tab', { name: 'Outline' }).click();
      // the page at the opening sections: numbers, defined terms, filled placeholders
      await page.getByTestId('outline-item').nth(1).click();
      await page.waitForTimeout(300);
      await page.locator('.ow-doc').evaluate((el) => (el as HTMLElement).blur());
      await page.screenshot({ path: join(screenshots, `workspace-${scheme}.png`) });
      await session.close();
    }
  });
});

if (!ctx.available) {
  describe.skip(`the drafting workspace in Chromium (skipped: ${ctx.reason})`, () => {
    it('needs Chromium', () => undefined);
  });
}
