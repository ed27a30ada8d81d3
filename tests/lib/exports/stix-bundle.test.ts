import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { v5 as uuidv5 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSet, pageUrlsOf } from '../../../src/lib/exports/export-rows.ts';
import { capabilityType, stixBundleOf, stixRelationshipType, type StixBundle, type StixObject } from '../../../src/lib/exports/formats/stix-bundle.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { LoadedSet } from '../../../src/lib/exports/page-downloads.ts';
import { scopeKey } from '../../../src/lib/exports/page-downloads.ts';
import { fixture, ROOT, shared } from '../../support/paths.ts';
import { schemasIn } from '../../support/stix-schemas.ts';

// The OASIS STIX 2.1 JSON schemas are read from ../shared/stix2-json-schemas (beside the
// repository); they are not copied into it.
const SCHEMAS = shared('stix2-json-schemas', 'schemas');

/** Fixture ATT&CK ids: a UUIDv5 of the technique id, as a catalog would give; T1999 is unknown. */
const attackPatternIds = {
  get: (techniqueId: string) => (techniqueId === 'T1999' ? undefined : `attack-pattern--${uuidv5(techniqueId, '6ba7b811-9dad-11d1-80b4-00c04fd430c8')}`),
};

/** The schemas' validators; without ../shared, none (the schema test is skipped, the other rules still checked). */
let validators: Map<string, ValidateFunction> | undefined;
let bundleSchema: ValidateFunction | undefined;
let acme: LoadedSet;
let ctrl: LoadedSet;
/** The sets of the irregular and hostile fixtures and of the default data. */
let messy: LoadedSet[];

async function loadSets(dirs: string[]): Promise<LoadedSet[]> {
  const model = (await runPipeline(dirs)).model!;
  const ctx = indexModel(model);
  const pages = pageUrlsOf((t) => `https://mapscope.example/${t.technique ? `techniques/${t.technique}` : `sets/${t.set}`}/`);
  return model.sets.map((set) => loadSet(ctx, set, pages));
}

beforeAll(async () => {
  if (SCHEMAS) ({ validators, bundleSchema } = schemasIn(SCHEMAS));
  [acme, ctrl] = (await loadSets([fixture('formats')])) as [LoadedSet, LoadedSet];
  messy = await loadSets([fixture('mapex'), fixture('hostile'), path.join(ROOT, 'data')]);
}, 120_000);

