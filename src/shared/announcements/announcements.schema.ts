import { z } from 'zod';

/** Maintenance announcements (runbook §1.2: warn users three working days before a release window). */
export const ANNOUNCEMENT_MAX_LENGTH = 500;

const isoTimestamp = z.iso.datetime({ offset: true });

export const AnnouncementDtoSchema = z.object({
  id: z.number().int(),
  message: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.number().int(),
  createdAt: z.string(),
  /** Shown to users right now (startsAt ≤ now < endsAt). */
  isActive: z.boolean(),
});
export type AnnouncementDto = z.infer<typeof AnnouncementDtoSchema>;

export const AnnouncementInputSchema = z.strictObject({
  message: z.string().trim().min(1).max(ANNOUNCEMENT_MAX_LENGTH),
  startsAt: isoTimestamp,
  endsAt: isoTimestamp,
});
export type AnnouncementInput = z.infer<typeof AnnouncementInputSchema>;

export const UpdateAnnouncementSchema = AnnouncementInputSchema.partial();
export type UpdateAnnouncement = z.infer<typeof UpdateAnnouncementSchema>;

export const AnnouncementIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const AnnouncementListSchema = z.object({ items: z.array(AnnouncementDtoSchema) });
export type AnnouncementList = z.infer<typeof AnnouncementListSchema>;

/** «Поддержка» page (runbook §3.4): contacts from SUPPORT_EMAIL / SUPPORT_PHONE and the app version. */
export const SupportInfoSchema = z.object({
  email: z.string(),
  phone: z.string(),
  version: z.string(),
});
export type SupportInfo = z.infer<typeof SupportInfoSchema>;
