import type { Migration } from 'kysely';
import * as m01 from './20261128-01-create-accounts.js';
import * as m02 from './20261128-02-create-catalog.js';
import * as m03 from './20261128-03-create-checklists.js';
import * as m04 from './20261128-04-create-audits.js';
import * as m05 from './20261128-05-create-sync-and-mail.js';
import * as m10 from './20261128-10-index-catalog-search.js';
import * as m50 from './20261128-50-add-sync-submit-pending.js';
import * as m60 from './20261128-60-index-audit-reports.js';
import * as m70 from './20261128-70-index-audit-lists.js';
import * as m71 from './20261128-71-catalog-search-trigram.js';
import * as m72 from './20261128-72-audit-list-counters.js';

/** Every migration, in order. Listed statically so the compiled build and tests see the same set. */
export const migrations: Record<string, Migration> = {
  '20261128-01-create-accounts': m01,
  '20261128-02-create-catalog': m02,
  '20261128-03-create-checklists': m03,
  '20261128-04-create-audits': m04,
  '20261128-05-create-sync-and-mail': m05,
  '20261128-10-index-catalog-search': m10,
  '20261128-50-add-sync-submit-pending': m50,
  '20261128-60-index-audit-reports': m60,
  '20261128-70-index-audit-lists': m70,
  '20261128-71-catalog-search-trigram': m71,
  '20261128-72-audit-list-counters': m72,
};