/** Every problem of a bundle: schema errors per object, and the STIX rules the schemas leave out. */
function problemsOf(bundle: StixBundle): string[] {
  const problems: string[] = [];
  if (bundleSchema && !bundleSchema(bundle)) problems.push(`bundle: ${JSON.stringify(bundleSchema.errors?.slice(0, 3))}`);
  const ids = new Set<string>();
  const objects = bundle.objects ?? [];
  for (const object of objects) {
    const validate = validators?.get(object.type);
    if (validators && !validate) problems.push(`${object.id}: no schema for type ${object.type}`);
    else if (validate && !validate(object as unknown)) problems.push(`${object.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    if (ids.has(object.id)) problems.push(`${object.id}: id used twice`);
    ids.add(object.id);
    if (!object.id.startsWith(`${object.type}--`)) problems.push(`${object.id}: id of another type than ${object.type}`);
    if (String(object['modified']) < String(object['created'])) problems.push(`${object.id}: modified before created`);
    for (const key of Object.keys(object))
      if (!STANDARD.has(key) && !key.startsWith('x_mapscope_')) problems.push(`${object.id}: custom property ${key} without the x_mapscope_ prefix`);
  }
  for (const object of objects) {
    for (const ref of [object['created_by_ref'], object['source_ref']])
      if (ref !== undefined && !ids.has(String(ref))) problems.push(`${object.id}: ${ref} is not in the bundle`);
    if (object.type === 'relationship' && !String(object['target_ref']).startsWith('attack-pattern--'))
      problems.push(`${object.id}: target ${object['target_ref']} is not an attack-pattern`);
  }
  return problems;
}

const STANDARD = new Set([
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'name',
  'description',
  'external_references',
  'identity_class',
  'relationship_type',
  'source_ref',
  'target_ref',
]);

const byType = (bundle: StixBundle, type: string) => (bundle.objects ?? []).filter((o) => o.type === type);

describe('STIX 2.1 bundles', () => {
  it.skipIf(!SCHEMAS)(
    'validate against the OASIS schemas, every object of every set (fixtures, irregular and hostile files, the default data; needs ../shared/stix2-json-schemas)',
    () => {
      const sets = [acme, ctrl, ...messy];
      expect(sets.length).toBeGreaterThan(10);
      let objects = 0;
      for (const { set, rows } of sets) {
        const { bundle } = stixBundleOf(set, rows, attackPatternIds);
        objects += bundle.objects?.length ?? 0;
        expect(problemsOf(bundle), set.id).toEqual([]);
      }
      expect(objects).toBeGreaterThan(100);
    },
  );

  it('make each capability one SDO of its kind and each mapping a relationship to its technique', () => {
    const { bundle } = stixBundleOf(acme.set, acme.rows, attackPatternIds);
    const capabilities = byType(bundle, 'course-of-action');
    expect(capabilities.map((c) => c['name']).sort()).toEqual(["=CMD|' /C calc'!A0", 'acme_firewall', 'acme_sensor']);
    const firewall = capabilities.find((c) => c['name'] === 'acme_firewall')!;
    expect(firewall).toMatchObject({
      description: 'Acme Firewall',
      external_references: [{ source_name: 'acme', external_id: 'acme_firewall' }],
      x_mapscope_framework: 'acme',
      x_mapscope_framework_version: '2.0',
      x_mapscope_capability_group: 'network',
      x_mapscope_capability_group_name: 'Network features',
    });
    const relationships = byType(bundle, 'relationship');
    const protect = relationships.find((r) => r['source_ref'] === firewall.id && r['x_mapscope_score_category'] === 'protect')!;
    expect(protect).toMatchObject({
      relationship_type: 'technique-scores',
      target_ref: attackPatternIds.get('T1046'),
      description: 'Blocks scans at the edge.\r\nA second line of the note.',
      x_mapscope_score_value: 'significant',
      x_mapscope_mapping_type: 'technique_scores',
      created: '2024-01-13T00:00:00.000Z',
      modified: '2025-02-14T00:00:00.000Z',
    });
    // http(s) references are links; others are kept as text.
    expect(protect['external_references']).toEqual([
      { source_name: 'example.com', url: 'https://example.com/firewall' },
      { source_name: 'example.org', url: 'http://example.org/guide?x=1&y=2' },
      { source_name: 'reference', description: 'javascript:alert(1)' },
      { source_name: 'reference', description: 'ftp://example.net/file.txt' },
      { source_name: 'reference', description: 'vendor-guide-p4' },
    ]);
    const sub = relationships.find((r) => r['target_ref'] === attackPatternIds.get('T1078.004'))!;
    expect(sub).toMatchObject({ x_mapscope_related_score: 'T1078', x_mapscope_score_category: 'detect', x_mapscope_score_value: 'partial' });
    expect(relationships.find((r) => r['target_ref'] === attackPatternIds.get('T1078'))).toMatchObject({ x_mapscope_status: 'in_progress' });
    // A scored row without a value keeps its category and says nothing of a value.
    const unscored = relationships.find((r) => r['x_mapscope_score_category'] === 'respond')!;
    expect(unscored['x_mapscope_score_value']).toBeUndefined();
  });

  it("name the set's organization as one identity that created every object", () => {
    const { bundle } = stixBundleOf(acme.set, acme.rows, attackPatternIds);
    const identities = byType(bundle, 'identity');
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ name: '=Example Labs', identity_class: 'organization' });
    for (const object of bundle.objects!.filter((o) => o.type !== 'identity')) expect(object['created_by_ref']).toBe(identities[0]!.id);
    // A set naming no organization nor author has no creator.
    const none = stixBundleOf(ctrl.set, ctrl.rows, attackPatternIds).bundle;
    expect(byType(none, 'identity')).toEqual([]);
    expect(none.objects!.some((o) => 'created_by_ref' in o)).toBe(false);
  });

  it('list the mappings it cannot hold: techniques the lookup does not know, non-mappable entries', () => {
    const { bundle, report } = stixBundleOf(acme.set, acme.rows, attackPatternIds);
    expect(report.unresolved).toEqual([{ techniqueId: 'T1999', mappings: 1 }]);
    expect(report.nonMappable).toBe(1);
    expect(report.relationships).toBe(byType(bundle, 'relationship').length);
    // No row lost silently: every row is a relationship or in the report.
    expect(report.relationships + report.unresolved.reduce((n, u) => n + u.mappings, 0) + report.nonMappable + report.duplicates).toBe(acme.rows.length);
    expect(bundle.objects!.some((o) => o.type === 'relationship' && !o['target_ref'])).toBe(false);
  });

  it('choose the SDO type by what the capability is: a CVE a vulnerability, VERIS an attack-pattern, else a course of action', () => {
    expect(capabilityType({ frameworkId: 'kev' }, 'CVE-2024-34102')).toBe('vulnerability');
    expect(capabilityType({ frameworkId: 'veris' }, 'action.hacking.variety.Scan network')).toBe('attack-pattern');
    expect(capabilityType({ frameworkId: 'nist_800_53' }, 'AC-4')).toBe('course-of-action');
    expect(capabilityType({ frameworkId: 'azure' }, 'azure_firewall')).toBe('course-of-action');
    const kev = messy.filter((s) => s.set.frameworkId === 'kev').sort((a, b) => b.rows.length - a.rows.length)[0]!;
    const { bundle } = stixBundleOf(kev.set, kev.rows, attackPatternIds);
    const vulnerabilities = byType(bundle, 'vulnerability');
    expect(vulnerabilities.length).toBeGreaterThan(0);
    for (const v of vulnerabilities) expect((v['external_references'] as { source_name: string }[])[0]!.source_name).toBe('cve');
    const veris = messy.find((s) => s.set.frameworkId === 'veris')!;
    const verisBundle = stixBundleOf(veris.set, veris.rows, attackPatternIds).bundle;
    expect(byType(verisBundle, 'attack-pattern').length).toBeGreaterThan(0);
    expect(new Set(byType(verisBundle, 'relationship').map((r) => r['relationship_type']))).toEqual(new Set(['related-to']));
  });

  it('write mapping types in STIX form', () => {
    expect(stixRelationshipType('technique_scores')).toBe('technique-scores');
    expect(stixRelationshipType('Protects')).toBe('protects');
    expect(stixRelationshipType('win11-sgsl')).toBe('win11-sgsl');
    expect(stixRelationshipType('Primary Impact')).toBe('primary-impact');
    expect(stixRelationshipType('日本')).toBe('related-to');
  });

  it("give the same ids and bytes in two builds, and keep a mapping's id when its notes change", async () => {
    const [again] = await loadSets([fixture('formats')]);
    const first = JSON.stringify(stixBundleOf(acme.set, acme.rows, attackPatternIds));
    expect(JSON.stringify(stixBundleOf(again!.set, again!.rows, attackPatternIds))).toBe(first);
    const at = acme.rows.findIndex((r) => r.mapping && r.object['attack_object_id'] !== 'T1999');
    const edited = acme.rows.map((r, i) => (i === at ? { ...r, object: { ...r.object, comments: 'A new note.' } } : r));
    const before = stixBundleOf(acme.set, acme.rows, attackPatternIds).bundle;
    const after = stixBundleOf(acme.set, edited, attackPatternIds).bundle;
    const changed = after.objects!.filter((o, i) => JSON.stringify(o) !== JSON.stringify(before.objects![i]));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ type: 'relationship', description: 'A new note.' });
    expect(after.objects!.map((o) => o.id)).toEqual(before.objects!.map((o) => o.id));
    // The bundle's own id follows its objects'.
    expect(after.id).toBe(before.id);
  });

  it('hold nothing, validly, for a set without mappings', () => {
    const empty = messy.find((s) => !s.rows.some((r) => r.mapping))!;
    const { bundle, report } = stixBundleOf(empty.set, empty.rows, attackPatternIds);
    expect(bundle.objects).toBeUndefined();
    expect(report.relationships).toBe(0);
    expect(problemsOf(bundle)).toEqual([]);
  });

  it("hold a page's mappings only, with the capabilities they name", () => {
    const scope = scopeKey.technique('T1046');
    const rows = acme.rows.filter((r) => r.mapping && r.scopes.includes(scope));
    const { bundle, report } = stixBundleOf(acme.set, rows, attackPatternIds);
    expect(new Set(byType(bundle, 'relationship').map((r) => r['target_ref']))).toEqual(new Set([attackPatternIds.get('T1046')]));
    expect(
      byType(bundle, 'course-of-action')
        .map((c) => c['name'])
        .sort(),
    ).toEqual(['acme_firewall', 'acme_sensor']);
    expect(report.relationships).toBe(rows.length);
    expect(problemsOf(bundle)).toEqual([]);
  });

  it('keep two spellings of one capability as one SDO', () => {
    const { bundle } = stixBundleOf(ctrl.set, ctrl.rows, attackPatternIds);
    const controls = byType(bundle, 'course-of-action') as StixObject[];
    expect(controls.map((c) => c['name']).sort()).toEqual(['AC-02', 'AC-1']);
    expect(byType(bundle, 'relationship').filter((r) => r['source_ref'] === controls.find((c) => c['name'] === 'AC-02')!.id)).toHaveLength(2);
  });
});

describe("the STIX 2.1 bundles the build writes (the registry's format, the catalog's ids)", () => {
  it("validate, every object of every set's bundle, target the catalog's attack-patterns, and are the same bytes in two builds", async () => {
    const { prepareDownloads } = await import('../../../scripts/build-downloads.ts');
    const { techniqueStixId, indexCatalog } = await import('../../../src/lib/attack/catalog.ts');
    const model = (await runPipeline([path.join(ROOT, 'data')])).model!;
    const [first, second] = [await prepareDownloads(model, {}), await prepareDownloads(model, {})];
    const bundles = first.files.filter((f) => f.path.endsWith('_stix.json'));
    expect(bundles.map((f) => f.path).sort()).toEqual(model.sets.map((s) => `${s.id}_stix.json`).sort());
    expect(first.stixGaps).toEqual([]);
    const catalog = indexCatalog(JSON.parse(readFileSync(path.join(ROOT, 'data/attack/enterprise.json'), 'utf8')));
    for (const file of bundles) {
      const bundle = JSON.parse(String(file.content)) as StixBundle;
      expect(problemsOf(bundle), file.path).toEqual([]);
      const set = model.sets.find((s) => file.path === `${s.id}_stix.json`)!;
      const relationships = byType(bundle, 'relationship');
      expect(relationships).toHaveLength(model.mappings.filter((m) => m.setId === set.id).length);
      const targets = new Set(model.mappings.filter((m) => m.setId === set.id).map((m) => techniqueStixId(catalog, m.techniqueId, set.attackVersion)));
      expect(targets.has(undefined)).toBe(false);
      expect(new Set(relationships.map((r) => r['target_ref']))).toEqual(targets);
      expect(second.files.find((f) => f.path === file.path)!.content, `${file.path}: a rebuild gives the same file`).toBe(file.content);
    }
  }, 60_000);
});
