import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { connectDatabase } from '../../src/server/db/connect.js';
import { migrateToLatest } from '../../src/server/db/migrator.js';
import { tempDataDir } from './cli.js';

export interface OpsDataDir {
  dir: string;
  env: Record<string, string>;
  db: string;
  media: string;
  backups: string;
}

/** A fresh DATA_DIR with a migrated database (migrated in-process: the CLI itself is what tests run). */
export async function migratedDataDir(prefix = 'souzlift-ops-'): Promise<OpsDataDir> {
  const dir = tempDataDir(prefix);
  const handle = connectDatabase(path.join(dir, 'db.sqlite3'));
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return {
    dir,
    env: { DATA_DIR: dir },
    db: path.join(dir, 'db.sqlite3'),
    media: path.join(dir, 'media'),
    backups: path.join(dir, 'backups'),
  };
}

const NOW = '2026-11-28T09:00:00.000Z';

/** Inserts the minimum an attachment row needs (user, building, elevator, checklist version, audit). */
export function seedAudit(dbFile: string): { userId: number; auditId: number; auditUuid: string } {
  const db = new SQLite(dbFile);
  try {
    const tag = randomBytes(4).toString('hex');
    const userId = Number(
      db
        .prepare(
          `insert into users (username, username_key, password_hash, full_name, role, created_at, updated_at)
           values (?, ?, 'x', 'Аудитор', 'auditor', ?, ?)`,
        )
        .run(`aud-${tag}`, `aud-${tag}`, NOW, NOW).lastInsertRowid,
    );
    const buildingId = Number(
      db
        .prepare(
          `insert into buildings (uuid, city, street, house, search_text, created_at, updated_at)
           values (?, 'Москва', 'Тверская', '1', 'москва тверская 1', ?, ?)`,
        )
        .run(randomUUID(), NOW, NOW).lastInsertRowid,
    );
    const elevatorId = Number(
      db
        .prepare(
          `insert into elevators (uuid, building_id, search_text, created_at, updated_at) values (?, ?, 'x', ?, ?)`,
        )
        .run(randomUUID(), buildingId, NOW, NOW).lastInsertRowid,
    );
    const versionId = Number(
      db
        .prepare(
          `insert into checklist_versions (number, snapshot, published_by, published_at) values
           ((select coalesce(max(number), 0) + 1 from checklist_versions), '{"categories":[],"objectInfoFields":[]}', ?, ?)`,
        )
        .run(userId, NOW).lastInsertRowid,
    );
    const auditUuid = randomUUID();
    const auditId = Number(
      db
        .prepare(
          `insert into audits (uuid, elevator_id, checklist_version_id, created_by, status, created_at, updated_at)
           values (?, ?, ?, ?, 'submitted', ?, ?)`,
        )
        .run(auditUuid, elevatorId, versionId, userId, NOW, NOW).lastInsertRowid,
    );
    return { userId, auditId, auditUuid };
  } finally {
    db.close();
  }
}

export interface StoredPhoto {
  uuid: string;
  storageKey: string;
  file: string;
  sha256: string;
  size: number;
}

/** Writes a photo file under MEDIA_DIR/originals/xx/<uuid>.jpg and its `stored` attachment row. */
export function addStoredPhoto(
  data: OpsDataDir,
  audit: { userId: number; auditId: number },
  content: Buffer = randomBytes(4096),
  key?: string,
): StoredPhoto {
  const uuid = randomUUID();
  const storageKey = key ?? `originals/${uuid.slice(0, 2)}/${uuid}.jpg`;
  const file = path.join(data.media, storageKey);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const db = new SQLite(data.db);
  try {
    db.prepare(
      `insert into audit_attachments (uuid, audit_id, storage_key, mime, size, sha256, status, created_by, created_at, stored_at)
       values (?, ?, ?, 'image/jpeg', ?, ?, 'stored', ?, ?, ?)`,
    ).run(uuid, audit.auditId, storageKey, content.length, sha256, audit.userId, NOW, NOW);
  } finally {
    db.close();
  }
  return { uuid, storageKey, file, sha256, size: content.length };
}
