import fc from 'fast-check';
import { z } from 'zod';

/*
 * Request bodies for the fuzz and matrix tests, derived from each route's own zod schema through its
 * public JSON Schema (`z.toJSONSchema`, input side): `validBody` (an accepted sample, so a guard or the
 * service is reached), `hostileBody` (valid samples mutated in every way a client can get wrong, plus
 * free-form garbage).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: Json;
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  if (s.format === 'uuid') return fc.uuid({ version: 4 });
  if (s.format === 'email') return fc.constantFrom('ivanov@example.com', 'a.b@souzlift.example');
  if (s.format === 'date-time')
    return fc
      .date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (s.format === 'date')
    return fc
      .date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (s.pattern) {
    return fc
      .stringMatching(new RegExp(s.pattern))
      .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY));
  }
  const unit = fc.constantFrom(...'абвгдеёжзиклмнопрстуфхцчшщэюяABCxyz0123456789 -.,'.split(''));
  return fc
    .string({ unit, minLength: Math.max(min, 1), maxLength: Math.max(max, min, 1) })
    .map((v) => v.trim() || 'Тест');
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum === undefined ? 0 : s.exclusiveMinimum + (integer ? 1 : 0.001));
  const hi = Math.min(
    s.maximum ?? (s.exclusiveMaximum === undefined ? 1000 : s.exclusiveMaximum - 1),
    lo + 1000,
  );
  return integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.max(hi, lo)) })
    : fc.double({ min: lo, max: Math.max(hi, lo), noNaN: true, noDefaultInfinity: true });
}

/** Values a schema node accepts (best effort: refinements outside JSON Schema are not known here). */
function validArb(s: JsonSchema, depth = 0): fc.Arbitrary<Json> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validArb(a, depth)));
  if (s.allOf?.[0]) return validArb(s.allOf[0], depth);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ?? {};
      const min = s.minItems ?? 0;
      return fc.array(validArb(item, depth + 1), {
        minLength: min,
        maxLength: Math.min(s.maxItems ?? 3, min + 3),
      });
    }
    case 'object': {
      if (s.properties) {
        const shape: Record<string, fc.Arbitrary<Json>> = {};
        for (const [k, v] of Object.entries(s.properties)) shape[k] = validArb(v, depth + 1);
        return fc.record(shape, { requiredKeys: s.required ?? [] }) as fc.Arbitrary<Json>;
      }
      if (typeof s.additionalProperties === 'object') {
        return fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          validArb(s.additionalProperties, depth + 1),
          {
            maxKeys: 3,
          },
        ) as fc.Arbitrary<Json>;
      }
      return fc.constant({});
    }
    default:
      return depth > 2 ? fc.constant(null) : (fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>);
  }
}

/**
 * A body the schema accepts, found among generated candidates with a fixed seed (deterministic), or
 * undefined when the schema has rules JSON Schema cannot express (the policy then declares a body).
 */
export function validBody(schema: z.ZodType, seed = 42): Json | undefined {
  const candidates = fc.sample(validArb(jsonSchemaOf(schema)), { seed, numRuns: 300 });
  return candidates.find((c) => schema.safeParse(c).success);
}

/** Values that break things: wrong types, edge numbers, unicode traps, huge and empty strings. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    -9007199254740992,
    1e308,
    -1e308,
    5e-324,
    1.5,
    'NaN',
    'Infinity',
    '-1',
    '1e308',
    '0x10',
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '\u200b\u200d\ufeff',
    'e\u0301\u0301\u0301',
    '😀'.repeat(50),
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE audits; --",
    '%s%n%x',
    '../../../etc/passwd',
    '=HYPERLINK("http://evil")',
    '__proto__',
    { __proto__: { isAdmin: true } },
    JSON.parse('{"__proto__":{"role":"admin"}}'),
    { constructor: { prototype: { role: 'admin' } } },
    [],
    {},
    [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]],
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(1_000, 70_000, 600_000).map((n) => 'Щ'.repeat(n)),
  fc.integer({ min: 2, max: 3000 }).map((depth) => deepNest(depth)),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

function deepNest(depth: number): unknown {
  let v: unknown = 'дно';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

type Mutation = (body: Record<string, unknown>, pick: number, value: unknown) => unknown;

/** Paths of every property in a JSON value (`['audits', 0, 'responses']`), up to a small depth. */
function paths(
  value: unknown,
  prefix: Array<string | number> = [],
  depth = 0,
): Array<Array<string | number>> {
  if (depth > 6 || value === null || typeof value !== 'object') return [];
  const out: Array<Array<string | number>> = [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    out.push(...paths(v, [...prefix, k], depth + 1));
  }
  return out;
}

function withAt(
  root: unknown,
  path: Array<string | number>,
  update: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last !== undefined) update(node, last);
  return copy;
}

const mutations: Mutation[] = [
  // a property of the wrong type or an absurd value
  (body, pick, value) => {
    const all = paths(body);
    const p = all[pick % Math.max(all.length, 1)];
    return p ? withAt(body, p, (parent, key) => (parent[key] = value)) : value;
  },
  // a required property removed
  (body, pick) => {
    const all = paths(body);
    const p = all[pick % Math.max(all.length, 1)];
    return p
      ? withAt(body, p, (parent, key) =>
          Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key],
        )
      : {};
  },
  // an unknown property added (strict objects refuse it)
  (body, _pick, value) => ({ ...body, ['unexpected' + 'Field']: value }),
  (body, _pick, value) => ({ ...body, role: 'admin', isActive: 1, createdBy: 1, id: -1, x: value }),
  // the whole body replaced
  (_body, _pick, value) => value,
  (body) => [body],
  (body) => deepNest(200 + JSON.stringify(body).length),
];

/** Mutated valid samples and free-form garbage for one schema. */
export function hostileBody(schema: z.ZodType, seeds: unknown[] = []): fc.Arbitrary<unknown> {
  const known = [...seeds, validBody(schema)].filter((v) => v !== undefined);
  const generated = validArb(jsonSchemaOf(schema));
  const base = known.length ? fc.oneof(generated, fc.constantFrom(...known)) : generated;
  const mutated = fc
    .tuple(base, fc.nat({ max: mutations.length - 1 }), fc.nat(), nastyValue)
    .map(([valid, m, pick, value]) => {
      const body = valid !== null && typeof valid === 'object' && !Array.isArray(valid) ? valid : {};
      const mutate = mutations[m] ?? mutations[0]!;
      return mutate(body as Record<string, unknown>, pick, value);
    });
  return fc.oneof(
    { arbitrary: mutated, weight: 4 },
    { arbitrary: nastyValue, weight: 1 },
    { arbitrary: base, weight: 1 },
  );
}

/** Raw payloads that are not the JSON they claim to be. */
export const brokenJson = fc.constantFrom(
  '',
  '{',
  '{"a":',
  'NaN',
  'undefined',
  '{"a":1,}',
  "{'a':1}",
  '\u0000',
  '{"a":"\\ud800"}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '1e999999',
  '"строка"',
  '\uFEFF{}',
);
