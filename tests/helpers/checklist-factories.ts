import { expect } from 'vitest';
import type { ApiClient } from './app.js';

export interface SmallChecklist {
  categoryId: number;
  sectionId: number;
  questionId: number;
  fieldId: number;
}

let counter = 0;

/** POSTs and returns the created id, failing the test with the body otherwise. */
export async function createId(client: ApiClient, url: string, body: unknown): Promise<number> {
  const res = await client.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

/** A publishable draft through the API: one zone, one section, one graded question and one field. */
export async function buildSmallChecklist(client: ApiClient, prefix = ''): Promise<SmallChecklist> {
  counter += 1;
  const p = prefix || `T${counter}`;
  const categoryId = await createId(client, '/api/checklists/categories', { code: `${p}-Z`, name: 'Кабина' });
  const sectionId = await createId(client, '/api/checklists/sections', { categoryId, title: 'Двери кабины' });
  const questionId = await createId(client, '/api/checklists/questions', {
    sectionId,
    code: `${p}-Q1`,
    text: 'Реверс дверей кабины при встрече с препятствием',
    type: 'score',
    criterionGroup: 'Безопасность',
    isCritical: true,
    options: [
      { score: 0, description: 'Двери не реверсируют' },
      { score: 1, description: 'Реверс с задержкой' },
      { score: 2, description: 'Реверс срабатывает сразу' },
    ],
  });
  const fieldId = await createId(client, '/api/checklists/object-info-fields', {
    code: `${p}-factory`,
    label: 'Заводской номер',
    fieldType: 'text',
    isRequired: true,
    prefillFrom: 'elevator.identifier',
  });
  return { categoryId, sectionId, questionId, fieldId };
}

export async function publish(client: ApiClient, notes?: string) {
  return client.post('/api/checklists/publish', notes === undefined ? {} : { notes });
}
