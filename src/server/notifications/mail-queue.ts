import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { listDueMail, markMailFailed, markMailSent } from './outbox.repo.js';

export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
  }): Promise<unknown>;
}

export function createSmtpTransport(smtpUrl: string): MailTransport & { close(): void } {
  return nodemailer.createTransport(smtpUrl);
}

const MINUTE = 60_000;
const MAX_BACKOFF = 6 * 60 * MINUTE;

/** Retry delay after the n-th failed attempt: 1, 2, 4, … minutes, at most six hours. Mail is never dropped. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF, MINUTE * 2 ** Math.max(0, attempts - 1));
}

export interface DrainResult {
  sent: number;
  failed: number;
}

/** Sends every due message once; failures stay in the outbox with a later attempt time. */
export async function drainMailQueue(deps: {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  from: string;
  log?: Logger;
  batchSize?: number;
}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0 };
  const due = await listDueMail(deps.db, isoNow(deps.clock), deps.batchSize ?? 200);
  for (const mail of due) {
    try {
      await deps.transport.sendMail({
        from: deps.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      });
      await markMailSent(deps.db, mail.id, isoNow(deps.clock));
      result.sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const next = new Date(deps.clock.now().getTime() + retryDelayMs(attempts)).toISOString();
      const reason = error instanceof Error ? error.message : String(error);
      await markMailFailed(deps.db, mail.id, reason, next);
      deps.log?.warn({ mailId: mail.id, to: mail.to, attempts, err: reason }, 'mail delivery failed');
      result.failed += 1;
    }
  }
  return result;
}
