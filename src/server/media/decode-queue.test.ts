import { describe, expect, it } from 'vitest';
import { createDecodeQueue } from './decode-queue.js';

/** A job whose end the test controls, recording when it started. */
function gate() {
  let open: (value: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => {
    open = resolve;
  });
  const state = { startedAt: null as number | null };
  return {
    state,
    open,
    work: () => {
      state.startedAt = performance.now();
      return done;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createDecodeQueue', () => {
  it('runs one job at a time, in order, and joins a second request for the same key', async () => {
    const queue = createDecodeQueue<string>({ quietMs: 0, maxWaitMs: 0, whenClosed: 'closed' });
    const a = gate();
    const b = gate();
    const first = queue.run('a', 'now', a.work);
    const again = queue.run('a', 'now', () => Promise.resolve('never called'));
    const second = queue.run('b', 'now', b.work);
    await settle();
    expect(a.state.startedAt).not.toBeNull();
    expect(b.state.startedAt).toBeNull();
    a.open('A');
    expect(await first).toBe('A');
    expect(await again).toBe('A');
    await settle();
    expect(b.state.startedAt).not.toBeNull();
    b.open('B');
    expect(await second).toBe('B');
  });

  it('holds background jobs while an upload runs and for quietMs after it; a view runs meanwhile', async () => {
    const queue = createDecodeQueue<string>({ quietMs: 60, maxWaitMs: 60_000, whenClosed: 'closed' });
    queue.uploadStarted();
    const thumb = gate();
    const background = queue.run('thumb', 'background', thumb.work);
    const view = queue.run('preview', 'now', () => Promise.resolve('viewed'));
    expect(await view).toBe('viewed');
    await settle();
    expect(thumb.state.startedAt).toBeNull();
    queue.uploadEnded();
    const endedAt = performance.now();
    await settle();
    expect(thumb.state.startedAt).toBeNull();
    thumb.open('made');
    expect(await background).toBe('made');
    expect(thumb.state.startedAt! - endedAt).toBeGreaterThanOrEqual(55);
  });

  it('runs a background job at once when someone asks for it (promoted, same job)', async () => {
    const queue = createDecodeQueue<string>({ quietMs: 60_000, maxWaitMs: 60_000, whenClosed: 'closed' });
    queue.uploadStarted();
    let runs = 0;
    const background = queue.run('thumb', 'background', async () => {
      runs += 1;
      return 'made';
    });
    await settle();
    expect(runs).toBe(0);
    expect(await queue.run('thumb', 'now', () => Promise.resolve('other'))).toBe('made');
    expect(await background).toBe('made');
    expect(runs).toBe(1);
    await queue.close();
  });

  it('runs a background job that waited maxWaitMs even while uploads keep coming', async () => {
    const queue = createDecodeQueue<string>({ quietMs: 60_000, maxWaitMs: 50, whenClosed: 'closed' });
    queue.uploadStarted();
    const queuedAt = performance.now();
    const result = await queue.run('thumb', 'background', () => Promise.resolve('made anyway'));
    expect(result).toBe('made anyway');
    expect(performance.now() - queuedAt).toBeGreaterThanOrEqual(45);
  });

  it('on close, waits for the running job and resolves the others without starting them', async () => {
    const queue = createDecodeQueue<string>({ quietMs: 0, maxWaitMs: 0, whenClosed: 'closed' });
    const running = gate();
    const first = queue.run('a', 'now', running.work);
    let started = false;
    const second = queue.run('b', 'now', async () => {
      started = true;
      return 'b';
    });
    await settle();
    const closing = queue.close();
    expect(await second).toBe('closed');
    running.open('a');
    await closing;
    expect(await first).toBe('a');
    expect(started).toBe(false);
    expect(await queue.run('c', 'now', () => Promise.resolve('c'))).toBe('closed');
  });

  it('passes a failing job its error and goes on with the next', async () => {
    const queue = createDecodeQueue<string>({ quietMs: 0, maxWaitMs: 0, whenClosed: 'closed' });
    const failing = queue.run('a', 'now', () => Promise.reject(new Error('decode failed')));
    const next = queue.run('b', 'now', () => Promise.resolve('b'));
    await expect(failing).rejects.toThrow('decode failed');
    expect(await next).toBe('b');
  });
});
