import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { AppContext } from '../../src/server/context.js';
import { addressKey, buildingSearchText, elevatorSearchText } from '../../src/shared/catalog/address.js';
import type { ChecklistSnapshot, SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient } from './app.js';

let counter = 0;
const now = () => new Date('2026-03-01T08:00:00.000Z').toISOString();

/** A building with one elevator, approved unless asked otherwise. */
export async function buildElevator(
  ctx: AppContext,
  over: {
    reviewStatus?: 'pending' | 'approved' | 'rejected';
    createdBy?: number | null;
    street?: string;
  } = {},
) {
  counter += 1;
  const street = over.street ?? `ул. Лесная ${counter}`;
  const address = { city: 'Москва', street, house: String(counter) };
  const building = await ctx.db
    .insertInto('buildings')
    .values({
      uuid: randomUUID(),
      city: 'Москва',
      street,
      house: String(counter),
      searchText: buildingSearchText(address),
      addressKey: addressKey(address),
      notes: null,
      reviewStatus: over.reviewStatus ?? 'approved',
      reviewNote: null,
      mergedIntoId: null,
      createdBy: over.createdBy ?? null,
      verifiedBy: null,
      verifiedAt: null,
      createdAt: now(),
      updatedAt: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const elevator = await ctx.db
    .insertInto('elevators')
    .values({
      uuid: randomUUID(),
      buildingId: building.id,
      entrance: '1',
      capacityKg: 400,
      stops: 9,
      identifier: `ЗАВ-${counter}`,
      description: null,
      status: 'active',
      searchText: elevatorSearchText(address, {
        entrance: '1',
        identifier: `ЗАВ-${counter}`,
        capacityKg: 400,
      }),
      reviewStatus: over.reviewStatus ?? 'approved',
      reviewNote: null,
      mergedIntoId: null,
      createdBy: over.createdBy ?? null,
      verifiedBy: null,
      verifiedAt: null,
      createdAt: now(),
      updatedAt: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { building, elevator };
}

interface QuestionSpec {
  type: 'score' | 'yes_no' | 'text';
  maxScore?: number | null;
  weight?: number;
  isCritical?: boolean;
  requiresCommentWhenReduced?: boolean;
  criterionGroup?: string | null;
  options?: number[];
}

const DEFAULT_QUESTIONS: Array<{ category: string; section: string; questions: QuestionSpec[] }> = [
  {
    category: 'Холл',
    section: 'Двери шахты',
    questions: [
      { type: 'score', maxScore: 3, weight: 2, isCritical: true, criterionGroup: 'Безопасность' },
      { type: 'score', maxScore: 3, criterionGroup: 'Комфорт' },
      { type: 'yes_no', maxScore: 1, criterionGroup: 'Безопасность' },
    ],
  },
  {
    category: 'Кабина',
    section: 'Освещение',
    questions: [{ type: 'text', maxScore: null, criterionGroup: null }],
  },
];

/**
 * Inserts checklist rows (the draft tables audit answers reference) and publishes them as a
 * `checklist_versions` row whose snapshot is built here, as the checklist builder would.
 */
export async function publishChecklist(
  ctx: AppContext,
  publishedBy: number,
  layout = DEFAULT_QUESTIONS,
): Promise<{
  versionId: number;
  number: number;
  snapshot: ChecklistSnapshot;
  questions: SnapshotQuestion[];
}> {
  counter += 1;
  const categories: ChecklistSnapshot['categories'] = [];
  const questions: SnapshotQuestion[] = [];
  for (const [ci, cat] of layout.entries()) {
    const category = await ctx.db
      .insertInto('checklistCategories')
      .values({
        code: `c${counter}_${ci}`,
        name: cat.category,
        position: ci,
        isActive: 1,
        createdAt: now(),
        updatedAt: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const section = await ctx.db
      .insertInto('checklistSections')
      .values({
        categoryId: category.id,
        title: cat.section,
        description: null,
        position: 0,
        isActive: 1,
        createdAt: now(),
        updatedAt: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const sectionQuestions: SnapshotQuestion[] = [];
    for (const [qi, spec] of cat.questions.entries()) {
      const code = `${ci + 1}.${qi + 1}`;
      const row = await ctx.db
        .insertInto('checklistQuestions')
        .values({
          sectionId: section.id,
          code: `${code}-${counter}`,
          text: `Проверка ${code}`,
          criterionGroup: spec.criterionGroup ?? null,
          type: spec.type,
          maxScore: spec.maxScore ?? null,
          weight: spec.weight ?? 1,
          requiresCommentWhenReduced: spec.requiresCommentWhenReduced === false ? 0 : 1,
          isCritical: spec.isCritical ? 1 : 0,
          position: qi,
          guideline: null,
          isActive: 1,
          createdAt: now(),
          updatedAt: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const options =
        spec.type === 'score'
          ? (spec.options ?? [0, 1, 2, 3]).map((s) => ({ score: s, description: `Оценка ${s}` }))
          : [];
      const question: SnapshotQuestion = {
        id: row.id,
        code,
        text: row.text,
        criterionGroup: row.criterionGroup,
        type: spec.type,
        maxScore: row.maxScore,
        weight: row.weight,
        guideline: null,
        requiresCommentWhenReduced: row.requiresCommentWhenReduced === 1,
        isCritical: row.isCritical === 1,
        position: qi,
        options,
      };
      sectionQuestions.push(question);
      questions.push(question);
    }
    categories.push({
      id: category.id,
      code: category.code,
      name: category.name,
      position: ci,
      sections: [
        { id: section.id, title: section.title, description: null, position: 0, questions: sectionQuestions },
      ],
    });
  }
  const snapshot: ChecklistSnapshot = {
    categories,
    objectInfoFields: [
      {
        id: 1,
        code: 'inventory',
        label: 'Заводской номер',
        fieldType: 'text',
        isRequired: true,
        choices: [],
        prefillFrom: 'elevator.identifier',
        position: 1,
      },
      {
        id: 2,
        code: 'capacity',
        label: 'Грузоподъёмность, кг',
        fieldType: 'number',
        isRequired: true,
        choices: [],
        prefillFrom: 'elevator.capacityKg',
        position: 2,
      },
      {
        id: 3,
        code: 'drive',
        label: 'Тип привода',
        fieldType: 'select',
        isRequired: false,
        choices: ['электрический', 'гидравлический'],
        prefillFrom: null,
        position: 3,
      },
    ],
  };
  const last = await ctx.db
    .selectFrom('checklistVersions')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const version = await ctx.db
    .insertInto('checklistVersions')
    .values({ number, snapshot: JSON.stringify(snapshot), publishedBy, publishedAt: now(), notes: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { versionId: version.id, number, snapshot, questions };
}

/** Creates an audit through the API and returns its uuid (fails the test on a non-201). */
export async function createAudit(
  client: ApiClient,
  elevatorId: number,
  extra: Record<string, unknown> = {},
) {
  const uuid = randomUUID();
  const res = await client.post('/api/audits', { uuid, elevatorId, ...extra });
  if (res.statusCode !== 201) throw new Error(`create audit failed: ${res.statusCode} ${res.body}`);
  return uuid;
}

/** A real JPEG (a gradient, so it compresses like a photo), optionally with EXIF orientation and GPS. */
export function jpegImage(
  width = 800,
  height = 600,
  opts: { gps?: boolean; orientation?: number } = {},
): Promise<Buffer> {
  let img = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } });
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  if (opts.gps) {
    img = img.withExif({
      IFD0: { Make: 'TestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 45/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '37/1 37/1 0/1',
      },
    });
  }
  return img.jpeg({ quality: 85 }).toBuffer();
}

export function pngImage(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** A real PNG of random noise just over `bytes` (noise does not compress). */
export async function noisePng(bytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(bytes / 3)) + 16;
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** Whether a JPEG's EXIF holds a GPS IFD pointer (tag 0x8825). */
export async function hasGps(image: Buffer): Promise<boolean> {
  const { exif } = await sharp(image).metadata();
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

export function uploadPhoto(
  client: ApiClient,
  auditUuid: string,
  body: Buffer,
  query: Record<string, string | number> = {},
  contentType = 'image/jpeg',
) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return client.request({
    method: 'POST',
    url: `/api/audits/${auditUuid}/attachments${qs ? `?${qs}` : ''}`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}
