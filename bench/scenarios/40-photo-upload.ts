import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { largeJpeg } from '../lib/images.js';
import { Prng } from '../lib/prng.js';
import { budget, missing, pct, registerScenario } from '../lib/registry.js';
import { rssMb, settleDisk } from '../lib/server.js';

const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

/**
 * Raw baseline: write the same bytes to `times` new files on the media filesystem, fsync each, and
 * keep them all until the end — what the server does with photos. With `removeEach`, every file is
 * removed right after its fsync (the measure used until 2026-11-28): on this VM's disk that is 4–5×
 * faster than writing files that stay (≈ 5 against ≈ 23 ms per 8 MB), faster even than receiving the
 * body over loopback without writing it (≈ 16 ms), so it is kept for comparison only.
 */
function rawWriteMbPerS(dir: string, data: Buffer, times: number, removeEach: boolean): number {
  const files: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < times; i++) {
    const file = path.join(dir, `bench-raw-${i}.bin`);
    const fd = openSync(file, 'w');
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off);
    fsyncSync(fd);
    closeSync(fd);
    if (removeEach) rmSync(file);
    else files.push(file);
  }
  const mbPerS = (data.length * times) / 2 ** 20 / ((performance.now() - t0) / 1000);
  for (const file of files) rmSync(file);
  return mbPerS;
}

registerScenario({
  id: 'photo-upload',
  title: 'Загрузка фото 8 МБ: пропускная способность против записи+fsync, рост RSS',
  order: 40,
  async run(ctx) {
    // The auditor with the most open audits (photos go only to audits still being filled in).
    const owner = ctx.db
      .prepare(
        `select u.username from audits a join users u on u.id = a.created_by
         where a.status in ('draft', 'in_progress') group by u.id order by count(*) desc, u.id limit 1`,
      )
      .pluck()
      .get() as string | undefined;
    if (!owner) return missing('в наборе нет открытых аудитов');
    const session = await ctx.auditorSession(ctx.manifest.auditors.indexOf(owner) + 1);
    const audits = ctx.db
      .prepare(
        `select a.uuid, 100 - (select count(*) from audit_attachments t where t.audit_id = a.id) as room
         from audits a join users u on u.id = a.created_by
         where u.username = ? and a.status in ('draft', 'in_progress') order by a.id`,
      )
      .all(owner) as Array<{ uuid: string; room: number }>;
    const uploads = ctx.quick ? 5 : 100;
    const photo = await largeJpeg(new Prng(8), MAX_PHOTO_BYTES);
    const target = (i: number) => {
      let n = i;
      for (const a of audits) {
        if (n < a.room - 5) return a.uuid;
        n -= a.room - 5;
      }
      return null;
    };
    const upload = (uuid: string) =>
      session.request('POST', `/api/audits/${uuid}/attachments`, {
        raw: photo.data,
        headers: { 'content-type': 'image/jpeg' },
      });
    const attachmentOf = (json: unknown) =>
      (json as { attachment?: { uuid?: string } } | null)?.attachment?.uuid;

    const first = await upload(audits[0]!.uuid);
    if (
      first.status === 404 &&
      (first.json as { error?: { code?: string } } | null)?.error?.code === 'request.not_found'
    ) {
      return missing('нет ещё: POST /api/audits/:uuid/attachments отвечает 404');
    }
    if (first.status !== 201)
      return {
        status: 'error',
        note: `загрузка → ${first.status} ${JSON.stringify(first.json).slice(0, 200)}`,
        metrics: {},
        budgets: [],
      };

    settleDisk();
    await new Promise((r) => setTimeout(r, 500));
    const rssBefore = rssMb(ctx.serverPid) ?? 0;
    let peak = rssBefore;
    let failures = 0;
    const times: number[] = [];
    const uploaded: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < uploads; i++) {
      const uuid = target(i + 1);
      if (!uuid) break;
      const res = await upload(uuid);
      if (res.status !== 201) failures += 1;
      else uploaded.push(attachmentOf(res.json) ?? '');
      times.push(res.ms);
      peak = Math.max(peak, rssMb(ctx.serverPid) ?? 0);
    }
    const seconds = (performance.now() - t0) / 1000;
    // Thumbnails are made in the background once uploads stop; a view makes its own at once. Every
    // thumbnail is asked for (made or waited for) before RSS and the raw baseline are read, so
    // neither is measured while decodes still run.
    const tThumbs = performance.now();
    for (const uuid of uploaded) {
      const thumb = await session.request('GET', `/api/attachments/${uuid}/thumb`);
      if (thumb.status !== 200) failures += 1;
      peak = Math.max(peak, rssMb(ctx.serverPid) ?? 0);
    }
    const thumbsBacklogS = (performance.now() - tThumbs) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssMb(ctx.serverPid) ?? 0;
    const uploadMbS = (photo.size * times.length) / 2 ** 20 / seconds;
    const mediaDir = path.join(ctx.workDir, 'media');
    const rawMbS = rawWriteMbPerS(mediaDir, photo.data, Math.max(3, times.length), false);
    const rawRemovedMbS = rawWriteMbPerS(mediaDir, photo.data, ctx.quick ? 3 : 10, true);
    const growth = rssAfter - rssBefore;
    const sorted = [...times].sort((a, b) => a - b);
    return {
      status: 'measured',
      note: `${times.length} загрузок JPEG ${(photo.size / 2 ** 20).toFixed(2)} МБ (${photo.width}×${photo.height}) одна за другой; в запросе сервер проверяет заголовок и структуру файла без декодирования, миниатюры делает в фоне, когда загрузки стихли (все ${uploaded.length} готовы через ${thumbsBacklogS.toFixed(1)} с после последней загрузки, до замера RSS)`,
      metrics: {
        uploads: times.length,
        photoBytes: photo.size,
        uploadMbPerS: Number(uploadMbS.toFixed(1)),
        rawWriteFsyncMbPerS: Number(rawMbS.toFixed(1)),
        rawWriteFsyncRemovedMbPerS: Number(rawRemovedMbS.toFixed(1)),
        p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        thumbsBacklogS: Number(thumbsBacklogS.toFixed(2)),
        errors: failures,
        rssMb: Math.round(rssAfter),
        rssBeforeMb: Math.round(rssBefore),
        peakRssMb: Math.round(peak),
        rssGrowthMb: Number(growth.toFixed(1)),
      },
      budgets: [
        budget(
          'upload.throughput',
          'Загрузка фото 8 МБ: ≥ 50 % скорости записи+fsync',
          '≥ 50 %',
          `${pct(uploadMbS / rawMbS)} (${uploadMbS.toFixed(1)} из ${rawMbS.toFixed(1)} МБ/с; с удалением каждого файла ${rawRemovedMbS.toFixed(1)} — ${pct(uploadMbS / rawRemovedMbS)})`,
          failures === 0 && uploadMbS >= 0.5 * rawMbS,
        ),
        budget(
          'upload.rss',
          `RSS сервера за ${times.length} загрузок растёт < 50 МБ`,
          '< 50 MB',
          `${growth.toFixed(1)} MB (пик ${Math.round(peak)} MB)`,
          failures === 0 && growth < 50,
        ),
      ],
    };
  },
});
