import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { unifiedJsonOf } from '../../../src/lib/exports/export-formats.ts';
import { loadSet, pageUrlsOf } from '../../../src/lib/exports/export-rows.ts';
import { toYaml, yamlOf } from '../../../src/lib/exports/formats/yaml.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { buildModel } from '../../../src/lib/ingest/normalize/normalize.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { listInputFiles, parseInputFile } from '../../../src/lib/ingest/read-inputs.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import type { LoadedSet } from '../../../src/lib/exports/page-downloads.ts';
import { fixture, ROOT } from '../../support/paths.ts';

let sets: LoadedSet[];

beforeAll(async () => {
  const model = (await runPipeline([fixture('formats'), fixture('mapex'), fixture('hostile'), path.join(ROOT, 'data')])).model!;
  const ctx = indexModel(model);
  sets = model.sets.map((set) =>
    loadSet(
      ctx,
      set,
      pageUrlsOf(() => 'https://mapscope.example/'),
    ),
  );
});

/** The model `npm run data` makes of one file, with the file's name taken out of where-read fields. */
function modelOf(name: string, text: string): string {
  const read = parseInputFile(name, Buffer.from(text));
  expect(read.problems).toEqual([]);
  const built = buildModel([read.input!], [name]);
  expect(built.problems).toEqual([]);
  const model: Model = built.model!;
  return JSON.stringify(model).replaceAll(JSON.stringify(name).slice(1, -1), 'FILE');
}

/** Strings a YAML writer must quote, escape or keep whole, and the awkward text of mapping files. */
const awkward = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'yes',
      'No',
      'ON',
      'off',
      'y',
      'n',
      '~',
      'null',
      'Null',
      'true',
      'FALSE',
      '1_000',
      '0x1F',
      '0o17',
      '017',
      '1e3',
      '.inf',
      '-.NaN',
      '12:30:05',
      '2024-08-20',
      '2024-08-20 10:00:00',
      '08/20/2024',
      '- item',
      '-',
      '? key',
      ': value',
      'a: b',
      'a #b',
      '#c',
      '*alias',
      '&anchor',
      '!!python/object:os.system',
      '!tag',
      '%YAML 1.1',
      '---',
      '...',
      '|',
      '>',
      '"q"',
      "'q'",
      '@x',
      '`x',
      '{a: 1}',
      '[1, 2]',
      'tab\tinside',
      '\tlead',
      'trail ',
      ' lead',
      'line\nbreak',
      'crlf\r\nend',
      'cr\rend',
      'a\n\nb\n',
      '\n',
      'nel\u0085x',
      'ls\u2028x',
      'bom\ufeffx',
      'del\u007fx',
      'c1\u0090x',
      '\u0000nul',
      'ü é 日本 😀',
      '=1+1',
      '<script>',
    ),
  },
);

describe('YAML downloads', () => {
  it("are YAML 1.2 documents of the JSON file's content", () => {
    expect(sets.length).toBeGreaterThan(10);
    for (const { set, rows } of sets) {
      const yaml = yamlOf(set, rows);
      expect(yaml.startsWith('%YAML 1.2\n---\n'), set.id).toBe(true);
      expect(parse(yaml), set.id).toEqual(unifiedJsonOf(set, rows));
    }
  });

  it('load back through the pipeline (npm run data) into the same model as the JSON file', () => {
    for (const { set, rows } of sets) {
      const json = `${JSON.stringify(unifiedJsonOf(set, rows))}\n`;
      // Sets without metadata of their own, or with no row that reads, are not models on their own.
      if (!rows.length) continue;
      expect(modelOf(`${set.id}.yaml`, yamlOf(set, rows)), set.id).toBe(modelOf(`${set.id}.json`, json));
    }
  });

  it('read the same in YAML 1.2 and 1.1 loaders, whatever the strings hold', () => {
    fc.assert(
      fc.property(
        fc.dictionary(awkward, fc.oneof(awkward, fc.array(awkward, { maxLength: 3 }), fc.constant(null), fc.integer(), fc.boolean()), { maxKeys: 6 }),
        (value) => {
          const yaml = toYaml({ metadata: value, mapping_objects: [value, value] });
          const expected = { metadata: value, mapping_objects: [value, value] };
          expect(parse(yaml)).toEqual(expected);
          // A YAML 1.1 loader (PyYAML) reads the document with its own rules, whatever its directive says.
          const asYaml11 = yaml.replace(/^%YAML 1\.2\n/, '%YAML 1.1\n');
          expect(asYaml11).not.toBe(yaml);
          expect(parse(asYaml11)).toEqual(expected);
          // Nothing a loader could expand or run: no anchors, aliases or tags.
          expect(parse(asYaml11, { maxAliasCount: 0 })).toEqual(expected);
          // Only what every YAML loader reads as written: printable characters (YAML 1.2, 5.1), and
          // no tab, NEL, LS or PS (PyYAML refuses a tab in a plain scalar; YAML 1.1 breaks lines at the others).
          expect(yaml).not.toMatch(/[^\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\u2028\u2029]/u);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reading YAML input', () => {
  it('lists .yaml and .yml files among the inputs of a folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-yaml-'));
    const [set] = sets;
    await writeFile(path.join(dir, 'a.yaml'), yamlOf(set!.set, set!.rows));
    await writeFile(path.join(dir, 'b.yml'), yamlOf(set!.set, set!.rows));
    await writeFile(path.join(dir, 'c.txt'), 'not read');
    const { files, problems } = await listInputFiles([dir]);
    expect(problems).toEqual([]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.yaml', 'b.yml']);
  });

  it('says where a YAML file is broken, and what it holds when it is not a mapping file', () => {
    const broken = parseInputFile('mappings/set.yaml', Buffer.from('metadata:\n  attack_version: "16.1"\n  attack_version: "17.1"\nmapping_objects: []\n'));
    expect(broken.problems.map(formatProblem)).toEqual(['mappings/set.yaml:3: expected valid YAML, got a syntax error: Map keys must be unique (column 3)']);
    const other = parseInputFile('mappings/other.yml', Buffer.from('version: 1\ntechniques: []\n'));
    expect(other.problems.map(formatProblem)).toEqual([
      'mappings/other.yml: expected a Mappings Explorer mapping file (an object with "metadata" and "mapping_objects"), got an object with keys "version", "techniques"',
    ]);
  });
});
