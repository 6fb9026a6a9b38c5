import type { auditor as ru } from '../ru/auditor';
import type { Messages } from '../types';

export const auditor: Messages<typeof ru> = {
  home: {
    title: 'My audits',
    emptyTitle: 'No audits yet',
    emptyText: 'Your audits will appear here: drafts, submitted and reviewed.',
  },
};
