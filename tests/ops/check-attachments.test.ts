import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { addStoredPhoto, migratedDataDir, seedAudit } from '../helpers/ops-factories.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('souzlift check-attachments', () => {
  it('finds missing, wrong-size, corrupted and orphan files, and quarantines only the orphans', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const audit = seedAudit(data.db);
    const good = addStoredPhoto(data, audit);
    const missing = addStoredPhoto(data, audit);
    const corrupted = addStoredPhoto(data, audit);
    const truncated = addStoredPhoto(data, audit);
    unlinkSync(missing.file);
    const bytes = readFileSync(corrupted.file);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    writeFileSync(corrupted.file, bytes);
    truncateSync(truncated.file, 100);
    // Derived files of a known photo are not orphans; a file nobody refers to is.
    const thumb = path.join(data.media, 'thumbs', good.uuid.slice(0, 2), `${good.uuid}.webp`);
    mkdirSync(path.dirname(thumb), { recursive: true });
    writeFileSync(thumb, 'thumb');
    // The media domain names files by its own ids: previews/thumbs derive from the original's key.
    const png = addStoredPhoto(data, audit, Buffer.from('png bytes'), 'originals/cd/f00d.png');
    const preview = path.join(data.media, 'previews/cd/f00d.jpg');
    mkdirSync(path.dirname(preview), { recursive: true });
    writeFileSync(preview, 'preview');
    const orphanRel = `originals/zz/${randomUUID()}.jpg`;
    mkdirSync(path.join(data.media, 'originals/zz'), { recursive: true });
    writeFileSync(path.join(data.media, orphanRel), 'nobody knows me');
    const uploading = path.join(data.media, 'originals/zz/upload.jpg.part');
    writeFileSync(uploading, 'half a photo');

    const res = runCli(['check-attachments', '--json'], data.env);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/отсутствуют 1, неверный размер 1, повреждены 1/);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ stored: 5, ok: 2, derived: 2, inFlight: 1, orphans: [orphanRel] });
    expect(report.missing.map((p: { uuid: string }) => p.uuid)).toEqual([missing.uuid]);
    expect(report.wrongSize.map((p: { uuid: string }) => p.uuid)).toEqual([truncated.uuid]);
    expect(report.corrupted.map((p: { uuid: string }) => p.uuid)).toEqual([corrupted.uuid]);

    const text = runCli(['check-attachments', '--quarantine-orphans'], data.env);
    expect(text.stdout).toContain(`ОТСУТСТВУЕТ ${missing.storageKey}`);
    expect(text.stdout).toContain(`ПОВРЕЖДЁН  ${corrupted.storageKey}`);
    expect(text.stdout).toContain(`СИРОТА     ${orphanRel}`);
    const moved = /Лишние файлы перенесены в (.+)\./.exec(text.stdout)?.[1] ?? '';
    expect(readFileSync(path.join(moved, orphanRel), 'utf8')).toBe('nobody knows me');
    expect(existsSync(path.join(data.media, orphanRel))).toBe(false);
    expect(existsSync(thumb)).toBe(true);
    expect(existsSync(uploading)).toBe(true);
    expect(existsSync(good.file)).toBe(true);
    expect(existsSync(preview)).toBe(true);
    expect(existsSync(png.file)).toBe(true);
  });

  it('passes (exit 0) when every stored photo is in place', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const audit = seedAudit(data.db);
    addStoredPhoto(data, audit);
    addStoredPhoto(data, audit);
    const res = runCli(['check-attachments'], data.env);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Вложений со статусом stored: 2, в порядке: 2.');
  });
});
