/**
 * Careless and hostile input that used to pass without a word (issue 19, items 5, 6, 7 and 10),
 * against `npm run data`, `npm run attack` and `npm run baselines` run as a user runs them: each
 * case's exit code and message (file, line or pointer, field, expected, found), and the previous
 * outputs (model.json, the ATT&CK catalog, the baselines) byte for byte as they were when the
 * command refuses. A case that is a warning (the command goes on) says so in its output and in
 * what it writes; the cases that already behaved are here too, so the sweep is whole. Inputs are
 * made in a temporary folder from the fixtures.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../support/paths.ts';

const TIMEOUT = 30_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a script the way npm runs it. */
function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}.ts`, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, MAPSCOPE_DATA: '', MAPSCOPE_MAX_INPUT_MB: '', MAPSCOPE_STRICT: '', ...env },
        timeout: TIMEOUT,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number }) | null;
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr });
      },
    );
  });
}

/** Every file under a folder and its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const full = path.join(dir, name);
    out[name] = await readFile(full).then(
      (b) => b.toString('base64'),
      () => '(folder)',
    );
  }
  return out;
}

let work: string;
const at = (...parts: string[]) => path.join(work, ...parts);
const write = async (file: string, content: string | Buffer) => {
  await mkdir(path.dirname(at(file)), { recursive: true });
  await writeFile(at(file), content);
};

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const METADATA = {
  attack_version: '16.1',
  technology_domain: 'enterprise',
  mapping_framework: 'acme',
  mapping_framework_version: '1',
  mapping_types: { protects: { name: 'protects' } },
};
const OBJECT = {
  capability_id: 'A-1',
  capability_description: 'Door lock',
  mapping_type: 'protects',
  attack_object_id: 'T1046',
  attack_object_name: 'Network Service Discovery',
  references: [],
  status: 'complete',
};
const unified = (metadata: object, objects: object[] = [OBJECT]) => JSON.stringify({ metadata: { ...METADATA, ...metadata }, mapping_objects: objects });
const CSV_HEADER =
  'mapping_framework,mapping_framework_version,capability_id,capability_description,mapping_type,attack_object_id,attack_object_name,attack_version,technology_domain';
const csvRow = 'acme,1,A-1,Door lock,protects,T1046,Network Service Discovery,16.1,enterprise';

/** The invented ATT&CK 1.0 bundle (tests/fixtures/attack/bundles), as objects, to change one thing in. */
let bundle: { objects: Record<string, unknown>[] } & Record<string, unknown>;
const bundleWith = (change: (objects: Record<string, unknown>[]) => Record<string, unknown>[]) =>
  JSON.stringify({ ...bundle, objects: change(structuredClone(bundle.objects)) });
const byAttackId = (objects: Record<string, unknown>[], id: string) =>
  objects.findIndex((o) => (o['external_references'] as { external_id?: string }[] | undefined)?.[0]?.external_id === id);

const BASELINE = {
  format: 'mapscope-baseline/1',
  id: 'acme-low',
  title: 'Acme LOW',
  version: null,
  frameworkId: 'nist_800_53',
  frameworkVersion: 'rev5',
  source: 'acme_profile.json',
  controls: ['AC-2', 'ZZ-1', 'QQ-999(999)'],
};

/** Where the repository's own outputs are, and their bytes before the suite: no case may touch them. */
const OWN = ['data/attack', 'data/baselines'];
const own: Record<string, Record<string, string>> = {};
/** Where the profile lists zz-1 (qq-999.999 follows it). */
let zzAt = 0;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mapscope-hostile-inputs-'));
  for (const dir of OWN) own[dir] = await snapshot(path.join(ROOT, dir));
  bundle = JSON.parse(await readFile(fixture('attack', 'bundles', 'enterprise-attack-1.0.json'), 'utf8'));

  // npm run data
  await write('dup-column/acme.csv', `${CSV_HEADER},comments,references,comments\n${csvRow},first note,[],second note\n`);
  await write('both-groups/acme.csv', `${CSV_HEADER},group,capability_group\n${csvRow},g1,g2\n`);
  await write(
    'disagree/a_attack-16.1-enterprise.json',
    unified({ creation_date: '01/13/2022', organization: 'Acme Labs', capability_groups: { doors: 'Doors' } }, [{ ...OBJECT, capability_group: 'doors' }]),
  );
  await write(
    'disagree/b_attack-16.1-enterprise.json',
    unified({ creation_date: '02/14/2023', organization: 'Acme Corp', capability_groups: { doors: 'Gates' } }, []),
  );
  await write(
    'nul/acme.json',
    unified({ organization: 'Acme\u0000 Labs' }, [{ ...OBJECT, comments: 'Locks\u0000 the door\u0007', references: ['https://acme.example/\u0000door'] }]),
  );
  await write('nul-csv/acme.csv', `${CSV_HEADER},comments\n${csvRow},"Locks\u0000 the door"\n`);
  await write(
    'nul-techniques/techniques.csv',
    'attack_object_id,attack_object_name,attack_version,technology_domain,description\nT1046,Network\u0000 Service Discovery,16.1,enterprise,x\n',
  );
  await write('hidden/acme.json', unified({}));
  await write('hidden/..dots..csv', `${CSV_HEADER}\nacme,1,A-2,Broken,protects,T9,x,16.1,enterprise\n`);
  await write('hidden/.old.json', unified({}));
  await write('hidden/.git/config.json', '{}');
  await write('hidden/.DS_Store', 'not data');
  await write('given/.given.json', unified({}));
  await write('related/acme.json', unified({}, [{ ...OBJECT, related_score: 'the parent' }]));
  await write(
    'proto/acme.json',
    unified({}).replace('"mapping_types":{"protects":{"name":"protects"}}', '"mapping_types":{"protects":{"name":"protects"},"__proto__":{"name":"Sneaky"}}'),
  );
  await write('constructor/acme.json', unified({ capability_groups: { constructor: 'Builders' } }));
  await write('proto-row/acme.csv', `${CSV_HEADER}\nacme,1,A-1,Door lock,__proto__,T1046,x,16.1,enterprise\n`);
  await write('baseline-input/acme.json', unified({}));
  await write('baseline-input/acme-low.json', JSON.stringify(BASELINE));
  await write('baseline-folder/acme-low.json', JSON.stringify(BASELINE));
  await write('cells/acme.csv', `${CSV_HEADER}\n${csvRow},extra\n`);

  // npm run attack
  await write(
    'bundles/no-techniques/enterprise-attack-1.0.json',
    bundleWith((o) => o.filter((x) => x['type'] !== 'attack-pattern' && x['type'] !== 'relationship')),
  );
  const twin = (revoked: boolean) =>
    bundleWith((o) => {
      const copy = structuredClone(o[byAttackId(o, 'T1902')]!);
      return [...o, { ...copy, id: 'attack-pattern--00000000-0000-4000-8000-0000000000aa', name: 'Renamed Rooms', ...(revoked ? { revoked: true } : {}) }];
    });
  await write('bundles/twins/enterprise-attack-1.0.json', twin(false));
  await write('bundles/revoked-twin/enterprise-attack-1.0.json', twin(true));
  await write(
    'bundles/revoked-by-missing/enterprise-attack-1.0.json',
    bundleWith((o) => {
      const old = o[byAttackId(o, 'T1904')]!;
      old['revoked'] = true;
      return [
        ...o,
        {
          type: 'relationship',
          id: 'relationship--00000000-0000-4000-8000-0000000000bb',
          relationship_type: 'revoked-by',
          source_ref: old['id'],
          target_ref: 'attack-pattern--00000000-0000-4000-8000-0000000000ff',
        },
      ];
    }),
  );
  await write(
    'bundles/orphan/enterprise-attack-1.0.json',
    bundleWith((o) => o.filter((x, i) => i !== byAttackId(o, 'T1901') && x['relationship_type'] !== 'subtechnique-of')),
  );
  await write(
    'bundles/wrong-parent/enterprise-attack-1.0.json',
    bundleWith((o) => o.map((x) => (x['relationship_type'] === 'subtechnique-of' ? { ...x, target_ref: o[byAttackId(o, 'T1902')]!['id'] } : x))),
  );
  await write(
    'bundles/smaller/enterprise-attack-1.0.json',
    bundleWith((o) => o.filter((_, i) => i !== byAttackId(o, 'T1905'))),
  );
  await write('bundles/again/enterprise-attack-1.0.json', JSON.stringify(bundle));
  // What the fuzz test (tests/lib/ingest/fuzz.test.ts) found: each a stack trace before.
  await write(
    'bundles/stix-id/enterprise-attack-1.0.json',
    bundleWith((o) => o.map((x, i) => (i === byAttackId(o, 'T1902') ? { ...x, id: 'attack-pattern--rooms' } : x))),
  );
  await write(
    'bundles/null-phase/enterprise-attack-1.0.json',
    bundleWith((o) =>
      o.map((x, i) =>
        i === byAttackId(o, 'T1902') ? { ...x, kill_chain_phases: [null], external_references: [null, ...(x['external_references'] as unknown[])] } : x,
      ),
    ),
  );
  const complete = JSON.parse(await readFile(fixture('attack', 'complete', 'enterprise-attack-5.0.json'), 'utf8'));
  await write(
    'bundles/proto-type/enterprise-attack-5.0.json',
    JSON.stringify({ ...complete, objects: [...complete.objects, { type: '__proto__', id: '__proto__--1' }, { type: 'constructor', id: 'constructor--1' }] }),
  );

  // npm run baselines
  const profile = JSON.parse(await readFile(fixture('oscal', 'profiles', 'acme_rev5_MODERATE-baseline_profile.json'), 'utf8'));
  const ids = profile.profile.imports[0]['include-controls'][0]['with-ids'] as string[];
  zzAt = ids.length;
  profile.profile.imports[0]['include-controls'][0]['with-ids'] = [...ids, 'zz-1', 'qq-999.999'];
  await write('profiles/acme_rev5_MODERATE-baseline_profile.json', JSON.stringify(profile, null, 2));
  await write('profiles-upper/acme_rev5_MODERATE-baseline_profile.json', JSON.stringify(profile).replace('"zz-1"', '"ZZ-1"'));
}, 60_000);

afterAll(() => rm(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------------------------

interface Case {
  name: string;
  args: () => string[];
  env?: () => Record<string, string>;
  code: number;
  /** Lines stderr holds, each whole. */
  lines?: () => string[];
  /** For a case the command goes on with: what its output and what it wrote must show. */
  check?: (run: Run, out: string) => Promise<void>;
}

/** Cases for one command, each with an output folder made before and, when it refuses, compared after. */
function sweep(script: string, outputs: () => Promise<string>, cases: Case[]) {
  for (const c of cases) {
    it(c.name, async () => {
      const out = await outputs();
      const before = await snapshot(out);
      const result = await cli(script, [...c.args(), '--out', out], c.env?.());
      if (c.lines) expect(result.stderr.split('\n')).toEqual(expect.arrayContaining(c.lines()));
      expect(result.code, result.stderr).toBe(c.code);
      expect(result.stderr).not.toMatch(/^\s+at |TypeError|RangeError|Invalid input/m);
      if (c.code !== 0) {
        expect(result.stderr).toMatch(/Nothing was written; the (previous model|catalog|baselines) (is|are) unchanged\./);
        expect(await snapshot(out)).toEqual(before);
      }
      await c.check?.(result, out);
    });
  }
}

const modelOf = async (out: string) => JSON.parse(await readFile(path.join(out, 'model.json'), 'utf8'));

/** Every text of a parsed JSON value. */
const textsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(textsOf)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(textsOf)
        : [];

/** A file as pages and the model name it: under the name of the folder given (read-inputs.ts, inputName). */
const named = (...parts: string[]) => parts.join('/');

describe('npm run data: careless and hostile mapping files', () => {
  const previousModel = async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-model-'));
    await writeFile(path.join(out, 'model.json'), '{"previous": true}\n');
    return out;
  };
  sweep('build-model', previousModel, [
    {
      name: 'a CSV with two comments columns: an error naming the file, line 1, the column and both positions (not the last kept)',
      args: () => ['--data', at('dup-column')],
      code: 1,
      lines: () => [
        `${at('dup-column', 'acme.csv')}:1: header: expected one column named "comments" (a row's cells in both could not both be read), got it in columns 10 and 12`,
      ],
    },
    {
      name: 'a CSV with both group and capability_group: an error, not one silently preferred',
      args: () => ['--data', at('both-groups')],
      code: 1,
      lines: () => [
        `${at('both-groups', 'acme.csv')}:1: header: expected one column for the capability group: capability_group, or group (its older name), got both, capability_group in column 11 and group in column 10`,
      ],
    },
    {
      name: 'two metadata files of one set that disagree: warnings naming the value kept, why, and both files',
      args: () => ['--data', at('disagree')],
      code: 0,
      check: async (run, out) => {
        expect(run.stdout).toContain('  Files of one set whose metadata disagree [set-metadata-differs]: 3');
        const warnings = (await modelOf(out)).warnings.filter((w: { kind: string }) => w.kind === 'set-metadata-differs');
        const [a, b] = [named('disagree', 'a_attack-16.1-enterprise.json'), named('disagree', 'b_attack-16.1-enterprise.json')];
        const why = (kept: string) => `not used: the set keeps ${kept} from ${a}, the first of its files read that gives one (files are read in path order)`;
        expect(
          warnings.map((w: { field: string; found: string; action: string; occurrences: { location: unknown }[] }) => [
            w.field,
            w.found,
            w.action,
            w.occurrences[0]!.location,
          ]),
        ).toEqual([
          ['creation_date', `"2023-02-14" in ${b}`, why('"2022-01-13"'), { file: b, pointer: '/metadata/creation_date' }],
          ['organization', `"Acme Corp" in ${b}`, why('"Acme Labs"'), { file: b, pointer: '/metadata/organization' }],
          ['capability_groups.doors', `"Gates" in ${b}`, why('"Doors"'), { file: b, pointer: '/metadata/capability_groups/doors' }],
        ]);
      },
    },
    {
      name: "NUL and other control characters in a file's fields: removed, each field said, none reaches the model",
      args: () => ['--data', at('nul')],
      code: 0,
      check: async (run, out) => {
        expect(run.stdout).toContain('  Text with control characters (NUL and the like) [control-characters]: 3');
        const model = await modelOf(out);
        const warnings = model.warnings.filter((w: { kind: string }) => w.kind === 'control-characters');
        expect(warnings.map((w: { field: string; found: string; action: string }) => [w.field, w.found, w.action])).toEqual([
          ['organization', '"Acme\\u0000 Labs"', 'the control character (U+0000) removed; the rest of the text kept'],
          ['references[0]', '"https://acme.example/\\u0000door"', 'the control character (U+0000) removed; the rest of the text kept'],
          ['comments', '"Locks\\u0000 the door\\u0007"', '2 control characters (U+0000, U+0007) removed; the rest of the text kept'],
        ]);
        expect(textsOf(model).filter((t) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t))).toEqual([]);
        expect(model.mappings[0].comments).toBe('Locks the door');
        expect(model.sets[0].organization).toBe('Acme Labs');
      },
    },
    {
      name: 'a NUL in a CSV cell: removed, with a warning on its line',
      args: () => ['--data', at('nul-csv')],
      code: 0,
      check: async (_, out) => {
        const warning = (await modelOf(out)).warnings.find((w: { kind: string }) => w.kind === 'control-characters');
        expect(warning).toMatchObject({
          field: 'comments',
          found: '"Locks\\u0000 the door"',
          occurrences: [{ location: { file: named('nul-csv', 'acme.csv'), line: 2 } }],
        });
      },
    },
    {
      name: 'control characters with --strict: an error',
      args: () => ['--data', at('nul-csv'), '--strict'],
      code: 1,
      lines: () => [
        `${at('nul-csv', 'acme.csv')}:2: comments: expected text without control characters (tabs and line breaks aside), got "Locks\\u0000 the door" (without --strict: the control character (U+0000) removed; the rest of the text kept)`,
      ],
    },
    {
      name: 'a NUL in a technique table: an error naming the cell',
      args: () => ['--data', at('nul-techniques')],
      code: 1,
      lines: () => [
        `${at('nul-techniques', 'techniques.csv')}:2: attack_object_name: expected text without control characters (tabs and line breaks aside), got "Network\\u0000 Service Discovery"`,
      ],
    },
    {
      name: 'data files named with a leading "." in a folder (..dots..csv too): refused by name, not skipped; hidden folders and non-data files passed over',
      args: () => ['--data', at('hidden')],
      code: 1,
      lines: () => [
        `${at('hidden', '..dots..csv')}: expected a data file whose name does not start with "." (rename it to have it read, or move it out of the data folder), got the hidden file "..dots..csv"`,
        `${at('hidden', '.old.json')}: expected a data file whose name does not start with "." (rename it to have it read, or move it out of the data folder), got the hidden file ".old.json"`,
      ],
      check: async (run) => {
        expect(run.stderr).not.toContain('config.json');
        expect(run.stderr).not.toContain('.DS_Store');
      },
    },
    {
      name: '(already) a data file with a leading "." given by name: read like any other',
      args: () => ['--data', at('given', '.given.json')],
      code: 0,
      check: async (_, out) => expect((await modelOf(out)).mappings).toHaveLength(1),
    },
    {
      name: 'a related_score that is not a technique id: kept as written, with a warning',
      args: () => ['--data', at('related')],
      code: 0,
      check: async (run, out) => {
        expect(run.stdout).toContain('  Related scores that are not technique ids [related-score-unknown]: 1');
        const model = await modelOf(out);
        expect(model.mappings[0].relatedScore).toBe('the parent');
        expect(model.warnings).toEqual([
          expect.objectContaining({
            kind: 'related-score-unknown',
            field: 'related_score',
            found: '"the parent"',
            action: 'kept as written: it names no technique',
          }),
        ]);
      },
    },
    {
      name: 'a __proto__ mapping type: an error naming its pointer (it was dropped without a word)',
      args: () => ['--data', at('proto')],
      code: 1,
      lines: () => [
        `${at('proto', 'acme.json')}#/metadata/mapping_types/__proto__: mapping_types: expected a mapping type id other than the names JavaScript objects reserve (__proto__, constructor, prototype, toString, ...), got "__proto__"`,
      ],
    },
    {
      name: 'a capability group named constructor: an error',
      args: () => ['--data', at('constructor')],
      code: 1,
      lines: () => [
        `${at('constructor', 'acme.json')}#/metadata/capability_groups/constructor: capability_groups: expected a capability group id other than the names JavaScript objects reserve (__proto__, constructor, prototype, toString, ...), got "constructor"`,
      ],
    },
    {
      name: 'a CSV row whose mapping type is __proto__: an error on its line',
      args: () => ['--data', at('proto-row')],
      code: 1,
      lines: () => [
        `${at('proto-row', 'acme.csv')}:2: mapping_type: expected a mapping type name other than the names JavaScript objects reserve (__proto__, constructor, prototype, toString, ...), got "__proto__"`,
      ],
    },
    {
      name: 'a baseline among the data with controls of no SP 800-53 family (ZZ-1, QQ-999(999)): an error for each, with its pointer',
      args: () => ['--data', at('baseline-input')],
      code: 1,
      lines: () =>
        ['1', '2'].map(
          (i) =>
            `${at('baseline-input', 'acme-low.json')}#/controls/${i}: controls[${i}]: expected a control of one of SP 800-53's families (AC, AT, AU, CA, CM, CP, IA, IR, MA, MP, PE, PL, PM, PS, PT, RA, SA, SC, SI, SR), got ${i === '1' ? '"ZZ-1"' : '"QQ-999(999)"'}`,
        ),
    },
    {
      name: 'the same baseline in the baselines folder (MAPSCOPE_BASELINES): an error too',
      args: () => ['--data', at('given', '.given.json')],
      env: () => ({ MAPSCOPE_BASELINES: at('baseline-folder') }),
      code: 1,
      lines: () => [
        `${at('baseline-folder', 'acme-low.json')}#/controls/1: controls[1]: expected a control of one of SP 800-53's families (AC, AT, AU, CA, CM, CP, IA, IR, MA, MP, PE, PL, PM, PS, PT, RA, SA, SC, SI, SR), got "ZZ-1"`,
      ],
    },
    // Already refused before issue 19, kept in the sweep.
    {
      name: '(already) a row with more cells than the header: an error on its line',
      args: () => ['--data', at('cells')],
      code: 1,
      lines: () => [`${at('cells', 'acme.csv')}:2: expected 9 cells, got 10`],
    },
    {
      name: '(already) a row naming a mapping type its file does not declare',
      args: () => ['--data', fixture('broken', 'undeclared-mapping-type.json')],
      code: 1,
      lines: () => ['tests/fixtures/broken/undeclared-mapping-type.json#/mapping_objects/1: mapping_type: expected protects, got "detects"'],
    },
  ]);
});

