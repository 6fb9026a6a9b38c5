import type { ChecklistContent, ContentField } from '../../../shared/checklists/content.js';
import { CAR } from './car.js';
import { DOCUMENTATION, ELECTRICAL } from './electrical-docs.js';
import { LANDINGS, SAFETY_DEVICES } from './landings-safety.js';
import { MACHINE_ROOM } from './machine-room.js';
import { RESCUE_ZONE } from './rescue.js';
import { PIT, SHAFT } from './shaft-pit.js';

type Field = Omit<ContentField, 'position'>;
const field = (
  code: string,
  label: string,
  fieldType: ContentField['fieldType'],
  extra: Partial<Pick<Field, 'isRequired' | 'choices' | 'prefillFrom'>> = {},
): Field => ({
  code,
  label,
  fieldType,
  isRequired: extra.isRequired ?? false,
  choices: extra.choices ?? [],
  prefillFrom: extra.prefillFrom ?? null,
});

const OBJECT_INFO: Field[] = [
  field('inspection_date', 'Дата осмотра', 'date', { isRequired: true }),
  field('factory_number', 'Заводской номер', 'text', {
    isRequired: true,
    prefillFrom: 'elevator.identifier',
  }),
  field('registration_number', 'Регистрационный номер', 'text'),
  field('entrance', 'Подъезд', 'text', { prefillFrom: 'elevator.entrance' }),
  field('manufacturer', 'Изготовитель', 'text'),
  field('commissioning_year', 'Год ввода в эксплуатацию', 'number', { isRequired: true }),
  field('capacity_kg', 'Грузоподъёмность, кг', 'number', {
    isRequired: true,
    prefillFrom: 'elevator.capacityKg',
  }),
  field('stops', 'Количество остановок', 'number', { isRequired: true, prefillFrom: 'elevator.stops' }),
  field('speed', 'Номинальная скорость, м/с', 'number'),
  field('drive_type', 'Тип привода', 'select', {
    isRequired: true,
    choices: ['Электрический редукторный', 'Электрический безредукторный', 'Гидравлический'],
  }),
  field('machine_room', 'Машинное помещение', 'select', {
    choices: ['Верхнее', 'Нижнее', 'Без машинного помещения'],
  }),
  field('door_type', 'Тип дверей', 'select', {
    choices: [
      'Автоматические центрального открывания',
      'Автоматические телескопические',
      'Распашные (ручные)',
    ],
  }),
  field('maintenance_org', 'Обслуживающая организация', 'text', { isRequired: true }),
  field('last_exam_date', 'Дата последнего технического освидетельствования', 'date'),
  field('dispatch_connected', 'Подключён к диспетчерской системе', 'boolean'),
  field('modernized', 'Лифт модернизирован', 'boolean'),
];

/** The starter checklist: zones of a lift with graded questions, and the object-info form. */
export const STARTER_CHECKLIST: ChecklistContent = {
  categories: [
    MACHINE_ROOM,
    CAR,
    SHAFT,
    PIT,
    LANDINGS,
    SAFETY_DEVICES,
    ELECTRICAL,
    DOCUMENTATION,
    RESCUE_ZONE,
  ].map((c, position) => ({ ...c, position })),
  objectInfoFields: OBJECT_INFO.map((f, position) => ({ ...f, position })),
};
