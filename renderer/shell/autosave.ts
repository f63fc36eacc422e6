/**
 * Autosave to the host's recovery store: plain logic (no React, no DOM), so it is
 * tested in Node. renderer/shell/useAutosave.ts drives it from the editor.
 *
 * - While the document has unsaved changes, a copy is written every `intervalMs`
 *   (the first change starts the clock; typing on does not postpone the write, so a
 *   long burst of typing is still copied every few seconds).
 * - When the window loses focus, a pending copy is written at once.
 * - When the document is clean again (saved, or changes undone), the copy is removed:
 *   nothing is left behind after a clean save.
 * - Operations run one at a time, in order, so a slow write can never land after the
 *   removal that a save asked for.
 */

export interface RecoverySnapshot {
  text: string;
  /** The project's path, or null while it is untitled. */
  path: string | null;
  name: string;
}

export interface AutosaveDeps {
  /** Write the copy; resolve false (never throw) when the host refused. */
  write(copy: RecoverySnapshot & { id: string }): Promise<boolean>;
  clear(id: string): Promise<void>;
  /** The document as it is now; null when there is nothing to copy (no editor yet). */
  snapshot(): RecoverySnapshot | null;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** A write failed (a full disk): the UI may say so once. */
  onError?(message: string): void;
}

export const AUTOSAVE_INTERVAL_MS = 5000;

/** A recovery slot id for this window: letters, digits, "-" (core/host RecoveryId). */
export function newRecoveryId(random: () => number = Math.random, now: number = Date.now()): string {
  const r = Math.floor(random() * 0xffffffff).toString(36);
  return `w-${now.toString(36)}-${r}`;
}

export class Autosave {
  private id: string;
  private dirty = false;
  private revision: unknown = undefined;
  private writtenRevision: unknown = undefined;
  /** A copy of this slot exists on the host (written, or adopted from a restore). */
  private hasCopy = false;
  private timer: unknown = null;
  private chain: Promise<void> = Promise.resolve();
  /** Operations queued or running. */
  private queued = 0;
  private disposed = false;
  private failed = false;

  constructor(
    private readonly deps: AutosaveDeps,
    options: { id: string; intervalMs?: number },
  ) {
    this.id = options.id;
    this.intervalMs = options.intervalMs ?? AUTOSAVE_INTERVAL_MS;
  }

  private readonly intervalMs: number;

  get recoveryId(): string {
    return this.id;
  }

  /** The document changed (or was saved): whether it has unsaved changes, and a token that changes with it. */
  update(dirty: boolean, revision: unknown): void {
    if (this.disposed) return;
    this.dirty = dirty;
    this.revision = revision;
    if (!dirty) {
      this.cancelTimer();
      // a write still queued or in flight would make a copy after this point: clear after it
      if (this.hasCopy || this.queued > 0) this.enqueue(() => this.clearNow());
      return;
    }
    if (revision !== this.writtenRevision && this.timer === null) {
      this.timer = this.deps.setTimer(() => {
        this.timer = null;
        this.enqueue(() => this.writeNow());
      }, this.intervalMs);
    }
  }

  /** The window lost focus: write a pending copy now. */
  blur(): Promise<void> {
    if (!this.dirty || this.revision === this.writtenRevision) return this.chain;
    this.cancelTimer();
    return this.enqueue(() => this.writeNow());
  }

  /** Write now if there is anything unwritten (before a risky operation). */
  flush(): Promise<void> {
    return this.blur();
  }

  /**
   * A restored copy becomes this window's slot: later copies replace it, and a save
   * removes it. (Clearing it at once would lose the work if the app died before the
   * next copy.)
   */
  adopt(id: string, revision: unknown): void {
    this.cancelTimer();
    this.id = id;
    this.hasCopy = true;
    this.writtenRevision = revision;
    this.revision = revision;
    this.dirty = true;
  }

  /** The user chose to throw the changes away (Don't save): remove the copy. */
  discard(): Promise<void> {
    this.cancelTimer();
    this.dirty = false;
    return this.enqueue(() => this.clearNow());
  }

  /** Wait for every queued operation (tests, and before the window closes). */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Stop the pending timer (the next update() starts a new one). */
  pause(): void {
    this.cancelTimer();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = () => op().finally(() => this.queued--);
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  private async writeNow(): Promise<void> {
    // decided when it runs, not when it was queued: a save in between makes it moot
    if (!this.dirty || this.revision === this.writtenRevision) return;
    const snap = this.deps.snapshot();
    if (!snap) return;
    const revision = this.revision;
    let ok: boolean;
    try {
      ok = await this.deps.write({ id: this.id, ...snap });
    } catch {
      ok = false;
    }
    if (ok) {
      this.hasCopy = true;
      this.writtenRevision = revision;
      this.failed = false;
    } else if (!this.failed) {
      this.failed = true;
      this.deps.onError?.('Ordwright could not write its automatic recovery copy. Save your work to be safe.');
    }
    // changes made while the copy was being written get the next one
    if (this.dirty && this.revision !== this.writtenRevision && this.timer === null && !this.disposed) {
      this.timer = this.deps.setTimer(() => {
        this.timer = null;
        this.enqueue(() => this.writeNow());
      }, this.intervalMs);
    }
  }

  private async clearNow(): Promise<void> {
    if (this.dirty || !this.hasCopy) return;
    try {
      await this.deps.clear(this.id);
      this.hasCopy = false;
      this.writtenRevision = undefined;
    } catch {
      // left for the next start's list, which drops copies that match their saved file
    }
  }
}
