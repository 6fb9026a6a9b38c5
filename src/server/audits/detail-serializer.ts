import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditDetailSchema } from '../../shared/audits/audits.schema.js';
import { ChecklistSnapshotSchema } from '../../shared/checklists/snapshot.schema.js';

type Detail = z.infer<typeof AuditDetailSchema>;

const DetailWithoutChecklist = z.object({ audit: AuditDetailSchema.omit({ checklistVersion: true }) });
const VersionNumbers = z.object({ id: z.number(), number: z.number() });

/**
 * The audit card carries its checklist snapshot (≈ 75 KB of JSON, two thirds of the response).
 * Validating and serializing it on every request was the card's largest cost (bench/README.md),
 * yet published versions are immutable and their cached snapshot objects are shared by every card
 * (audits/lookups.repo.ts). So the snapshot is checked against its schema and serialized once per
 * snapshot object; the rest of the card is checked and serialized per request as before.
 */
const snapshotJson = new WeakMap<object, string>();

function checked<T>(schema: z.ZodType<T>, data: unknown, method: string, url: string): T {
  const result = z.safeEncode(schema, data as T);
  if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
  return result.data as T;
}

export function serializeAuditDetail(data: { audit: Detail }, method = 'GET', url = ''): string {
  const { checklistVersion, ...rest } = data.audit;
  const { snapshot } = checklistVersion;
  let snapshotText = snapshotJson.get(snapshot);
  if (snapshotText === undefined) {
    snapshotText = JSON.stringify(checked(ChecklistSnapshotSchema, snapshot, method, url));
    snapshotJson.set(snapshot, snapshotText);
  }
  const head = JSON.stringify(checked(DetailWithoutChecklist, { audit: rest }, method, url));
  const { id, number } = checked(VersionNumbers, checklistVersion, method, url);
  const version = `{"id":${id},"number":${number},"snapshot":${snapshotText}}`;
  // `head` is `{"audit":{…}}`: the checklist goes in as the audit's last key.
  return `${head.slice(0, -2)},"checklistVersion":${version}}}`;
}

/** Route option for every route answering `{ audit: AuditDetail }`. */
export const auditDetailSerializerCompiler: FastifySerializerCompiler<unknown> =
  ({ method, url }) =>
  (data) =>
    serializeAuditDetail(data as { audit: Detail }, method, url);