describe('npm run attack: bundles it no longer trusts', () => {
  // A catalog holding the invented enterprise 1.0 and 2.0, made once and copied for each case.
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-base-'));
    const made = await cli('import-attack', [fixture('attack', 'bundles'), '--out', base]);
    expect(made.code, made.stderr).toBe(0);
  }, 60_000);
  const catalog = async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-'));
    await cp(base, out, { recursive: true });
    return out;
  };
  const bundleAt = (name: string) => at('bundles', name, 'enterprise-attack-1.0.json');
  const enterprise = async (out: string) => JSON.parse(await readFile(path.join(out, 'enterprise.json'), 'utf8'));
  sweep('import-attack', catalog, [
    {
      name: 'a matrix and tactics but no attack-patterns: refused (it replaced 1.0 with 0 techniques)',
      args: () => [bundleAt('no-techniques')],
      code: 1,
      lines: () => [
        `${bundleAt('no-techniques')}: expected ATT&CK techniques: attack-pattern objects (a bundle of tactics alone would leave its version without techniques), got none`,
      ],
    },
    {
      name: 'an ATT&CK id on two active attack-patterns: an error naming both objects (the later won)',
      args: () => [bundleAt('twins')],
      code: 1,
      lines: () => [
        `${bundleAt('twins')}#/objects/13: external_references: expected one attack-pattern per ATT&CK id that is neither revoked nor deprecated (T1902 is also "attack-pattern--00000000-0000-4000-8000-000000000004" (/objects/8)), got 2 active ones`,
      ],
    },
    {
      name: 'an ATT&CK id on an active and a revoked attack-pattern (as published bundles have across types): the active one read, a warning',
      args: () => [bundleAt('revoked-twin')],
      code: 0,
      lines: () => [
        `warning: ${bundleAt('revoked-twin')}#/objects/13: external_references: "attack-pattern--00000000-0000-4000-8000-0000000000aa", a revoked or deprecated attack-pattern with the id T1902: left out: T1902 is read from the active one, "attack-pattern--00000000-0000-4000-8000-000000000004" (/objects/8)`,
      ],
      check: async (_, out) => {
        const t1902 = (await enterprise(out)).techniques.find((t: { id: string }) => t.id === 'T1902');
        expect(t1902.states.find((s: { versions: string[] }) => s.versions.includes('1.0')).name).toBe('Count Rooms');
      },
    },
    {
      name: 'a revoked-by to an object the bundle lacks: an error naming the relationship (the replacement was dropped)',
      args: () => [bundleAt('revoked-by-missing')],
      code: 1,
      lines: () => [
        `${bundleAt('revoked-by-missing')}#/objects/13: target_ref: expected the STIX id of an attack-pattern in the bundle (the technique that replaces it, in the revoked-by relationship "relationship--00000000-0000-4000-8000-0000000000bb"), got "attack-pattern--00000000-0000-4000-8000-0000000000ff", which no object in the bundle has`,
      ],
    },
    {
      name: 'a sub-technique whose parent the bundle lacks: an error (it got a parent that does not exist)',
      args: () => [bundleAt('orphan')],
      code: 1,
      lines: () => [
        `${bundleAt('orphan')}#/objects/6: external_references: expected a sub-technique whose parent technique is in the bundle (T1901 for T1901.001), got "attack-pattern--00000000-0000-4000-8000-000000000002", T1901.001, without T1901`,
      ],
    },
    {
      name: 'a subtechnique-of to another technique than its parent: an error',
      args: () => [bundleAt('wrong-parent')],
      code: 1,
      lines: () => [
        `${bundleAt('wrong-parent')}#/objects/12: target_ref: expected the parent of T1901.001, T1901 (in the subtechnique-of relationship "relationship--00000000-0000-4000-8000-000000000001"), got "attack-pattern--00000000-0000-4000-8000-000000000004", which is T1902`,
      ],
    },
    {
      name: 'a bundle with fewer techniques than the catalog has of its version: refused without --force',
      args: () => [bundleAt('smaller')],
      code: 1,
      lines: () => [
        `${bundleAt('smaller')}: expected at least the 6 techniques and sub-techniques and 3 tactics the catalog has of enterprise 1.0 (--force replaces it all the same), got 5 techniques and sub-techniques and 3 tactics`,
      ],
    },
    {
      name: 'the same with --force: replaced',
      args: () => [bundleAt('smaller'), '--force'],
      code: 0,
      check: async (run, out) => {
        expect(run.stdout).toContain('enterprise 1.0: 5 techniques and sub-techniques (5 active), 3 tactics (replaces the version in the catalog)');
        const t1905 = (await enterprise(out)).techniques.find((t: { id: string }) => t.id === 'T1905');
        expect(t1905?.states.some((s: { versions: string[] }) => s.versions.includes('1.0')) ?? false).toBe(false);
      },
    },
    {
      name: 'two bundles of one version: an error naming both (the later replaced the earlier)',
      args: () => [bundleAt('again'), fixture('attack', 'bundles', 'enterprise-attack-1.0.json')],
      code: 1,
      lines: () => [
        `tests/fixtures/attack/bundles/enterprise-attack-1.0.json: expected one bundle of enterprise 1.0 (${bundleAt('again')} is one too), got a second one`,
      ],
    },
    {
      name: "an attack-pattern whose STIX id is not attack-pattern--<uuid>: an error (the catalog's check threw at write time)",
      args: () => [bundleAt('stix-id')],
      code: 1,
      lines: () => [`${bundleAt('stix-id')}#/objects/8: id: expected a STIX id of the form attack-pattern--<uuid> (on T1902), got "attack-pattern--rooms"`],
    },
    {
      name: 'a null kill chain phase and a null external reference: an error, no TypeError',
      args: () => [bundleAt('null-phase')],
      code: 1,
      lines: () => [
        `${bundleAt('null-phase')}#/objects/8: kill_chain_phases: expected a tactic the bundle holds (first-steps|looking-around|leaving), got nothing on T1902 (attack-pattern--00000000-0000-4000-8000-000000000004)`,
      ],
    },
    {
      name: 'objects of type "__proto__" and "constructor" in a complete bundle: passed over like any type Mapscope does not read, no TypeError',
      args: () => [at('bundles', 'proto-type', 'enterprise-attack-5.0.json')],
      code: 0,
      check: async (run) => expect(run.stdout).toContain('enterprise 5.0: '),
    },
    {
      name: '(already) the same version again, as large: replaced, exit 0',
      args: () => [bundleAt('again')],
      code: 0,
      check: async (run) =>
        expect(run.stdout).toContain('enterprise 1.0: 6 techniques and sub-techniques (6 active), 3 tactics (replaces the version in the catalog)'),
    },
    {
      name: '(already) a technique naming a tactic the bundle lacks',
      args: () => [fixture('attack', 'broken', 'enterprise-attack-4.0.json')],
      code: 1,
      lines: () => [
        expect.stringMatching(/enterprise-attack-4\.0\.json#\/objects\/6: kill_chain_phases: expected a tactic the bundle holds/) as unknown as string,
      ],
    },
  ]);
});

