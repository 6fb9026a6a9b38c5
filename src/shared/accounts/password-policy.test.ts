import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('password policy', () => {
  it('accepts a long mixed password unrelated to the username', () => {
    expect(checkPassword('Лифт-проверка-2026', 'ivanov')).toEqual([]);
  });

  it('rejects a password shorter than 10 characters', () => {
    expect(checkPassword('Ab3$xyz9', 'ivanov')).toContain('too_short');
  });

  it('counts characters, not bytes, for Cyrillic passwords', () => {
    expect(checkPassword('Ёлкапалка1', 'ivanov')).not.toContain('too_short');
  });

  it('rejects a password of digits only', () => {
    expect(checkPassword('12345678901234', 'ivanov')).toContain('all_digits');
  });

  it('rejects common passwords regardless of case', () => {
    expect(checkPassword('QwertyUIOP123', 'ivanov')).toContain('too_common');
    expect(checkPassword('йцукенгшщз', 'ivanov')).toContain('too_common');
  });

  it('rejects passwords made of one or two repeated characters', () => {
    expect(checkPassword('abababababab', 'ivanov')).toContain('too_common');
  });

  it('rejects passwords containing the username or its reverse', () => {
    expect(checkPassword('petrov-2026-лифт', 'Petrov')).toContain('similar_to_username');
    expect(checkPassword('vortep-2026-лифт', 'petrov')).toContain('similar_to_username');
  });

  it('reports every problem at once', () => {
    expect(checkPassword('123', 'x')).toEqual(expect.arrayContaining(['too_short', 'all_digits']));
  });
});
