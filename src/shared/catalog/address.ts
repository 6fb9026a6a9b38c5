/**
 * Address normalisation shared by the server (matching, search text) and the client (display).
 * A lift is known by street + house + entrance, so two spellings of one address must meet:
 * «ул. Ленина, д. 5», «Ленина улица 5» and «улица ленина дом 5» all give the same key.
 */

/** Canonical street types; the first spelling is the short form used in keys. */
const STREET_TYPES: ReadonlyArray<{ short: string; long: string; spellings: readonly string[] }> = [
  { short: 'ул', long: 'улица', spellings: ['ул', 'улица'] },
  { short: 'пр-кт', long: 'проспект', spellings: ['пр-кт', 'пр-т', 'просп', 'проспект', 'пр'] },
  { short: 'пер', long: 'переулок', spellings: ['пер', 'переулок'] },
  { short: 'б-р', long: 'бульвар', spellings: ['б-р', 'бул', 'бульвар'] },
  { short: 'ш', long: 'шоссе', spellings: ['ш', 'шоссе'] },
  { short: 'пл', long: 'площадь', spellings: ['пл', 'площадь'] },
  { short: 'наб', long: 'набережная', spellings: ['наб', 'набережная'] },
  { short: 'пр-д', long: 'проезд', spellings: ['пр-д', 'проезд'] },
  { short: 'туп', long: 'тупик', spellings: ['туп', 'тупик'] },
  { short: 'мкр', long: 'микрорайон', spellings: ['мкр', 'мкрн', 'микрорайон'] },
  { short: 'кв-л', long: 'квартал', spellings: ['кв-л', 'квартал'] },
  { short: 'аллея', long: 'аллея', spellings: ['аллея', 'ал'] },
];

const SPELLING_TO_TYPE = new Map(STREET_TYPES.flatMap((t) => t.spellings.map((s) => [s, t] as const)));

/** Lower case, ё → е, every run of whitespace collapsed. */
export function foldText(value: string): string {
  return value.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

/** Trims and collapses whitespace, keeping the user's spelling (what is stored and shown). */
export function tidyText(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Words of a text: letters, digits, hyphens and slashes kept; other punctuation splits. */
export function words(value: string): string[] {
  return foldText(value)
    .split(/[^\p{L}\p{N}/-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter(Boolean);
}

export function normalizeCity(city: string): string {
  const w = words(city);
  while (w.length > 1 && (w[0] === 'г' || w[0] === 'город')) w.shift();
  return w.join(' ');
}

/** Street name words plus one canonical type at the end; a missing type means «улица». */
export function normalizeStreet(street: string): string {
  const all = words(street);
  const name: string[] = [];
  let type = 'ул';
  for (const w of all) {
    const t = SPELLING_TO_TYPE.get(w);
    // A lone word is the name even if it spells a type («Аллея»).
    if (t && all.length > 1) type = t.short;
    else name.push(w);
  }
  return [...name, type].join(' ');
}

/** House number without «д.»/«дом», «корпус» → «к», «строение» → «с», no spaces: «5к1», «12а». */
export function normalizeHouse(house: string): string {
  return foldText(house)
    .replace(/^(д|дом)\.?\s*/u, '')
    .replace(/(корпус|корп\.?|к\.)\s*/gu, 'к')
    .replace(/(строение|стр\.?|с\.)\s*/gu, 'с')
    .replace(/[\s.,]+/g, '');
}

/** Strips a leading «д.»/«дом» the user may have typed into the house field. */
export function tidyHouse(house: string): string {
  return tidyText(house).replace(/^(д|дом)\.?\s*/iu, '');
}

export function normalizeEntrance(entrance: string | null | undefined): string {
  if (!entrance) return '';
  return foldText(entrance)
    .replace(/^(подъезд|под|п)\.?\s*/u, '')
    .replace(/[\s.№#]+/g, '');
}

export function normalizeIdentifier(identifier: string | null | undefined): string {
  if (!identifier) return '';
  return foldText(identifier).replace(/[\s.№#-]+/g, '');
}

export interface AddressParts {
  city: string;
  street: string;
  house: string;
}

/** The key two spellings of one building share (import matching, duplicate checks). */
export function addressKey(a: AddressParts): string {
  return `${normalizeCity(a.city)}|${normalizeStreet(a.street)}|${normalizeHouse(a.house)}`;
}

/** Lower-cased searchable text of a building: what the user typed plus canonical forms. */
export function buildingSearchText(a: AddressParts): string {
  const streetWords = words(a.street);
  const longTypes = streetWords.map((w) => SPELLING_TO_TYPE.get(w)?.long).filter(Boolean);
  const type = normalizeStreet(a.street).split(' ').at(-1) ?? '';
  const parts = [
    normalizeCity(a.city),
    ...streetWords,
    type,
    ...longTypes,
    normalizeHouse(a.house),
    words(a.house).join(' '),
  ];
  return [...new Set(parts.filter(Boolean))].join(' ');
}

export interface ElevatorSearchParts {
  entrance: string | null;
  identifier: string | null;
  capacityKg: number | null;
}

/** Building text plus entrance, identifier and capacity. */
export function elevatorSearchText(building: AddressParts, e: ElevatorSearchParts): string {
  const parts = [buildingSearchText(building)];
  if (e.entrance) parts.push(`подъезд ${normalizeEntrance(e.entrance)}`);
  if (e.identifier) parts.push(foldText(e.identifier), normalizeIdentifier(e.identifier));
  if (e.capacityKg) parts.push(`${e.capacityKg}кг`);
  return [...new Set(parts)].join(' ');
}

/** Search terms of a query: folded words, at most 6 (each must occur in the search text). */
export function searchTerms(query: string): string[] {
  return words(query).slice(0, 6);
}

/** «Москва, ул. Ленина, д. 5». */
export function formatAddress(a: AddressParts): string {
  const house = a.house ? `д. ${a.house}` : '';
  return [a.city, a.street, house].filter(Boolean).join(', ');
}

/** «ул. Ленина, д. 5, подъезд 2, 400 кг» — the lift as people name it. */
export function formatElevatorLabel(
  a: Pick<AddressParts, 'street' | 'house'>,
  e: ElevatorSearchParts,
): string {
  const parts = [a.street, a.house ? `д. ${a.house}` : ''];
  if (e.entrance) parts.push(`подъезд ${e.entrance}`);
  if (e.capacityKg) parts.push(`${e.capacityKg} кг`);
  if (e.identifier) parts.push(`№ ${e.identifier}`);
  return parts.filter(Boolean).join(', ');
}
