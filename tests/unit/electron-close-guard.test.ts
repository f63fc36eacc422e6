import { describe, expect, it } from 'vitest';
import { CloseGuard, STALE_MS, decideClose, type GuardFacts } from '../../electron/close-guard';

const facts = (f: Partial<GuardFacts> = {}): GuardFacts => ({ allowed: false, dirty: true, guard: true, rendererGone: false, pendingSince: null, now: 1000, ...f });

describe('electron/close-guard: decideClose', () => {
  it('closes without asking when nothing is unsaved, the renderer has no guard, crashed, or already agreed', () => {
    expect(decideClose(facts({ dirty: false }))).toBe('close');
    expect(decideClose(facts({ guard: false }))).toBe('close');
    expect(decideClose(facts({ rendererGone: true }))).toBe('close');
    expect(decideClose(facts({ allowed: true }))).toBe('close');
  });

  it('asks the renderer once; waits while it answers; after STALE_MS asks natively', () => {
    expect(decideClose(facts())).toBe('ask-renderer');
    expect(decideClose(facts({ pendingSince: 1000, now: 1000 + STALE_MS - 1 }))).toBe('wait');
    expect(decideClose(facts({ pendingSince: 1000, now: 1000 + STALE_MS }))).toBe('ask-native');
  });
});

function harness(nativeAnswer = false) {
  const log: string[] = [];
  let clock = 0;
  let n = 0;
  const guard = new CloseGuard({
    sendCloseRequest: (r) => log.push(`request ${r.requestId} ${r.reason}`),
    closeWindow: () => log.push('close'),
    continueQuit: () => log.push('quit'),
    confirmCloseUnanswered: async () => (log.push('native?'), nativeAnswer),
    newRequestId: () => `r${++n}`,
    now: () => clock,
  });
  return { guard, log, tick: (ms: number) => (clock += ms) };
}

describe('electron/close-guard: CloseGuard', () => {
  it('Save / Don’t save answer "proceed": the window closes; Cancel answers "stay": it stays', () => {
    const { guard, log } = harness();
    guard.report({ dirty: true, closeGuard: true });
    expect(guard.onClose()).toBe(false);
    guard.onAnswer('r1', false);
    expect(log).toEqual(['request r1 close']);
    expect(guard.onClose()).toBe(false);
    guard.onAnswer('r2', true);
    expect(log).toEqual(['request r1 close', 'request r2 close', 'close']);
    // the close main then makes goes through
    expect(guard.onClose()).toBe(true);
  });

  it('ignores answers to requests it did not send, or sent before', () => {
    const { guard, log } = harness();
    guard.report({ dirty: true, closeGuard: true });
    guard.onAnswer('r1', true); // nothing pending
    expect(guard.onClose()).toBe(false);
    guard.onAnswer('forged', true);
    expect(log).toEqual(['request r1 close']);
  });

  it('a close during a quit says so; "proceed" carries on quitting, "stay" cancels the quit', () => {
    const a = harness();
    a.guard.report({ dirty: true, closeGuard: true });
    a.guard.beforeQuit();
    a.guard.onClose();
    a.guard.onAnswer('r1', true);
    expect(a.log).toEqual(['request r1 quit', 'close', 'quit']);

    const b = harness();
    b.guard.report({ dirty: true, closeGuard: true });
    b.guard.beforeQuit();
    b.guard.onClose();
    b.guard.onAnswer('r1', false);
    b.guard.onClose();
    expect(b.log).toEqual(['request r1 quit', 'request r2 close']);
  });

  it('repeated close clicks while the renderer thinks send one request; a stuck one gets a native question', async () => {
    const { guard, log, tick } = harness(true);
    guard.report({ dirty: true, closeGuard: true });
    guard.onClose();
    tick(1000);
    guard.onClose();
    expect(log).toEqual(['request r1 close']);
    tick(STALE_MS);
    guard.onClose();
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['request r1 close', 'native?', 'close']);
  });

  it('a hung renderer: the native question; "keep waiting" keeps the window', async () => {
    const { guard, log } = harness(false);
    guard.report({ dirty: true, closeGuard: true });
    guard.onClose();
    await guard.rendererUnresponsive();
    expect(log).toEqual(['request r1 close', 'native?']);
    // unresponsive without a pending request asks nothing
    const other = harness(true);
    await other.guard.rendererUnresponsive();
    expect(other.log).toEqual([]);
  });

  it('a crashed renderer cannot answer: a pending close goes through, later ones too', () => {
    const { guard, log } = harness();
    guard.report({ dirty: true, closeGuard: true });
    guard.onClose();
    guard.rendererCrashed();
    expect(log).toEqual(['request r1 close', 'close']);
    expect(guard.onClose()).toBe(true);
  });

  it('a reloaded page has reported nothing: no stale "unsaved" state keeps the window open', () => {
    const { guard } = harness();
    guard.report({ dirty: true, closeGuard: true });
    guard.pageLoaded();
    expect(guard.onClose()).toBe(true);
  });
});
