export {
  createSmtpTransport,
  type DrainResult,
  drainMailQueue,
  type MailTransport,
  retryDelayMs,
} from './mail-queue.js';
export { createNotifier, type Notifier } from './notifier.js';
