import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../src/shared/errors.js';

// The client's files use bundler-style imports (no extensions), which this project's NodeNext
// typecheck of tests cannot follow: the resources are loaded by a path the checker does not resolve.
const EN_RESOURCES: string = '../../src/client/i18n/en/index.ts';
const { en } = (await import(EN_RESOURCES)) as { en: Record<string, { errors?: unknown }> };

/** What `errorMessage()` finds for a code: `errors.<domain>.<reason>` in any namespace. */
function englishText(code: string): string | null {
  for (const namespace of Object.values(en)) {
    let node: unknown = namespace.errors;
    for (const part of code.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node === 'string') return node;
  }
  return null;
}

describe('English error texts', () => {
  it('every API error code has an English text, so the English interface never shows a Russian server message', () => {
    const codes = Object.keys(ERROR_MESSAGES);
    const missing = codes.filter((code) => englishText(code) === null);
    expect(missing).toEqual([]);
    const cyrillic = codes.filter((code) => /[а-яё]/i.test(englishText(code) ?? ''));
    expect(cyrillic).toEqual([]);
  });
});
