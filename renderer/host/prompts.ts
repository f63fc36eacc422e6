import type { ProjectChoice, SavedProjectInfo, WebHostUi } from './web';

/**
 * The in-app dialogs the browser host asks through. The host awaits a promise; the
 * React tree (components/HostPrompts.tsx) shows the pending prompt and settles it.
 * One prompt at a time: a new one cancels the one before.
 */

export type Prompt =
  | { kind: 'project-name'; suggested: string; existing: string[]; settle(answer: string | null): void }
  | { kind: 'choose-project'; saved: SavedProjectInfo[]; settle(answer: ProjectChoice): void };

export class PromptStore {
  private current: Prompt | null = null;
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Prompt | null => this.current;

  private open<T>(make: (settle: (answer: T) => void) => Prompt): Promise<T> {
    this.cancel();
    return new Promise<T>((resolve) => {
      const prompt = make((answer) => {
        if (this.current === prompt) {
          this.current = null;
          this.emit();
        }
        resolve(answer);
      });
      this.current = prompt;
      this.emit();
    });
  }

  /** Cancel the pending prompt, if any. */
  cancel(): void {
    const p = this.current;
    if (!p) return;
    if (p.kind === 'project-name') p.settle(null);
    else p.settle(null);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  readonly ui: WebHostUi = {
    askProjectName: (suggested, existing) => this.open<string | null>((settle) => ({ kind: 'project-name', suggested, existing, settle })),
    chooseProject: (saved) => this.open<ProjectChoice>((settle) => ({ kind: 'choose-project', saved, settle })),
  };
}
