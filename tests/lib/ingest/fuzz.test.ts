import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { addBundle, catalogToJson, emptyCatalog, parseCatalog } from '../../../src/lib/attack/catalog.ts';
import { readAttackBundle } from '../../../src/lib/attack/stix.ts';
import { toBaselineFile } from '../../../src/lib/baselines/baseline-naming.ts';
import { readOscalProfile } from '../../../src/lib/baselines/oscal-profile.ts';
import { formatImportWarning, formatProblem, type DataProblem } from '../../../src/lib/ingest/problems.ts';
import { buildModel } from '../../../src/lib/ingest/normalize/normalize.ts';
import { parseInputFile } from '../../../src/lib/ingest/read-inputs.ts';
import { baselineFileSchema, modelSchema } from '../../../src/lib/model/schema.ts';
import { fixture, ROOT } from '../../support/paths.ts';

// Random and mutated files through the readers: each one loads into a valid model (a catalog, a
// baseline), or fails with the structured problems; never an uncaught exception, never a partial
// result. The counts of each outcome are printed at the end.

/** How many runs of each property gave a result, and how many problems. */
const outcomes = new Map<string, { result: number; problems: number }>();
const count = (property: string, outcome: 'result' | 'problems') => {
  const counts = outcomes.get(property) ?? { result: 0, problems: 0 };
  counts[outcome]++;
  outcomes.set(property, counts);
};
afterAll(() => {
  for (const [property, { result, problems }] of outcomes)
    console.log(`fuzz: ${property}: ${result + problems} runs, ${result} results, ${problems} refused with problems`);
});

/** Problems that say where, in the file named `name`, and what was expected. */
function expectLocated(name: string, problems: readonly DataProblem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(problem.location.file).toBe(name);
    expect(problem.expected.length).toBeGreaterThan(0);
    expect(formatProblem(problem).startsWith(name)).toBe(true);
  }
}

function read(name: string, bytes: Uint8Array) {
  const parsed = parseInputFile(name, bytes);
  const built = buildModel(parsed.input ? [parsed.input] : [], [name]);
  return { problems: [...parsed.problems, ...built.problems], model: parsed.problems.length ? null : built.model };
}

function checkOutcome(name: string, bytes: Uint8Array, property = 'mapping files'): void {
  const outcome = read(name, bytes);
  count(property, outcome.problems.length ? 'problems' : 'result');
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
        checkOutcome(seed.name, mutate(seed.bytes, mutations), 'mutated mapping files');
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes and text as CSV or JSON never crash the reader', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ unit: 'grapheme', maxLength: 400 }).map((s) => new TextEncoder().encode(s)),
        ),
        fc.constantFrom('random.csv', 'random.json'),
        (bytes, name) => checkOutcome(name, bytes, 'random bytes'),
      ),
      { numRuns: 400 },
    );
  });

  it('JSON of the right shape with random values never crashes either', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    );
    const object = fc.dictionary(
      fc.constantFrom(
        'capability_id',
        'capability_group',
        'mapping_type',
        'attack_object_id',
        'attack_object_name',
        'comments',
        'references',
        'status',
        'score_category',
        'score_value',
        'group',
        'related_score',
      ),
      value,
    );
    const metadata = fc.dictionary(
      fc.constantFrom(
        'attack_version',
        'technology_domain',
        'mapping_framework',
        'mapping_framework_version',
        'creation_date',
        'mapping_types',
        'capability_groups',
        'groups',
      ),
      fc.oneof(value, fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(value, fc.record({ name: fc.string(), description: fc.string() })))),
    );
    fc.assert(
      fc.property(metadata, fc.array(object, { maxLength: 8 }), (meta, objects) => {
        checkOutcome('shaped.json', new TextEncoder().encode(JSON.stringify({ metadata: meta, mapping_objects: objects })), 'shaped JSON');
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// ATT&CK STIX bundles (npm run attack) and OSCAL profiles (npm run baselines), mutated
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const jsonSeeds = (...folders: string[][]) =>
  folders.flatMap((parts) =>
    readdirSync(fixture(...parts))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: f, text: readFileSync(fixture(...parts, f), 'utf8') })),
  );
const parseable = (seeds: { name: string; text: string }[]) =>
  seeds.flatMap((seed) => {
    try {
      return [{ ...seed, data: JSON.parse(seed.text) as Json }];
    } catch {
      return [];
    }
  });

const bundleSeeds = jsonSeeds(['attack', 'bundles'], ['attack', 'complete'], ['attack', 'broken']);
const profileSeeds = jsonSeeds(['oscal', 'profiles'], ['oscal', 'org'], ['oscal', 'broken']);

/** A change to a JSON document: at the node numbered `at` (in document order), set, delete, copy or retype. */
type Edit = { op: 'set'; at: number; value: Json } | { op: 'delete'; at: number } | { op: 'copy'; at: number } | { op: 'reuse'; at: number; from: number };

