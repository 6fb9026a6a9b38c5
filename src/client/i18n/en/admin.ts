import type { admin as ru } from '../ru/admin';
import type { Messages } from '../types';

export const admin: Messages<typeof ru> = {
  home: {
    title: 'Administrator dashboard',
    intro: 'Manage users, the catalog, the checklist and audits.',
    usersCard: 'Users',
    usersCardText: 'Auditor and administrator accounts',
  },
};
