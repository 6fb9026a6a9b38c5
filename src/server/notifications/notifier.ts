import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { enqueueMail, listRecipients } from './outbox.repo.js';
import {
  accountCreatedMail,
  auditSubmittedMail,
  type MailContent,
  passwordResetMail,
  syncFailedMail,
} from './templates.js';

export interface NotifierDeps {
  clock: Clock;
  publicUrl: string;
}

export type Notifier = ReturnType<typeof createNotifier>;

/**
 * Puts mail into the outbox inside the caller's transaction, so a notification exists exactly when
 * the change it reports was committed. `souzlift send-mail-queue` delivers it later.
 */
export function createNotifier({ clock, publicUrl }: NotifierDeps) {
  async function send(trx: Db, recipients: { email: string }[], content: MailContent): Promise<number> {
    const now = isoNow(clock);
    for (const r of recipients) await enqueueMail(trx, { to: r.email, ...content }, now);
    return recipients.length;
  }

  return {
    accountCreated: async (trx: Db, user: { id: number; username: string }) => {
      const to = await listRecipients(trx, { userId: user.id });
      return send(
        trx,
        to,
        accountCreatedMail({ fullName: to[0]?.fullName ?? '', username: user.username, url: publicUrl }),
      );
    },

    passwordReset: async (trx: Db, user: { id: number; username: string }) => {
      const to = await listRecipients(trx, { userId: user.id });
      return send(
        trx,
        to,
        passwordResetMail({ fullName: to[0]?.fullName ?? '', username: user.username, url: publicUrl }),
      );
    },

    auditSubmitted: async (
      trx: Db,
      audit: {
        uuid: string;
        address: string;
        auditorName: string;
        percent: number | null;
        criticalDefects: number;
      },
    ) =>
      send(
        trx,
        await listRecipients(trx, { role: 'admin' }),
        auditSubmittedMail({ ...audit, url: `${publicUrl}/admin/audits/${audit.uuid}` }),
      ),

    syncFailed: async (
      trx: Db,
      p: { userId: number; auditorName: string; batchId: string; deviceId: string; reason: string },
    ) => {
      const admins = await listRecipients(trx, { role: 'admin' });
      const auditor = await listRecipients(trx, { userId: p.userId });
      const unique = [...new Map([...admins, ...auditor].map((r) => [r.email, r])).values()];
      return send(trx, unique, syncFailedMail(p));
    },
  };
}
