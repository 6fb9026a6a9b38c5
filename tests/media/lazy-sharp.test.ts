import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

// A fresh process: which native packages the whole app loads can only be seen from a clean start.
const SCRIPT = `
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createTestApp } from './tests/helpers/app.ts';
// The native library mapped into the process: what costs resident memory, however it was imported.
const libvips = () => readFileSync('/proc/self/maps', 'utf8').includes('libvips');
const t = await createTestApp();
const atStart = libvips();
const { createMediaStorage } = await import('./src/server/media/storage.ts');
const storage = createMediaStorage({ mediaDir: path.join(t.dir, 'media'), ids: randomUUID, maxBytes: 8 << 20, maxPixels: 50e6, log: t.ctx.log });
const afterStorage = libvips();
const { default: sharp } = await import('sharp');
const defaults = { items: sharp.cache().items.max, concurrency: sharp.concurrency() };
const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } }).jpeg().toBuffer();
const stored = await storage.storeImage(Readable.from([jpeg]));
const configured = { items: sharp.cache().items.max, memory: sharp.cache().memory.max, concurrency: sharp.concurrency() };
await t.close();
process.stdout.write(JSON.stringify({ atStart, afterStorage, defaults, configured, stored: { mime: stored.mime, width: stored.width, height: stored.height } }));
`;

describe('sharp (libvips) is loaded with the first photo, not at start', () => {
  it('the built app and the media storage do not load it; the first photo does, with its cache off', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(out.atStart).toBe(false);
    expect(out.afterStorage).toBe(false);
    // Before the first photo sharp has libvips' defaults; the storage's loader turned them off.
    expect(out.defaults).not.toEqual({ items: 0, concurrency: 1 });
    expect(out.configured).toEqual({ items: 0, memory: 0, concurrency: 1 });
    expect(out.stored).toEqual({ mime: 'image/jpeg', width: 64, height: 48 });
  });
});
