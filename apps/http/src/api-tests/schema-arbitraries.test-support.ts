// fast-check arbitraries drawn from the OpenAPI document's JSON Schemas: mostly-valid values (so requests get past
// validation into the use cases) mixed with chaos (wrong types, extremes, junk), for the fuzz test.
import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument } from './openapi-document.test-support.js';

const EXTREMES: readonly unknown[] = [
  0, -0, -1, 1, 1.5, 1e308, -1e308, 1e-300, 2 ** 53, -(2 ** 53), 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER + 2,
  '', ' ', '\u0000', '\u202e', 'null', 'NaN', '-1', '1e999', '0x10', 'ǅ̈́🙂', '<script>alert(1)</script>', "' OR 1=1 --",
  'x'.repeat(6_000), [], {}, null, true, false, [null], { '': '' },
];

/** Bodies JSON.stringify cannot make: big number literals, prototype keys, duplicate keys, broken syntax. */
export function rawBodies(propertyNames: readonly string[]): fc.Arbitrary<string> {
  const names = propertyNames.length > 0 ? propertyNames : ['id'];
  return fc.oneof(
    fc.constantFrom(...names).map((n) => `{"${n}":1e999}`),
    fc.constantFrom(...names).map((n) => `{"${n}":123456789012345678901234567890}`),
    fc.constantFrom(...names).map((n) => `{"${n}":-1e-999,"${n}":"twice"}`),
    fc.constant('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'),
    fc.constant(`${'['.repeat(5_000)}${']'.repeat(5_000)}`),
    fc.constant(`{"a":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_001)}`),
    fc.constantFrom('', '{', '{"a":', 'null', '[]', '"string"', '42', 'true', '\u0000', '{}garbage', '\uFEFF{}'),
    fc.string({ maxLength: 200 }),
    fc.anything({ maxDepth: 3 }).map((v) => {
      try {
        return JSON.stringify(v) ?? 'undefined';
      } catch {
        return String(v); // BigInt and other values JSON cannot carry are sent as their text
      }
    }),
  );
}

export class SchemaArbitraries {
  constructor(
    private readonly doc: OpenApiDocument,
    /** Real ids of the seeded world, offered wherever a uuid is expected so that requests reach real records. */
    private readonly ids: readonly string[],
  ) {}

  deref(schema: JsonSchema | undefined): JsonSchema {
    let s = schema ?? {};
    for (let i = 0; i < 10; i++) {
      const ref = s['$ref'];
      if (typeof ref !== 'string') break;
      const name = ref.replace('#/components/schemas/', '');
      s = this.doc.components?.schemas?.[name] ?? {};
    }
    return s;
  }

  propertyNames(schema: JsonSchema | undefined): string[] {
    const s = this.deref(schema);
    return Object.keys((s['properties'] as Record<string, JsonSchema> | undefined) ?? {});
  }

  chaos(): fc.Arbitrary<unknown> {
    return fc.oneof(fc.constantFrom(...EXTREMES), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 40 }));
  }

  uuidLike(): fc.Arbitrary<string> {
    return fc.oneof(fc.constantFrom(...this.ids), fc.uuid(), fc.string({ maxLength: 40 }));
  }

  /**
   * Values shaped by `schema`. `noise` is the weight (against 10) of chaos replacing a value at each level: 0 gives
   * values that mostly pass validation and reach the use cases; a little noise finds the fields validation misses.
   */
  value(schema: JsonSchema | undefined, noise = 1, depth = 0): fc.Arbitrary<unknown> {
    const shaped = depth > 5 ? fc.jsonValue({ maxDepth: 1 }) : this.shaped(this.deref(schema), noise, depth);
    return noise === 0 ? shaped : fc.oneof({ arbitrary: shaped, weight: 10 }, { arbitrary: this.chaos(), weight: noise });
  }

  private shaped(s: JsonSchema, noise: number, depth: number): fc.Arbitrary<unknown> {
    if (Array.isArray(s['enum']) && s['enum'].length > 0) return fc.constantFrom(...(s['enum'] as unknown[]));
    if ('const' in s) return fc.constant(s['const']);
    const alternatives = (s['anyOf'] ?? s['oneOf']) as JsonSchema[] | undefined;
    if (alternatives?.length) return fc.oneof(...alternatives.map((a) => this.value(a, noise, depth + 1)));
    const allOf = s['allOf'] as JsonSchema[] | undefined;
    if (allOf?.length === 1) return this.value(allOf[0], noise, depth + 1);
    const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [typeof s['type'] === 'string' ? s['type'] : 'any'];
    return fc.oneof(...types.map((type) => this.ofType(type, s, noise, depth)));
  }

  private ofType(type: string, s: JsonSchema, noise: number, depth: number): fc.Arbitrary<unknown> {
    // Within bounds when quiet; a step past them when noisy.
    const slack = noise === 0 ? 0 : 2;
    const min = (typeof s['minimum'] === 'number' ? s['minimum'] : typeof s['exclusiveMinimum'] === 'number' ? s['exclusiveMinimum'] + 1 : -1_000) - slack;
    const max = (typeof s['maximum'] === 'number' ? s['maximum'] : typeof s['exclusiveMaximum'] === 'number' ? s['exclusiveMaximum'] - 1 : 100_000) + slack;
    switch (type) {
      case 'string':
        if (s['format'] === 'uuid') return this.uuidLike();
        if (s['format'] === 'date-time') {
          return fc.oneof(
            fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
            fc.constantFrom('2026-12-01T10:00:00+03:00', '2026-02-30T10:00:00Z', '2026-12-01', 'tomorrow', '9999-12-31T23:59:59Z'),
          );
        }
        if (s['pattern'] === '^[A-Z]{3}$' || (typeof s['description'] === 'string' && /currency/i.test(s['description']))) return fc.constantFrom('RUB', 'EUR', 'USD', 'rub', 'XXXX');
        return fc.string({
          minLength: noise === 0 && typeof s['minLength'] === 'number' ? s['minLength'] : 0,
          maxLength: Math.min(typeof s['maxLength'] === 'number' ? s['maxLength'] + slack : 60, 300),
        });
      case 'integer': {
        const lo = Math.ceil(Math.max(min, -(2 ** 31)));
        const hi = Math.floor(Math.min(max, 2 ** 31));
        const ints = fc.integer({ min: Math.min(lo, hi), max: Math.max(lo, hi) });
        return noise === 0 ? ints : fc.oneof(ints, fc.constantFrom(0, -1, 2 ** 53));
      }
      case 'number': {
        const doubles = fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true, noDefaultInfinity: true });
        return noise === 0 ? doubles : fc.oneof(doubles, fc.constantFrom(0, -0, 1e308));
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(this.value(s['items'] as JsonSchema | undefined, noise, depth + 1), {
          minLength: noise === 0 && typeof s['minItems'] === 'number' ? s['minItems'] : 0,
          maxLength: 4,
        });
      case 'object': {
        const properties = (s['properties'] as Record<string, JsonSchema> | undefined) ?? {};
        const required = ((s['required'] as string[] | undefined) ?? []).filter((k) => k in properties);
        const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, this.value(v, noise, depth + 1)])), {
          requiredKeys: required,
        });
        if (noise === 0) return record;
        return fc.oneof({ arbitrary: record, weight: 4 }, { arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), this.chaos(), { maxKeys: 4 }), weight: 1 });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }
}
