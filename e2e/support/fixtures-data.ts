/** Data shared by the e2e stories: test photos and the one-lift, one-zone published checklist. */
import sharp from 'sharp';
import { type ApiCall, apiAs } from './api.js';
import type { Credentials } from './server.js';

/** A plain-colour JPEG of the given size (sharp's default quality, 80). */
export const testPhoto = (
  width: number,
  height: number,
  background: string | { r: number; g: number; b: number },
) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

/** The object-info field prefilled from the lift's identifier. */
export const INVENTORY_FIELD = {
  code: 'inventory',
  label: 'Заводской номер',
  fieldType: 'text',
  isRequired: true,
  prefillFrom: 'elevator.identifier',
};

interface Created {
  id: number;
  building?: { id: number };
}

/**
 * An approved lift (ул. Вавилова 19, ЗАВ-4821) and a published checklist: «Этажная площадка» /
 * «Двери шахты» with a score question 1.1 (0–3), a yes/no question 1.2 and the inventory field.
 * Returns the administrator's caller.
 */
export async function prepareLiftAndChecklist(
  baseURL: string,
  admin: Credentials,
  options: { notes: string; isDoorsQuestionCritical: boolean },
): Promise<ApiCall<Created>> {
  const call = await apiAs<Created>(baseURL, admin);
  const building = await call('POST', '/api/buildings', {
    city: 'Москва',
    street: 'ул. Вавилова',
    house: '19',
  });
  await call('POST', '/api/elevators', {
    buildingId: building.building?.id ?? building.id,
    entrance: '2',
    capacityKg: 630,
    identifier: 'ЗАВ-4821',
  });
  const category = await call('POST', '/api/checklists/categories', {
    code: 'hall',
    name: 'Этажная площадка',
  });
  const section = await call('POST', '/api/checklists/sections', {
    categoryId: category.id,
    title: 'Двери шахты',
  });
  await call('POST', '/api/checklists/questions', {
    sectionId: section.id,
    code: '1.1',
    text: 'Двери шахты закрываются плавно',
    type: 'score',
    maxScore: 3,
    criterionGroup: 'Безопасность',
    ...(options.isDoorsQuestionCritical ? { isCritical: true } : {}),
    options: [
      { score: 0, description: 'Не закрываются' },
      { score: 1, description: 'Закрываются с ударом' },
      { score: 2, description: 'Есть замечания' },
      { score: 3, description: 'Без замечаний' },
    ],
  });
  await call('POST', '/api/checklists/questions', {
    sectionId: section.id,
    code: '1.2',
    text: 'Кнопка вызова исправна',
    type: 'yes_no',
    criterionGroup: 'Комфорт',
  });
  await call('POST', '/api/checklists/object-info-fields', INVENTORY_FIELD);
  await call('POST', '/api/checklists/publish', { notes: options.notes });
  return call;
}
