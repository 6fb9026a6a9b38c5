import type { z } from 'zod';
import type { PublishProblem } from '../../../shared/checklists/checklists.schema';
import { errorDetails, errorMessage } from '../../api/error-message';
import { ApiError } from '../../api/request';

export type FieldErrors = Record<string, string>;

/** Publish problems of one draft item, keyed by the field path after `<kind>.<id>.`. */
export function problemsOf(problems: PublishProblem[], kind: string, id: number): FieldErrors {
  const prefix = `${kind}.${id}.`;
  const out: FieldErrors = {};
  for (const p of problems) if (p.path.startsWith(prefix)) out[p.path.slice(prefix.length)] ??= p.message;
  return out;
}

/** The shared zod schema's complaints about a form value, keyed by field path (`options.1.score`). */
export function schemaErrors(schema: z.ZodType, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value);
  const out: FieldErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) out[issue.path.join('.')] ??= issue.message;
  return out;
}

/** A server refusal as field errors (details with paths); a taken code belongs to the code field. */
export function serverErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const d of errorDetails(error)) out[d.path] ??= d.message;
  if (error instanceof ApiError && error.code === 'checklist.code_taken') out.code ??= errorMessage(error);
  return out;
}
