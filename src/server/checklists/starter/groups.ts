import type { CriterionGroup } from '../../../shared/checklists/snapshot.schema.js';

export const SAFETY: CriterionGroup = 'Безопасность';
export const TECH: CriterionGroup = 'Техническое состояние';
export const COMFORT: CriterionGroup = 'Комфорт';
export const SERVICE: CriterionGroup = 'Эстетика и сервис';
export const RESCUE: CriterionGroup = 'Оповещение и освобождение';
