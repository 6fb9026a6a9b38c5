import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

export interface FileEntry {
  /** Path relative to the walked root, always with forward slashes. */
  rel: string;
  abs: string;
  stat: Stats;
}

/**
 * Every regular file under `root` (symlinks are neither followed nor listed), sorted by path.
 * `skipDir(rel)` prunes a subtree. A missing root yields nothing.
 */
export function walkFiles(root: string, skipDir: (rel: string) => boolean = () => false): FileEntry[] {
  const out: FileEntry[] = [];
  const visit = (dir: string, relDir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names.sort()) {
      const abs = path.join(dir, name);
      const rel = relDir ? `${relDir}/${name}` : name;
      const stat = lstatSync(abs);
      if (stat.isDirectory()) {
        if (!skipDir(rel)) visit(abs, rel);
      } else if (stat.isFile()) out.push({ rel, abs, stat });
    }
  };
  visit(root, '');
  return out;
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export interface DiskUsage {
  files: number;
  /** Sum of file sizes (what the files "weigh"). */
  bytes: number;
  /** Space really taken: allocated blocks, each hard-linked inode counted once (like `du`). */
  allocatedBytes: number;
}

/** `du` for a directory tree; pass one `seen` set to several calls to count shared inodes once. */
export function diskUsage(root: string, seen: Set<string> = new Set()): DiskUsage {
  const usage: DiskUsage = { files: 0, bytes: 0, allocatedBytes: 0 };
  for (const f of walkFiles(root)) {
    usage.files += 1;
    usage.bytes += f.stat.size;
    const key = `${f.stat.dev}:${f.stat.ino}`;
    if (seen.has(key)) continue;
    seen.add(key);
    usage.allocatedBytes += f.stat.blocks * 512;
  }
  return usage;
}

export function formatBytes(bytes: number): string {
  const units = ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Is `child` (absolute) inside `parent` (absolute)? Guards storage keys against `../`. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Moves a file, creating the target's folder; across file systems (EXDEV) it copies, then deletes. */
export function moveFile(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

/** fsync of a file or a directory (a renamed or created entry is durable once its directory is). */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync of a file or a directory without blocking the event loop (the server's and copies' variant). */
export async function fsyncPath(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the whole buffer at the descriptor's position (writeSync may write less than asked). */
export function writeAll(fd: number, buffer: Buffer): void {
  let done = 0;
  while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
}
