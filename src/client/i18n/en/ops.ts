import type { ops as ru } from '../ru/ops';
import type { Messages } from '../types';

export const ops: Messages<typeof ru> = {
  nav: { support: 'Support', announcements: 'Announcements' },
  banner: {
    label: 'Announcement',
    dismiss: 'Hide announcement',
  },
  support: {
    title: 'Support',
    intro: 'If the application does not work as expected, contact the support team.',
    email: 'E-mail',
    phone: 'Hotline phone',
    phoneMissing: 'to be announced',
    version: 'Application version',
    versionHint: 'Please mention the version when you contact us.',
    responseTitle: 'Response times',
    critical: 'Critical incidents (system down, data loss) — 2 hours, 24/7',
    high: 'High priority (one section unavailable) — 4 hours during working hours',
    normal: 'Medium and low priority — answer within 1 working day',
    offlineHint:
      'Audit data entered offline stays on the phone until it is sent. Do not log out or clear browser data until it has been sent.',
  },
  announcements: {
    title: 'Announcements',
    intro:
      'Every user sees the announcement banner during the given period. Announce planned maintenance at least 3 working days ahead.',
    message: 'Announcement text',
    messagePlaceholder: 'Planned maintenance on 2 December 20:00–21:00: the application will be unavailable.',
    startsAt: 'Show from',
    endsAt: 'Show until',
    create: 'Publish',
    created: 'Announcement scheduled',
    deleted: 'Announcement deleted',
    delete: 'Delete',
    deleteTitle: 'Delete the announcement?',
    deleteText: 'Users will no longer see this banner.',
    empty: 'No announcements.',
    period: '{{from}} — {{to}}',
    status: { active: 'Showing', scheduled: 'Scheduled', past: 'Finished' },
  },
  errors: {
    announcement: {
      not_found: 'Announcement not found.',
      invalid_period: 'The end must be later than the start.',
    },
    server: { maintenance: 'Planned maintenance is in progress. Please try again later.' },
  },
};
