import { z } from 'zod';
import { pageOf, pageQueryFields } from '../pagination.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';

export const ROLES = ['auditor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Имя пользователя: только буквы, цифры, точка, дефис и подчёркивание.');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const LoginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
});
export type Login = z.infer<typeof LoginSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
  newPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
  endOtherSessions: z.boolean().optional(),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

const profileFields = {
  fullName: z.string().trim().min(1).max(200),
  email: optionalText(254).pipe(z.email().nullable().optional()),
  phone: optionalText(40),
  employeeId: optionalText(40),
};

export const CreateUserSchema = z.strictObject({
  username,
  role: RoleSchema,
  ...profileFields,
  temporaryPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .strictObject({ role: RoleSchema, ...profileFields })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Нет полей для изменения.');
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export const UpdateOwnProfileSchema = z
  .strictObject({
    fullName: profileFields.fullName,
    email: profileFields.email,
    phone: profileFields.phone,
    notificationsEnabled: z.boolean(),
    locale: z.enum(['ru', 'en']),
  })
  .partial();
export type UpdateOwnProfile = z.infer<typeof UpdateOwnProfileSchema>;

export const ListUsersQuerySchema = z.strictObject({
  search: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  isActive: z.enum(['true', 'false']).optional(),
  ...pageQueryFields(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;

export const UserIdParamsSchema = z.strictObject({ id: z.coerce.number().int().positive() });

export const UserDtoSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  employeeId: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  notificationsEnabled: z.boolean(),
  locale: z.enum(['ru', 'en']),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof UserDtoSchema>;

export const SessionInfoSchema = z.object({ user: UserDtoSchema, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const UserListSchema = pageOf(UserDtoSchema);
export type UserList = z.infer<typeof UserListSchema>;

export const TemporaryPasswordSchema = z.object({ user: UserDtoSchema, temporaryPassword: z.string() });
export type TemporaryPassword = z.infer<typeof TemporaryPasswordSchema>;
