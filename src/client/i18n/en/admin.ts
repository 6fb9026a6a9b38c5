import type { admin as ru } from '../ru/admin';
import type { Messages } from '../types';

export const admin: Messages<typeof ru> = {};