describe('npm run baselines: control ids of no SP 800-53 family', () => {
  const baselines = async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    await cp(path.join(ROOT, 'data', 'baselines'), out, { recursive: true });
    return out;
  };
  const profile = (dir: string) => at(dir, 'acme_rev5_MODERATE-baseline_profile.json');
  const families = 'ac, at, au, ca, cm, cp, ia, ir, ma, mp, pe, pl, pm, ps, pt, ra, sa, sc, si, sr';
  sweep('import-baselines', baselines, [
    {
      name: 'zz-1 and qq-999.999 in a profile: an error for each, naming the file, pointer, expected and found',
      args: () => [profile('profiles')],
      code: 1,
      lines: () => [
        `${profile('profiles')}#/profile/imports/0/include-controls/0/with-ids/${zzAt}: with-ids: expected an SP 800-53 control id, of one of its families (${families}), got "zz-1", of the family zz, which SP 800-53 does not have`,
        `${profile('profiles')}#/profile/imports/0/include-controls/0/with-ids/${zzAt + 1}: with-ids: expected an SP 800-53 control id, of one of its families (${families}), got "qq-999.999", of the family qq, which SP 800-53 does not have`,
      ],
    },
    {
      name: '(already) ZZ-1 in capitals: not an OSCAL id',
      args: () => [profile('profiles-upper')],
      code: 1,
      lines: () => [
        `${profile('profiles-upper')}#/profile/imports/0/include-controls/0/with-ids/${zzAt}: with-ids: expected an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1", got "ZZ-1"`,
      ],
    },
    {
      name: '(already) include-all: refused, it needs the catalog',
      args: () => [fixture('oscal', 'broken', 'include-all.json')],
      code: 1,
      lines: () => [
        expect.stringMatching(
          /include-all\.json#\/profile\/imports\/0\/include-all: include-all: expected include-controls with with-ids/,
        ) as unknown as string,
      ],
    },
  ]);
});

describe("the repository's own outputs", () => {
  it('are byte for byte as before the sweep (data/attack, data/baselines)', async () => {
    for (const dir of OWN) expect(await snapshot(path.join(ROOT, dir)), dir).toEqual(own[dir]);
  });
});
