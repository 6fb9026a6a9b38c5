import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { apiAs, createAuditor } from './support/api.js';
import { prepareLiftAndChecklist, testPhoto } from './support/fixtures-data.js';
import { logIn } from './support/login.js';
import { expect, test } from './support/server.js';

/**
 * A JPEG whose header and structure are whole but whose scan names a Huffman table that was never
 * defined: the server stores it (its bytes are what the device had) and cannot make its thumbnail.
 */
async function undecodablePhoto(): Promise<Buffer> {
  const jpeg = Buffer.from(await testPhoto(640, 480, { r: 90, g: 140, b: 60 }));
  let at = 2;
  while (jpeg[at + 1] !== 0xda) at += 2 + jpeg.readUInt16BE(at + 2);
  jpeg[at + 6] = 0x33; // the first component's DC/AC tables → 3/3, never defined
  await expect(sharp(jpeg).toBuffer()).rejects.toThrow(/Huffman table/);
  return jpeg;
}

interface Json {
  items: Array<{ id: number }>;
  snapshot: { categories: Array<{ sections: Array<{ questions: Array<{ id: number; type: string }> }> }> };
  attachment: { uuid: string };
}

test('a stored photo the server cannot show reads «Не удалось показать фото» on the audit card and in print; its original still downloads', async ({
  browser,
  app,
}) => {
  const admin = await app.createAdmin('photos.admin');
  const call = await prepareLiftAndChecklist(app.url, admin, {
    notes: 'e2e photos',
    isDoorsQuestionCritical: false,
  });
  const adminApi = await apiAs<Json>(app.url, admin);
  const questions = (await adminApi('GET', '/api/checklists/versions/latest')).snapshot.categories[0]!
    .sections[0]!.questions;
  const elevatorId = (await adminApi('GET', '/api/elevators?pageSize=5')).items[0]!.id;
  const auditorUser = await createAuditor(call, app.url, {
    username: 'sidorov.p',
    fullName: 'Сидоров Павел',
    password: 'Фото-Не-Открылось-2026',
  });
  const auditor = await apiAs<Json>(app.url, auditorUser);
  const uuid = randomUUID();
  await auditor('POST', '/api/audits', { uuid, elevatorId });
  const [doors, button] = questions;
  await auditor('PUT', `/api/audits/${uuid}/responses/${doors!.id}`, { score: 3 });
  await auditor('PUT', `/api/audits/${uuid}/responses/${button!.id}`, { yesNo: true });
  const upload = `/api/audits/${uuid}/attachments?questionId=${doors!.id}`;
  await auditor('POST', upload, undefined, await testPhoto(640, 480, { r: 200, g: 80, b: 40 }));
  const broken = await undecodablePhoto();
  const brokenUuid = (await auditor('POST', upload, undefined, broken)).attachment.uuid;
  await auditor('POST', `/api/audits/${uuid}/submit`);

  const page = await logIn(browser, app, admin);
  await page.goto(`/admin/audits/${uuid}`);
  const good = page.getByTestId('photo-thumb');
  await expect(good).toHaveCount(1);
  await expect.poll(() => good.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  const unavailable = page.getByTestId('photo-unavailable');
  await expect(unavailable).toHaveCount(1);
  await expect(unavailable).toHaveText('Не удалось показать фото');

  // The viewer says the same for the preview and still links the original, byte for byte.
  await unavailable.click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByTestId('photo-unavailable')).toHaveText('Не удалось показать фото');
  const original = viewer.getByRole('link', { name: 'Оригинал' });
  await expect(original).toHaveAttribute('href', `/api/attachments/${brokenUuid}`);
  const download = await page.request.get(`/api/attachments/${brokenUuid}`);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(broken)).toBe(true);
  await page.keyboard.press('Escape');

  await page.goto(`/audits/${uuid}/print`);
  const report = page.getByTestId('audit-print');
  await expect(report.locator('.pr-photos img')).toHaveCount(1);
  await expect(report.getByTestId('photo-unavailable')).toHaveText('Не удалось показать фото');
});
