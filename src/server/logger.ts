import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export interface AppLogger {
  logger: Logger;
  /** Reopens the log file after logrotate moved it (SIGHUP). */
  reopen(): void;
  flush(): void;
}

/** JSON lines to stdout and to LOG_DIR/app.log (runbook §3.1). */
export function createLogger(options: { level: string; logDir: string | null; stdout?: boolean }): AppLogger {
  const streams: pino.StreamEntry[] = [];
  if (options.stdout !== false)
    streams.push({ level: 'trace', stream: pino.destination({ dest: 1, sync: false }) });
  let file: (pino.DestinationStream & { reopen?: () => void; flushSync?: () => void }) | null = null;
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    file = pino.destination({ dest: path.join(options.logDir, 'app.log'), sync: false, mkdir: true });
    streams.push({ level: 'trace', stream: file });
  }
  const logger = pino(
    {
      level: options.level,
      base: { service: 'souzlift' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'password', '*.password'],
        remove: true,
      },
    },
    pino.multistream(streams),
  );
  return {
    logger,
    reopen: () => file?.reopen?.(),
    flush: () => file?.flushSync?.(),
  };
}
