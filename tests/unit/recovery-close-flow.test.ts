import { describe, expect, it } from 'vitest';
import { answerCloseRequest, projectFilesOf, type CloseChoice } from '../../renderer/shell/close-flow';

function flow(dirty: boolean, choice: CloseChoice | Error, saved = true) {
  const log: string[] = [];
  return {
    log,
    run: () =>
      answerCloseRequest({
        dirty,
        ask: async () => {
          log.push('ask');
          if (choice instanceof Error) throw choice;
          return choice;
        },
        save: async () => (log.push('save'), saved),
        discard: async () => void log.push('discard'),
      }),
  };
}

describe('renderer/shell/close-flow: Save / Don’t save / Cancel', () => {
  it('nothing unsaved: closes without asking', async () => {
    const f = flow(false, 'cancel');
    expect(await f.run()).toBe(true);
    expect(f.log).toEqual([]);
  });

  it('Save closes only when the save went through (a canceled Save As keeps the window)', async () => {
    const ok = flow(true, 'save', true);
    expect(await ok.run()).toBe(true);
    expect(ok.log).toEqual(['ask', 'save']);
    const canceled = flow(true, 'save', false);
    expect(await canceled.run()).toBe(false);
  });

  it('Don’t save removes the recovery copy, then closes; Cancel keeps everything', async () => {
    const d = flow(true, 'discard');
    expect(await d.run()).toBe(true);
    expect(d.log).toEqual(['ask', 'discard']);
    const c = flow(true, 'cancel');
    expect(await c.run()).toBe(false);
    expect(c.log).toEqual(['ask']);
  });

  it('a failure while asking keeps the window open', async () => {
    expect(await flow(true, new Error('dialog gone')).run()).toBe(false);
  });

  it('only project files count in a drop', () => {
    expect(projectFilesOf([{ name: 'a.ordinance.json' }, { name: 'b.docx' }, { name: 'C.ORDINANCE.JSON' }, { name: 'ordinance.json' }]).map((f) => f.name)).toEqual([
      'a.ordinance.json',
      'C.ORDINANCE.JSON',
    ]);
  });
});
