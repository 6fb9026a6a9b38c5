import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export interface AppLogger {
  logger: Logger;
  /** Reopens the log file after logrotate moved it (SIGHUP). */
  reopen(): void;
  flush(): void;
}

/** Log lines are written to app.log this many bytes at a time… */
const BUFFER_BYTES = 4096;
/** …and none waits longer than this. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * JSON lines to LOG_DIR/app.log and to stdout (runbook §3.1). stdout may take fewer: under systemd
 * it is the journal, and every request line there would be a second copy of app.log, written by a
 * second process (journald) woken for each line (bench/README.md, «Четвёртая сессия»).
 */
export function createLogger(options: {
  level: string;
  logDir: string | null;
  stdout?: boolean;
  /** At least this level goes to stdout; `silent` sends nothing. Default: everything logged. */
  stdoutLevel?: string;
}): AppLogger {
  const streams: pino.StreamEntry[] = [];
  const stdoutLevel = options.stdoutLevel ?? 'trace';
  if (options.stdout !== false && stdoutLevel !== 'silent')
    streams.push({ level: stdoutLevel as pino.Level, stream: pino.destination({ dest: 1, sync: false }) });
  let file: ReturnType<typeof pino.destination> | null = null;
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    // Lines are written 4 KB at a time (pino's «asynchronous logging»): one write per request was
    // ≈ 14 µs of a cached answer's CPU (a thread-pool round trip each); 16 KB gained nothing
    // measurable. The periodic flush bounds how long a line waits on a quiet server; exit, a crash
    // and SIGHUP flush what is left.
    const dest = pino.destination({
      dest: path.join(options.logDir, 'app.log'),
      sync: false,
      mkdir: true,
      minLength: BUFFER_BYTES,
      periodicFlush: FLUSH_INTERVAL_MS,
    });
    // pino flushes synchronously at exit; before the file is open (an exit during start-up, e.g.
    // for pending migrations) sonic-boom's flushSync would throw over the real message.
    let isOpen = false;
    dest.once('ready', () => {
      isOpen = true;
    });
    const flushSync = dest.flushSync.bind(dest);
    dest.flushSync = () => {
      if (isOpen) flushSync();
    };
    file = dest;
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
    reopen: () => {
      // Buffered lines were logged before the rotation: into the old file with them.
      try {
        file?.flushSync();
      } catch {
        // Already closed at shutdown: reopen decides.
      }
      file?.reopen();
    },
    flush: () => file?.flushSync(),
  };
}
