import { describe, expect, it } from 'vitest';
import {
  addressKey,
  buildingSearchText,
  formatAddress,
  normalizeHouse,
  normalizeStreet,
  searchTerms,
} from '../../src/shared/catalog/address.js';

describe('address normalisation', () => {
  it('gives one key to different spellings of the same address', () => {
    const a = addressKey({ city: 'г. Москва', street: 'ул. Ленина', house: 'д. 5 корп. 1' });
    const b = addressKey({ city: 'москва', street: 'Ленина улица', house: '5к1' });
    const c = addressKey({ city: 'Москва', street: 'Ленина', house: '5 К.1' });
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('keeps a prospect and a street of the same name apart', () => {
    expect(normalizeStreet('проспект Мира')).toBe('мира пр-кт');
    expect(normalizeStreet('ул. Мира')).not.toBe(normalizeStreet('пр-т Мира'));
  });

  it('folds ё and letters in house numbers', () => {
    expect(normalizeHouse('12 А')).toBe('12а');
    expect(addressKey({ city: 'Королёв', street: 'ул. Гагарина', house: '1' })).toBe(
      addressKey({ city: 'Королев', street: 'Гагарина', house: '1' }),
    );
  });

  it('makes search text that matches what people type', () => {
    const text = buildingSearchText({ city: 'Москва', street: 'Ленинский пр-кт', house: '123 к2' });
    for (const term of searchTerms('ленинский проспект 123')) expect(text).toContain(term);
    expect(formatAddress({ city: 'Москва', street: 'ул. Ленина', house: '5' })).toBe(
      'Москва, ул. Ленина, д. 5',
    );
  });
});
