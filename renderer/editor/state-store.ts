import type { EditorState } from 'prosemirror-state';

/**
 * The editor's latest state, for the few components that must follow every transaction
 * (the find bar's match count) without re-rendering the whole workspace: they subscribe
 * with useSyncExternalStore and pick the one value they show.
 */
export class EditorStateStore {
  private state: EditorState | null = null;
  private readonly listeners = new Set<() => void>();

  get current(): EditorState | null {
    return this.state;
  }

  set(state: EditorState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
