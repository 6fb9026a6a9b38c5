import type { ObjectInfoField } from '../checklists/snapshot.schema.js';

/** Object-info values by field code (the audit's `object_info` JSON). */
export type ObjectInfoValue = string | number | boolean | null;
export type ObjectInfo = Record<string, ObjectInfoValue>;

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isEmptyValue(value: ObjectInfoValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function typeProblem(field: ObjectInfoField, value: ObjectInfoValue): string | null {
  if (value === null) return null;
  switch (field.fieldType) {
    case 'text':
      return typeof value === 'string' ? null : 'ожидается текст';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'ожидается число';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'ожидается «да» или «нет»';
    case 'date':
      return typeof value === 'string' && (value === '' || DATE_RE.test(value))
        ? null
        : 'ожидается дата ГГГГ-ММ-ДД';
    case 'select':
      return typeof value === 'string' && (value === '' || field.choices.includes(value))
        ? null
        : `допустимые значения: ${field.choices.join(', ')}`;
  }
}

/**
 * Checks values against the version's object-info fields: every key must be a known field and every
 * value of the field's type. Missing required values are a completeness matter, not checked here.
 */
export function validateObjectInfo(fields: readonly ObjectInfoField[], values: ObjectInfo): FieldProblem[] {
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const problems: FieldProblem[] = [];
  for (const [code, value] of Object.entries(values)) {
    const field = byCode.get(code);
    if (!field) {
      problems.push({
        path: `objectInfo.${code}`,
        code: 'unknown_field',
        message: `Неизвестное поле «${code}».`,
      });
      continue;
    }
    const problem = typeProblem(field, value);
    if (problem) {
      problems.push({
        path: `objectInfo.${code}`,
        code: 'invalid_value',
        message: `«${field.label}»: ${problem}.`,
      });
    }
  }
  return problems;
}

/**
 * Initial object info from the catalog: each field with `prefillFrom` (e.g. `elevator.capacityKg`)
 * takes the catalog attribute of that name when it has a value of a fitting type.
 */
export function prefillObjectInfo(
  fields: readonly ObjectInfoField[],
  catalog: Readonly<Record<string, string | number | null | undefined>>,
): ObjectInfo {
  const info: ObjectInfo = {};
  for (const field of fields) {
    if (!field.prefillFrom) continue;
    const value = catalog[field.prefillFrom];
    if (value === null || value === undefined || value === '') continue;
    if (field.fieldType === 'number') {
      const n = typeof value === 'number' ? value : Number(value);
      if (Number.isFinite(n)) info[field.code] = n;
    } else if (
      field.fieldType === 'text' ||
      (field.fieldType === 'select' && field.choices.includes(String(value)))
    ) {
      info[field.code] = String(value);
    }
  }
  return info;
}
