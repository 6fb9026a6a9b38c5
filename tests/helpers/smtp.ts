import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { freePort } from './free-port.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface SmtpSink {
  url: string;
  messages(): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

/** Starts the SMTP sink as a separate process on a free loopback port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'souzlift-smtp-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/helpers/smtp-sink.ts'), String(port), dir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`smtp sink exited with ${code}`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () =>
      Promise.all(
        readdirSync(dir)
          .sort()
          .map((f) => simpleParser(readFileSync(path.join(dir, f)))),
      ),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
