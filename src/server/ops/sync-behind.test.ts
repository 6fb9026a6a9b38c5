import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fsyncPath } from './files.js';
import { type SyncOne, syncBehind } from './sync-behind.js';

const dir = mkdtempSync(path.join(tmpdir(), 'souzlift-sync-behind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, name);
  return target;
}

/** The real fsync, recording which files were synced and how many ran at once. */
function recordingSync(fail?: string) {
  const synced: string[] = [];
  const state = { inFlight: 0, maxInFlight: 0 };
  const syncOne: SyncOne = async (f) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (f === fail) throw Object.assign(new Error(`EIO: ${f}`), { code: 'EIO' });
      await fsyncPath(f);
      synced.push(path.basename(f));
    } finally {
      state.inFlight -= 1;
    }
  };
  return { synced, state, syncOne };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(condition()).toBe(true);
}

describe('syncBehind', () => {
  it('fsyncs handed-over files while the writer goes on, in order with one in flight; finish() syncs the rest', async () => {
    const { synced, state, syncOne } = recordingSync();
    const syncs = syncBehind(syncOne, 1);
    syncs.add(file('a'));
    syncs.add(file('b'));
    await until(() => synced.length === 2); // before finish(): behind the writer
    for (const name of ['c', 'd', 'e']) syncs.add(file(name));
    await syncs.finish([file('sums')]);
    expect(synced).toEqual(['a', 'b', 'c', 'd', 'e', 'sums']);
    expect(state.maxInFlight).toBe(1);
    expect(() => syncs.add(file('late'))).toThrow(/after finish/);
  });

  it('runs many fsyncs at once by default, and finish() waits for all of them', async () => {
    const { synced, state, syncOne } = recordingSync();
    const syncs = syncBehind(syncOne);
    const names = Array.from({ length: 40 }, (_, i) => `m${i}`);
    for (const name of names) syncs.add(file(name));
    await syncs.finish([file('sums')]);
    expect([...synced].sort()).toEqual([...names, 'sums'].sort());
    expect(state.maxInFlight).toBeGreaterThan(1);
    expect(state.maxInFlight).toBeLessThanOrEqual(16);
  });

  it('a failed fsync is thrown by finish(), and no file after it is taken for synced', async () => {
    const { synced, syncOne } = recordingSync(path.join(dir, 'bad'));
    const syncs = syncBehind(syncOne, 1);
    syncs.add(file('ok'));
    syncs.add(file('bad'));
    syncs.add(file('after'));
    await expect(syncs.finish([file('sums2')])).rejects.toThrow(/EIO: .*bad/);
    expect(synced).toEqual(['ok']);
  });

  it('abandon() starts no more fsyncs and waits for the one in flight', async () => {
    let release: () => void = () => undefined;
    const started: string[] = [];
    const syncs = syncBehind(async (f) => {
      started.push(path.basename(f));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }, 1);
    syncs.add(file('first'));
    syncs.add(file('second'));
    let abandoned = false;
    const done = syncs.abandon().then(() => {
      abandoned = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(abandoned).toBe(false); // the fsync of `first` is still running
    release();
    await done;
    expect(started).toEqual(['first']);
  });
});
