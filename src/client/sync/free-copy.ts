import type { AuditDetail } from '../../shared/audits/audits.schema';
import { deleteAuditCopy, getAuditBundle, hasUnsentChanges, logSync, setSyncState } from '../db';
import { errorOf, http } from './engine-http';

/**
 * After the audit's batches and photos went through: a submitted audit's device copy is deleted only
 * once GET /api/audits/:uuid confirms the server has it, submitted, with every photo (else it keeps
 * waiting); an audit in progress is marked sent. Edited meanwhile: left for the next run.
 */
export async function finishAudit(uuid: string): Promise<void> {
  const fresh = await getAuditBundle(uuid);
  if (!fresh) return;
  if (hasUnsentChanges(fresh.audit)) return; // edited meanwhile: the next run sends it
  if (fresh.audit.status === 'submitted') {
    const confirm = await http('GET', `/api/audits/${uuid}`);
    if (!confirm.ok) throw await errorOf(confirm);
    const { audit } = (await confirm.json()) as { audit: AuditDetail };
    const localPhotos = fresh.attachments.length;
    if (
      (audit.status === 'submitted' || audit.status === 'reviewed') &&
      audit.attachments.length >= localPhotos
    ) {
      await logSync({
        level: 'info',
        auditUuid: uuid,
        batchId: fresh.audit.lastBatchId,
        code: null,
        message: 'sent, device copy freed',
      });
      await deleteAuditCopy(uuid);
      return;
    }
    await setSyncState(uuid, { syncState: 'waiting', serverStatus: audit.status, progress: null });
    return;
  }
  await setSyncState(uuid, { syncState: 'sent', progress: null, errors: [] });
}
