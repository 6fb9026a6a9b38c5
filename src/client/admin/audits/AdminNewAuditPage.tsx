import { NewAuditPage } from '../../auditor/audits/NewAuditPage';

/** Admin: «create a new audit» with the auditor's wizard; the audit opens in the admin card. */
export function AdminNewAuditPage() {
  return <NewAuditPage basePath="/admin/audits" />;
}
