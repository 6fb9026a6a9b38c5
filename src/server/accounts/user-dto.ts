import type { UserDto } from '../../shared/accounts/accounts.schema.js';
import type { UserRow } from '../db/database.js';

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    email: row.email,
    phone: row.phone,
    employeeId: row.employeeId,
    isActive: row.isActive === 1,
    mustChangePassword: row.mustChangePassword === 1,
    notificationsEnabled: row.notificationsEnabled === 1,
    locale: row.locale,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
  };
}
