import { accounts } from './accounts';
import { admin } from './admin';
import { auditor } from './auditor';
import { audits } from './audits';
import { catalog } from './catalog';
import { checklists } from './checklists';
import { common } from './common';
import { ops } from './ops';
import { reports } from './reports';
import { sync } from './sync';

/** Every English namespace: one chunk, loaded only when the interface is switched to English. */
export const en = { common, accounts, auditor, admin, catalog, checklists, audits, ops, reports, sync };
