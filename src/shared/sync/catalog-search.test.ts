import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../catalog/catalog.schema.js';
import { buildCatalogIndex, searchBuildings, searchElevators } from './catalog-search.js';

/** A snapshot as the server sends it, with `n` lifts in n/4 buildings. */
function snapshotOf(n: number): CatalogSnapshot {
  const buildings = Array.from({ length: n / 4 }, (_v, i) => ({
    id: i + 1,
    uuid: `b-${i}`,
    city: 'Москва',
    street: i % 2 ? `ул. Лесная` : `Ленинский проспект`,
    house: String(i + 1),
    reviewStatus: 'approved' as const,
  }));
  const elevators = Array.from({ length: n }, (_v, i) => ({
    id: i + 1,
    uuid: `e-${i}`,
    buildingId: (i % (n / 4)) + 1,
    entrance: String((i % 4) + 1),
    capacityKg: i % 3 ? 400 : 630,
    stops: 9,
    identifier: `ЗАВ-${i}`,
    status: i === 7 ? ('decommissioned' as const) : ('active' as const),
    reviewStatus: 'approved' as const,
  }));
  return { buildings, elevators };
}

describe('offline catalog search', () => {
  const index = buildCatalogIndex(snapshotOf(10_000), [
    {
      uuid: 'nb',
      kind: 'building',
      data: { uuid: 'nb', city: 'Тверь', street: 'ул. Новая', house: '1' },
    },
    {
      uuid: 'ne',
      kind: 'elevator',
      data: { uuid: 'ne', buildingRef: 'nb', entrance: '1' },
    },
  ]);

  it('indexes 10,000 lifts (active only) plus the device additions', () => {
    expect(index.elevators).toHaveLength(10_000 - 1 + 1);
    expect(index.byElevator.get('ne')).toMatchObject({
      isLocal: true,
      reviewStatus: 'pending',
      street: 'ул. Новая',
    });
  });

  it('finds a lift by word prefixes of street, house and entrance in any order, case-insensitive', () => {
    const found = searchElevators(index, 'подъезд 2 ЛЕСНАЯ 42');
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.every((e) => e.street === 'ул. Лесная' && e.entrance === '2' && e.house.startsWith('42')),
    ).toBe(true);
    expect(searchElevators(index, 'ЗАВ-9999').map((e) => e.elevatorUuid)).toEqual(['e-9999']);
    expect(searchElevators(index, 'зав-7')).not.toContainEqual(
      expect.objectContaining({ elevatorUuid: 'e-7' }),
    );
  });

  it('finds the device’s own new building and lift', () => {
    expect(searchElevators(index, 'новая тверь').map((e) => e.elevatorUuid)).toEqual(['ne']);
    expect(searchBuildings(index, 'новая').map((b) => b.uuid)).toEqual(['nb']);
  });

  it('shows an addition the snapshot already holds only once', () => {
    const twice = buildCatalogIndex(snapshotOf(8), [
      { uuid: 'e-1', kind: 'elevator', data: { uuid: 'e-1', buildingRef: 'b-1', entrance: '9' } },
      {
        uuid: 'b-0',
        kind: 'building',
        data: { uuid: 'b-0', city: 'Москва', street: 'Ленинский проспект', house: '1' },
      },
    ]);
    expect(twice.elevators.filter((e) => e.elevatorUuid === 'e-1')).toHaveLength(1);
    expect(twice.buildings.filter((b) => b.uuid === 'b-0')).toHaveLength(1);
  });

  it('caps the number of results and returns nothing for an empty query', () => {
    expect(searchElevators(index, 'москва')).toHaveLength(30);
    expect(searchElevators(index, '   ')).toEqual([]);
  });
});
