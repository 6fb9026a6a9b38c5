import { z } from 'zod';
import { pageOf, pageQueryFields } from '../pagination.js';

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ReviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

export const ELEVATOR_STATUSES = ['active', 'decommissioned'] as const;
export const ElevatorStatusSchema = z.enum(ELEVATOR_STATUSES);
export type ElevatorStatus = z.infer<typeof ElevatorStatusSchema>;

export const CAPACITY_MIN_KG = 50;
export const CAPACITY_MAX_KG = 20_000;
export const STOPS_MIN = 2;
export const STOPS_MAX = 200;

const requiredText = (max: number, message: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Не длиннее ${max} символов.`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Не длиннее ${max} символов.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const capacity = z
  .number({ error: 'Грузоподъёмность — целое число килограммов.' })
  .int('Грузоподъёмность — целое число килограммов.')
  .min(CAPACITY_MIN_KG, `Грузоподъёмность не меньше ${CAPACITY_MIN_KG} кг.`)
  .max(CAPACITY_MAX_KG, `Грузоподъёмность не больше ${CAPACITY_MAX_KG} кг.`)
  .nullable()
  .optional();

const stops = z
  .number({ error: 'Число остановок — целое число.' })
  .int('Число остановок — целое число.')
  .min(STOPS_MIN, `Остановок не меньше ${STOPS_MIN}.`)
  .max(STOPS_MAX, `Остановок не больше ${STOPS_MAX}.`)
  .nullable()
  .optional();

const buildingFields = {
  city: requiredText(100, 'Укажите город.'),
  street: requiredText(200, 'Укажите улицу.'),
  house: requiredText(30, 'Укажите номер дома.'),
  notes: optionalText(2000),
};

export const CreateBuildingSchema = z.strictObject(buildingFields);
export type CreateBuilding = z.infer<typeof CreateBuildingSchema>;

export const UpdateBuildingSchema = z
  .strictObject(buildingFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Нет полей для изменения.');
export type UpdateBuilding = z.infer<typeof UpdateBuildingSchema>;

const elevatorFields = {
  entrance: optionalText(20),
  capacityKg: capacity,
  stops,
  identifier: optionalText(60),
  description: optionalText(2000),
};

export const CreateElevatorSchema = z.strictObject({
  buildingId: z.number({ error: 'Выберите здание.' }).int().positive('Выберите здание.'),
  ...elevatorFields,
});
export type CreateElevator = z.infer<typeof CreateElevatorSchema>;

export const UpdateElevatorSchema = z
  .strictObject({ buildingId: CreateElevatorSchema.shape.buildingId, ...elevatorFields })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Нет полей для изменения.');
export type UpdateElevator = z.infer<typeof UpdateElevatorSchema>;

export const IdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });

/** `mine=true`: the caller's own records of every review status (rejected ones with the reason). */
const listFilters = {
  q: z.string().trim().max(200).optional(),
  reviewStatus: ReviewStatusSchema.optional(),
  city: z.string().trim().max(100).optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...pageQueryFields(),
};

export const ListBuildingsQuerySchema = z.strictObject(listFilters);
export type ListBuildingsQuery = z.infer<typeof ListBuildingsQuerySchema>;

export const ListElevatorsQuerySchema = z.strictObject({
  ...listFilters,
  status: ElevatorStatusSchema.optional(),
  buildingId: z.coerce.number().int().positive().optional(),
});
export type ListElevatorsQuery = z.infer<typeof ListElevatorsQuerySchema>;

export const AutocompleteQuerySchema = z.strictObject({ q: z.string().trim().max(200).default('') });

export const RejectSchema = z.strictObject({
  reason: requiredText(1000, 'Укажите причину отклонения.'),
});
export type Reject = z.infer<typeof RejectSchema>;

export const MergeSchema = z.strictObject({
  targetId: z.number({ error: 'Выберите запись, которую нужно оставить.' }).int().positive(),
});
export type Merge = z.infer<typeof MergeSchema>;

export const BuildingDtoSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  city: z.string(),
  street: z.string(),
  house: z.string(),
  /** «Москва, ул. Ленина, д. 5». */
  address: z.string(),
  notes: z.string().nullable(),
  reviewStatus: ReviewStatusSchema,
  /** The reason of a rejection, shown to the author. */
  reviewNote: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  elevatorCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BuildingDto = z.infer<typeof BuildingDtoSchema>;

export const ElevatorDtoSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  buildingId: z.number(),
  city: z.string(),
  street: z.string(),
  house: z.string(),
  address: z.string(),
  buildingReviewStatus: ReviewStatusSchema,
  /** «ул. Ленина, д. 5, подъезд 2, 400 кг». */
  label: z.string(),
  entrance: z.string().nullable(),
  capacityKg: z.number().nullable(),
  stops: z.number().nullable(),
  identifier: z.string().nullable(),
  description: z.string().nullable(),
  status: ElevatorStatusSchema,
  reviewStatus: ReviewStatusSchema,
  reviewNote: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ElevatorDto = z.infer<typeof ElevatorDtoSchema>;

export const BuildingListSchema = pageOf(BuildingDtoSchema);
export type BuildingList = z.infer<typeof BuildingListSchema>;
export const ElevatorListSchema = pageOf(ElevatorDtoSchema);
export type ElevatorList = z.infer<typeof ElevatorListSchema>;

export const BuildingResponseSchema = z.object({ building: BuildingDtoSchema });
export const BuildingDetailSchema = z.object({
  building: BuildingDtoSchema,
  elevators: z.array(ElevatorDtoSchema),
});
export type BuildingDetail = z.infer<typeof BuildingDetailSchema>;
export const ElevatorResponseSchema = z.object({ elevator: ElevatorDtoSchema });

export const AddressSuggestionSchema = z.object({
  id: z.number(),
  address: z.string(),
  city: z.string(),
  street: z.string(),
  house: z.string(),
  reviewStatus: ReviewStatusSchema,
});
export type AddressSuggestion = z.infer<typeof AddressSuggestionSchema>;
export const AutocompleteResponseSchema = z.object({ items: z.array(AddressSuggestionSchema) });

export const CitiesResponseSchema = z.object({ items: z.array(z.string()) });

export const ModerationQueueSchema = z.object({
  buildings: z.array(BuildingDtoSchema),
  elevators: z.array(ElevatorDtoSchema),
  totalBuildings: z.number(),
  totalElevators: z.number(),
});
export type ModerationQueue = z.infer<typeof ModerationQueueSchema>;

export const MergeBuildingResultSchema = z.object({
  building: BuildingDtoSchema,
  movedElevators: z.number(),
});
export const MergeElevatorResultSchema = z.object({
  elevator: ElevatorDtoSchema,
  movedAudits: z.number(),
});

/** Compact catalog for the offline snapshot: approved records plus the caller's own pending ones. */
export const CatalogSnapshotSchema = z.object({
  buildings: z.array(
    z.object({
      id: z.number(),
      uuid: z.string(),
      city: z.string(),
      street: z.string(),
      house: z.string(),
      reviewStatus: ReviewStatusSchema,
    }),
  ),
  elevators: z.array(
    z.object({
      id: z.number(),
      uuid: z.string(),
      buildingId: z.number(),
      entrance: z.string().nullable(),
      capacityKg: z.number().nullable(),
      stops: z.number().nullable(),
      identifier: z.string().nullable(),
      status: ElevatorStatusSchema,
      reviewStatus: ReviewStatusSchema,
    }),
  ),
});
export type CatalogSnapshot = z.infer<typeof CatalogSnapshotSchema>;
