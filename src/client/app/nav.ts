import {
  type Icon,
  IconBuildingCommunity,
  IconClipboardList,
  IconLayoutDashboard,
  IconListCheck,
  IconRefresh,
  IconSpeakerphone,
  IconUsers,
} from '@tabler/icons-react';
import type { Role } from '../../shared/accounts/accounts.schema';

export interface NavItem {
  to: string;
  /** i18n key with its namespace, e.g. 'common:nav.users' or 'catalog:nav.title'. */
  labelKey: string;
  icon: Icon;
  /** Active only on the exact path (for a section's index page). */
  end?: boolean;
}

/**
 * Main navigation per role, in display order. A domain adds one item here next to its routes in
 * app/router.auditor.tsx / app/router.admin.tsx (planned admin items: Каталог, Чек-лист, Аудиты).
 */
export const NAV_ITEMS: Record<Role, NavItem[]> = {
  auditor: [
    { to: '/auditor', labelKey: 'common:nav.myAudits', icon: IconClipboardList, end: true },
    { to: '/auditor/catalog', labelKey: 'catalog:nav.auditor', icon: IconBuildingCommunity },
  ],
  admin: [
    { to: '/admin', labelKey: 'common:nav.dashboard', icon: IconLayoutDashboard, end: true },
    { to: '/admin/audits', labelKey: 'audits:admin.title', icon: IconClipboardList },
    { to: '/admin/users', labelKey: 'common:nav.users', icon: IconUsers },
    { to: '/admin/catalog', labelKey: 'catalog:nav.admin', icon: IconBuildingCommunity },
    { to: '/admin/checklist', labelKey: 'checklists:nav.admin', icon: IconListCheck },
    { to: '/admin/announcements', labelKey: 'ops:nav.announcements', icon: IconSpeakerphone },
    { to: '/admin/sync', labelKey: 'sync:admin.nav', icon: IconRefresh },
  ],
};
