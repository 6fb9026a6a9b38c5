import { accessSync, constants, mkdirSync, statfsSync } from 'node:fs';

export function freeDiskMb(dir: string): number {
  const s = statfsSync(dir);
  return Math.floor((s.bavail * s.bsize) / (1024 * 1024));
}

export function isWritableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