/** Values that the readers' checks turn on: ids of the right shapes and the wrong ones, refs that resolve or do not, flags. */
const telling: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    '',
    ' ',
    [],
    {},
    'revoked-by',
    'subtechnique-of',
    'attack-pattern',
    'x-mitre-tactic',
    'x-mitre-matrix',
    'relationship',
    'mitre-attack',
  ),
  fc.constantFrom<Json>('T1046', 'T1901', 'T1901.001', 'T1901.002', 'T9999.999', 'TA0901', 'TA9999', 't1046', 'T1046 ', '__proto__', 'constructor'),
  fc.constantFrom<Json>(
    'attack-pattern--00000000-0000-4000-8000-000000000001',
    'attack-pattern--00000000-0000-4000-8000-0000000000ff',
    'x-mitre-tactic--00000000-0000-4000-8000-000000000001',
  ),
  fc.constantFrom<Json>(
    'ac-2',
    'ac-2.1',
    'zz-1',
    'qq-999.999',
    'AC-2',
    'ac-02',
    'sr-12',
    'pt-1',
    'yes',
    'no',
    'include-all',
    'with-ids',
    'Revision 5 MODERATE',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: telling }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('copy' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('reuse' as const), at: fc.nat(), from: fc.nat() }),
);

/** Every node of a document under the root, with its parent and key, in document order. */
function nodesOf(root: Json): { parent: Json[] | { [key: string]: Json }; key: string | number; value: Json }[] {
  const out: { parent: Json[] | { [key: string]: Json }; key: string | number; value: Json }[] = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ parent: value, key: i, value: v });
        walk(v);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push({ parent: value, key: k, value: v });
        walk(v);
      }
    }
  };
  walk(root);
  return out;
}

function applyEdits(data: Json, edits: readonly Edit[]): Json {
  const doc = structuredClone(data);
  for (const e of edits) {
    const nodes = nodesOf(doc);
    if (nodes.length === 0) break;
    const node = nodes[e.at % nodes.length]!;
    const { parent, key } = node;
    const put = (value: Json) => ((parent as Record<string | number, Json>)[key] = value);
    if (e.op === 'set') put(e.value);
    else if (e.op === 'reuse') put(structuredClone(nodes[e.from % nodes.length]!.value));
    else if (e.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(node.value));
    else put(Array.isArray(node.value) ? [...node.value, ...structuredClone(node.value)] : structuredClone(node.value));
  }
  return doc;
}

/** A bundle's outcome: a bundle whose catalog is written and read back without a problem, or located problems. */
function checkBundle(name: string, text: string, property: string): void {
  const read = readAttackBundle(name, text);
  for (const warning of read.warnings ?? []) {
    expect(warning.location.file).toBe(name);
    expect(formatImportWarning(warning)).toMatch(/^warning: /);
  }
  if (!read.bundle) {
    count(property, 'problems');
    expectLocated(name, read.problems);
    return;
  }
  count(property, 'result');
  expect(read.problems).toEqual([]);
  const { bundle } = read;
  const ids = new Set(bundle.techniques.map((t) => t.id));
  expect(ids.size).toBe(bundle.techniques.length);
  expect(bundle.techniques.length).toBeGreaterThan(0);
  expect(bundle.matrix.length).toBeGreaterThan(0);
  for (const t of bundle.techniques) {
    if (t.parent) expect(ids.has(t.parent), `${t.id}'s parent ${t.parent}`).toBe(true);
    if (t.revokedBy) expect(ids.has(t.revokedBy), `${t.id} revoked by ${t.revokedBy}`).toBe(true);
  }
  // The catalog it makes is written (its schema checked) and reads back whole, as the next build reads it.
  const written = catalogToJson(addBundle(emptyCatalog(bundle.domain), bundle));
  expect(parseCatalog(`${bundle.domain}.json`, written).problems).toEqual([]);
}

/** A profile's outcome: a baseline file that passes its schema, or located problems. */
function checkProfile(name: string, text: string, property: string): void {
  const read = readOscalProfile(name, text);
  const named = read.profile ? toBaselineFile(read.profile, name, name, { id: 'fuzz-baseline', version: 'rev5' }) : null;
  if (!named?.baseline) {
    count(property, 'problems');
    expectLocated(name, read.profile ? named!.problems : read.problems);
    return;
  }
  count(property, 'result');
  expect(baselineFileSchema.safeParse(named.baseline).success).toBe(true);
}

describe('the importers under fuzzing', () => {
  it('mutated ATT&CK STIX bundles give a bundle whose catalog is valid, or located problems', () => {
    const seeds = parseable(bundleSeeds);
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, edits) => {
        checkBundle(seed.name, JSON.stringify(applyEdits(seed.data, edits)), 'mutated STIX bundles');
      }),
      { numRuns: 300 },
    );
  });

  it('STIX bundles with mutated bytes never crash the reader', () => {
    const seeds = bundleSeeds.map((s) => ({ name: s.name, bytes: new TextEncoder().encode(s.text) }));
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        checkBundle(seed.name, new TextDecoder().decode(mutate(seed.bytes, mutations)), 'STIX bundles, bytes mutated');
      }),
      { numRuns: 100 },
    );
  });

  it('mutated OSCAL profiles give a valid baseline file, or located problems', () => {
    const seeds = parseable(profileSeeds);
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, edits) => {
        checkProfile(seed.name, JSON.stringify(applyEdits(seed.data, edits)), 'mutated OSCAL profiles');
      }),
      { numRuns: 300 },
    );
  });

  it('OSCAL profiles with mutated bytes never crash the reader', () => {
    const seeds = profileSeeds.map((s) => ({ name: s.name, bytes: new TextEncoder().encode(s.text) }));
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        checkProfile(seed.name, new TextDecoder().decode(mutate(seed.bytes, mutations)), 'OSCAL profiles, bytes mutated');
      }),
      { numRuns: 100 },
    );
  });
});
