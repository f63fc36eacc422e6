/**
 * Closing a window (or quitting) with unsaved changes asks Save / Don't save / Cancel.
 *
 * The renderer knows its document and owns the question (its Save may need a Save As
 * dialog), so main asks it over CLOSE_REQUEST_CHANNEL and waits for answerClose. Main
 * only decides when to ask, and what to do when the renderer cannot answer:
 *
 * - no unsaved changes (as last reported), or a renderer without a close guard: close;
 * - unsaved changes: keep the window open and send a close request; "proceed" closes
 *   it (and carries on quitting), "stay" keeps it (and cancels the quit);
 * - a renderer that crashed cannot answer and holds nothing to save (its last recovery
 *   copy is on disk): close;
 * - a renderer that hangs, or leaves a request unanswered while the user tries again
 *   after STALE_MS: ask natively whether to close anyway (the recovery copy survives).
 *
 * All of it is a plain state machine with injected effects, tested in Node.
 */

export const STALE_MS = 10_000;

export interface GuardFacts {
  /** A close the renderer (or the fallback question) already agreed to. */
  allowed: boolean;
  /** The renderer reported unsaved changes. */
  dirty: boolean;
  /** The renderer has a close guard (it will answer close requests). */
  guard: boolean;
  /** The renderer process is gone. */
  rendererGone: boolean;
  /** When the unanswered close request was sent (ms), or null. */
  pendingSince: number | null;
  now: number;
}

export type CloseDecision = 'close' | 'ask-renderer' | 'wait' | 'ask-native';

/** What to do with a window's 'close' event. */
export function decideClose(f: GuardFacts): CloseDecision {
  if (f.allowed || f.rendererGone || !f.guard || !f.dirty) return 'close';
  if (f.pendingSince === null) return 'ask-renderer';
  // a second try while the first request is still unanswered: after a while, the renderer is stuck
  return f.now - f.pendingSince >= STALE_MS ? 'ask-native' : 'wait';
}

export interface CloseGuardEffects {
  sendCloseRequest(request: { requestId: string; reason: 'close' | 'quit' }): void;
  /** Close the window again (this time the guard lets it through). */
  closeWindow(): void;
  /** Carry on the quit the close interrupted. */
  continueQuit(): void;
  /** The renderer cannot answer: close anyway? (A native dialog.) */
  confirmCloseUnanswered(): Promise<boolean>;
  newRequestId(): string;
  now(): number;
}

export class CloseGuard {
  private allowed = false;
  private dirty = false;
  private guard = false;
  private rendererGone = false;
  private quitting = false;
  private pending: { id: string; since: number } | null = null;
  private asking = false;

  constructor(private readonly fx: CloseGuardEffects) {}

  /** The renderer's reported state. */
  report(state: { dirty: boolean; closeGuard?: boolean }): void {
    this.dirty = state.dirty;
    this.guard = state.closeGuard === true;
  }

  /** app 'before-quit': the closes that follow are part of a quit. */
  beforeQuit(): void {
    this.quitting = true;
  }

  /** A new page loaded in the window (a reload): it has reported nothing yet. */
  pageLoaded(): void {
    this.dirty = false;
    this.guard = false;
    this.rendererGone = false;
    this.pending = null;
  }

  /** The window's 'close' event. Returns true to let the window close; false means preventDefault. */
  onClose(): boolean {
    const decision = decideClose({
      allowed: this.allowed,
      dirty: this.dirty,
      guard: this.guard,
      rendererGone: this.rendererGone,
      pendingSince: this.pending?.since ?? null,
      now: this.fx.now(),
    });
    switch (decision) {
      case 'close':
        return true;
      case 'ask-renderer': {
        const id = this.fx.newRequestId();
        this.pending = { id, since: this.fx.now() };
        this.fx.sendCloseRequest({ requestId: id, reason: this.quitting ? 'quit' : 'close' });
        return false;
      }
      case 'wait':
        return false;
      case 'ask-native':
        void this.askNative();
        return false;
    }
  }

  /** The renderer's answerClose. An answer to an old or unknown request is ignored. */
  onAnswer(requestId: string, proceed: boolean): void {
    if (!this.pending || this.pending.id !== requestId) return;
    this.pending = null;
    if (proceed) this.proceed();
    else this.quitting = false; // the quit is canceled along with the close
  }

  /** 'render-process-gone': nothing in the page can be saved any more; its recovery copy is on disk. */
  rendererCrashed(): void {
    this.rendererGone = true;
    if (this.pending) {
      this.pending = null;
      this.proceed();
    }
  }

  /** 'unresponsive': if a close request is waiting, ask natively. */
  async rendererUnresponsive(): Promise<void> {
    if (this.pending) await this.askNative();
  }

  private async askNative(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    try {
      const close = await this.fx.confirmCloseUnanswered();
      if (close) {
        this.pending = null;
        this.proceed();
      } else {
        this.quitting = false;
      }
    } finally {
      this.asking = false;
    }
  }

  private proceed(): void {
    this.allowed = true;
    this.fx.closeWindow();
    if (this.quitting) this.fx.continueQuit();
  }
}
