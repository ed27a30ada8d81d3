import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { buildModel } from '../../../src/lib/ingest/normalize/normalize.ts';
import { parseInputFile } from '../../../src/lib/ingest/read-inputs.ts';
import { modelSchema } from '../../../src/lib/model/schema.ts';
import { fixture, ROOT } from '../../support/paths.ts';

// Random and mutated files through the reader: each one loads into a valid model, or fails with
// the structured problems; never an uncaught exception, never a partial model.

function read(name: string, bytes: Uint8Array) {
  const parsed = parseInputFile(name, bytes);
  const built = buildModel(parsed.input ? [parsed.input] : [], [name]);
  return { problems: [...parsed.problems, ...built.problems], model: parsed.problems.length ? null : built.model };
}

function checkOutcome(name: string, bytes: Uint8Array): void {
  const outcome = read(name, bytes);
  if (outcome.problems.length) {
    for (const problem of outcome.problems) {
      expect(problem.location.file === name || problem.location.file === '(model)').toBe(true);
      expect(problem.expected.length).toBeGreaterThan(0);
      expect(formatProblem(problem)).toMatch(new RegExp(`^${name.replace('.', '\\.')}`));
    }
    return;
  }
  const model = outcome.model!;
  expect(modelSchema.safeParse(model).success).toBe(true);
  for (const set of model.sets) {
    expect(set.counts.mappings + set.counts.nonMappable + set.counts.duplicates).toBe(set.counts.objects);
  }
}

const seedFiles = [
  ...readdirSync(path.join(ROOT, 'data'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(csv|json)$/.test(f))
    .map((f) => path.join(ROOT, 'data', f)),
  ...readdirSync(fixture('mapex'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(csv|json)$/.test(f))
    .map((f) => fixture('mapex', f)),
].map((file) => ({ name: path.basename(file), bytes: new Uint8Array(readFileSync(file)) }));

type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; at: number; byte: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', ',', '\n', '\r\n', '{', '}', '[', ']', 'null', '"x":', '\ufeff', '\u0000', '=1+1')),
  }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let data = Buffer.from(bytes);
  for (const m of mutations) {
    const at = data.length ? m.at % data.length : 0;
    switch (m.op) {
      case 'delete':
        data = Buffer.concat([data.subarray(0, at), data.subarray(at + m.length)]);
        break;
      case 'insert':
        data = Buffer.concat([data.subarray(0, at), Buffer.from(m.text), data.subarray(at)]);
        break;
      case 'replace':
        if (data.length) data[at] = m.byte;
        break;
      case 'duplicate':
        data = Buffer.concat([data.subarray(0, at + m.length), data.subarray(at)]);
        break;
      case 'truncate':
        data = data.subarray(0, at);
        break;
    }
  }
  return new Uint8Array(data);
}

describe('the reader under fuzzing', () => {
  it('mutated mapping files either load whole or fail with structured problems', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seedFiles), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
        checkOutcome(seed.name, mutate(seed.bytes, mutations));
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes and text as CSV or JSON never crash the reader', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }).map((s) => new TextEncoder().encode(s))),
        fc.constantFrom('random.csv', 'random.json'),
        (bytes, name) => checkOutcome(name, bytes),
      ),
      { numRuns: 400 },
    );
  });

  it('JSON of the right shape with random values never crashes either', () => {
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }));
    const object = fc.dictionary(
      fc.constantFrom('capability_id', 'capability_group', 'mapping_type', 'attack_object_id', 'attack_object_name', 'comments', 'references', 'status', 'score_category', 'score_value', 'group', 'related_score'),
      value,
    );
    const metadata = fc.dictionary(
      fc.constantFrom('attack_version', 'technology_domain', 'mapping_framework', 'mapping_framework_version', 'creation_date', 'mapping_types', 'capability_groups', 'groups'),
      fc.oneof(value, fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(value, fc.record({ name: fc.string(), description: fc.string() })))),
    );
    fc.assert(
      fc.property(metadata, fc.array(object, { maxLength: 8 }), (meta, objects) => {
        checkOutcome('shaped.json', new TextEncoder().encode(JSON.stringify({ metadata: meta, mapping_objects: objects })));
      }),
      { numRuns: 400 },
    );
  });
});
