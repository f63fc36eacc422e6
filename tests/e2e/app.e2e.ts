import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openSession, type AppSession } from './chromium';

/** The renderer in Chromium, served from the production build, using the browser host. */

const ctx = inject('e2e');
const screenshots = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

describe.skipIf(!ctx.available)('the renderer in Chromium', () => {
  let s: AppSession | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  async function start(colorScheme: 'light' | 'dark' = 'light'): Promise<AppSession> {
    if (!ctx.available) throw new Error(ctx.reason);
    s = await openSession(ctx.wsEndpoint, new URL(ctx.baseUrl).origin, { colorScheme });
    await s.page.goto(ctx.baseUrl);
    await startBlank(s);
    return s;
  }

  /** The app opens on the start screen: start a blank ordinance from it. */
  async function startBlank(session: AppSession): Promise<void> {
    await session.page.getByTestId('start-screen').getByRole('button', { name: 'Blank ordinance' }).click();
    await session.page.waitForSelector('[data-testid="editor"]');
  }

  /**
   * ProseMirror takes a click's or an arrow key's new selection from the browser's
   * selectionchange event, which fires asynchronously; a person never types within
   * that moment, a script can.
   */
  const settle = (session: AppSession) => session.page.waitForTimeout(100);

  /** The text of each provision's own paragraph, without the computed labels. */
  const provisionTexts = (session: AppSession) =>
    session.page.locator('.ow-provision > p').evaluateAll((ps) =>
      ps.map((p) => [...p.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('ow-num'))).map((n) => n.textContent).join('')),
    );

  /** Click into the first provision's text and type. */
  async function typeInFirstProvision(session: AppSession, text: string): Promise<void> {
    await session.page.locator('.ow-provision > p').first().click();
    await settle(session);
    await session.page.keyboard.press('End');
    await settle(session);
    await session.page.keyboard.type(text);
  }

  it('makes no request outside its own origin and reports no problem (CSP, console, exceptions)', async () => {
    const { page, requests, problems } = await start();
    const origin = new URL(ctx.available ? ctx.baseUrl : '').origin;
    // exercise the app a little: the dialogs, typing, the outline, find
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('open-dialog').getByRole('button', { name: 'Cancel' }).click();
    await typeInFirstProvision(s!, 'Data stays local.');
    await page.getByRole('tab', { name: 'Outline' }).click();
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Find in ordinance' }).fill('data');
    await expect.poll(() => page.locator('.ow-find-match').count()).toBeGreaterThan(0);

    expect(requests.length).toBeGreaterThan(0);
    const outside = requests.filter((u) => !u.startsWith(origin + '/'));
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('types into the editor, saves through the web host, reloads, reopens and sees the text', async () => {
    const { page } = await start();
    await typeInFirstProvision(s!, 'No agency shall share personal information with federal immigration enforcement.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Each agency shall report every request for such information.');
    // Enter started a second provision, so both are now lettered
    await expect.poll(() => page.locator('.ow-num-provision').allTextContents()).toEqual(['(a)', '(b)']);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Unsaved changes');

    await page.keyboard.press('Control+s');
    const dialog = page.getByTestId('save-dialog');
    await dialog.getByRole('textbox', { name: 'Project name' }).fill('Council draft');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    expect(await page.getByTestId('doc-name').textContent()).toBe('Council draft');

    await page.reload();
    await startBlank(s!);
    expect(await page.getByTestId('editor').textContent()).not.toContain('No agency shall share');

    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('open-dialog').getByRole('button', { name: /Council draft/ }).click();
    await expect.poll(() => page.getByTestId('editor').textContent()).toContain('No agency shall share personal information with federal immigration enforcement.');
    expect(await page.getByTestId('editor').textContent()).toContain('Each agency shall report every request for such information.');
    expect(await page.getByTestId('doc-name').textContent()).toBe('Council draft');
    expect(await page.getByTestId('save-state').textContent()).toContain('Saved');

    // an edit makes it dirty again; Save goes straight to the same project, no dialog
    await page.locator('.ow-provision > p').nth(1).click();
    await settle(s!);
    await page.keyboard.press('End');
    await settle(s!);
    await page.keyboard.type(' Reports are public.');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Unsaved changes');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');
    expect(await page.getByTestId('save-dialog').count()).toBe(0);
  });

  it('drafts by structure: Enter starts a provision, Tab nests it, Shift+Tab lifts it, Backspace joins it', async () => {
    const { page } = await start();
    const labels = () => page.locator('.ow-num-provision').allTextContents();
    await typeInFirstProvision(s!, 'First.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second.');
    await expect.poll(labels).toEqual(['(a)', '(b)']);
    await page.keyboard.press('Tab');
    // a sole top-level provision is the section's text; its child is (a)
    await expect.poll(labels).toEqual(['(a)']);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(labels).toEqual(['(a)', '(b)']);
    await page.keyboard.press('Home');
    await settle(s!);
    await page.keyboard.press('Backspace');
    await expect.poll(labels).toEqual([]);
    expect(await provisionTexts(s!)).toEqual(['First. Second.']);
    // Enter at the end of the heading starts the section's first provision
    await page.locator('.ow-heading').first().click();
    await settle(s!);
    await page.keyboard.press('End');
    await settle(s!);
    await page.keyboard.press('Enter');
    await page.keyboard.type('New first.');
    await expect.poll(labels).toEqual(['(a)', '(b)']);
    expect(await provisionTexts(s!)).toEqual(['New first.', 'First. Second.']);
  });

  it('asks before discarding unsaved changes, and keeps them when told to', async () => {
    const { page } = await start();
    await typeInFirstProvision(s!, 'Unsaved words.');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByTestId('start-screen').getByRole('button', { name: 'Blank ordinance' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('editor').textContent()).toContain('Unsaved words.');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByTestId('start-screen').getByRole('button', { name: 'Blank ordinance' }).click();
    await confirm.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => page.getByTestId('editor').textContent()).not.toContain('Unsaved words.');
  });

  it('a file that is not a project is refused with a clear message, and the draft is untouched', async () => {
    const { page } = await start();
    await typeInFirstProvision(s!, 'Keep me.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('save-dialog').getByRole('textbox', { name: 'Project name' }).fill('Keeper');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Saved');

    page.once('filechooser', (fc) => void fc.setFiles({ name: 'notes.ordinance.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') }));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('open-dialog').getByRole('button', { name: 'Open a file from this computer…' }).click();
    const message = page.getByTestId('message-dialog');
    await expect.poll(() => message.textContent()).toContain('not an Ordwright project file');
    expect(await message.textContent()).toContain('“notes”');
    await message.getByRole('button', { name: 'OK' }).click();
    expect(await page.getByTestId('editor').textContent()).toContain('Keep me.');
    expect(await page.getByTestId('doc-name').textContent()).toBe('Keeper');
  });

  it('shows the three-pane layout (screenshots in tests/e2e/screenshots/)', async () => {
    await mkdir(screenshots, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await start(scheme);
      await typeInFirstProvision(s!, 'The purpose of this ordinance is to keep personal information that residents give the City from reaching federal immigration enforcement through shared databases, fusion centers, data brokers and jail systems.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('This ordinance shall be construed broadly to protect residents.');
      const left = await page.locator('.ow-sidebar-left').boundingBox();
      const main = await page.locator('.ow-editor-pane').boundingBox();
      const right = await page.locator('.ow-sidebar-right').boundingBox();
      expect(left && main && right).toBeTruthy();
      // three panes side by side, the document the widest
      expect(left!.x + left!.width).toBeLessThanOrEqual(main!.x + 1);
      expect(main!.x + main!.width).toBeLessThanOrEqual(right!.x + 1);
      expect(main!.width).toBeGreaterThan(left!.width + right!.width);
      await page.locator('.ow-doc').evaluate((el) => (el as HTMLElement).blur());
      await page.screenshot({ path: join(screenshots, `three-pane-${scheme}.png`) });
      await s!.close();
      s = null;
    }
  });
});

if (!ctx.available) {
  describe.skip(`the renderer in Chromium (skipped: ${ctx.reason})`, () => {
    it('needs Chromium', () => undefined);
  });
}
