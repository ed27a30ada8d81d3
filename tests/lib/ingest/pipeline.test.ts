import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { fixture } from '../../support/paths.ts';

// Every irregular shape of the published files, in one folder (see tests/fixtures/mapex).
let model: Model;
let objectsInFiles: number;

beforeAll(async () => {
  const result = await runPipeline([fixture('mapex')]);
  expect(result.problems).toEqual([]);
  model = result.model!;
  const { readFile } = await import('node:fs/promises');
  const { listInputFiles } = await import('../../../src/lib/ingest/read-inputs.ts');
  const { files } = await listInputFiles([fixture('mapex')]);
  objectsInFiles = 0;
  for (const { path: file } of files) {
    const text = await readFile(file, 'utf8');
    if (file.endsWith('.json')) objectsInFiles += JSON.parse(text).mapping_objects.length;
    else objectsInFiles += (await import('papaparse')).default.parse(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data.length;
  }
});

const capability = (id: string) => model.capabilities.find((c) => c.id === id);
const mappingsOf = (capabilityId: string) => model.mappings.filter((m) => m.capabilityId === capabilityId);

describe('reading the published shapes', () => {
  it('accounts for every input object as a mapping, a non-mappable entry or a duplicate', () => {
    const total = model.mappings.length + model.nonMappables.length + model.duplicates.length;
    expect(total).toBe(objectsInFiles);
    for (const set of model.sets) {
      expect(set.counts.mappings + set.counts.nonMappable + set.counts.duplicates).toBe(set.counts.objects);
    }
  });

  it('merges padded and spaced spellings of a control into one capability', () => {
    const ac4 = capability('nist_800_53:ac-4')!;
    expect(ac4.spellings).toEqual(['AC-04', 'AC-4']);
    expect(Object.keys(ac4.sets).sort()).toEqual(['nist_800_53-rev4_attack-14.1-enterprise', 'nist_800_53-rev5_attack-16.1-enterprise']);
    expect(capability('nist_800_53:sc-7')!.spellings).toEqual(['SC-07', 'SC-7']);
    expect(model.capabilities.filter((c) => c.key === 'ac-4')).toHaveLength(1);
  });

  it('merges display-name ids of old files with the snake_case ids of new ones', () => {
    const idp = capability('azure:azure-ad-identity-protection')!;
    expect(idp.spellings).toEqual(['Azure AD Identity Protection', 'azure_ad_identity_protection']);
    expect(idp.displayId).toBe('azure_ad_identity_protection');
    expect(mappingsOf(idp.id)).toHaveLength(3);
  });

  it('keeps ids with "&", "/", spaces and mixed case, on safe page slugs', () => {
    const aa = model.capabilities.find((c) => c.frameworkId === 'csa_ccm' && c.key === 'a&a-1')!;
    expect(aa.spellings).toEqual(['A&A-01', 'A&A-1']);
    // One row of the set writes each spelling: the shorter names the capability, the other row keeps its own.
    expect(aa.displayId).toBe('A&A-1');
    expect(mappingsOf(aa.id).map((m) => m.capabilitySpelling)).toEqual(['A&A-01', undefined]);
    expect(aa.slug).toMatch(/^[a-z0-9._-]+$/);
    const ais = model.capabilities.find((c) => c.displayId === 'AIS/02')!;
    expect(ais.slug).not.toContain('/');
    const veris = model.capabilities.find((c) => c.displayId === 'action.hacking.variety.Scan network')!;
    expect(veris.frameworkId).toBe('veris');
  });

  it('reads both shapes of non-mappable entries', () => {
    const techniqueSide = model.nonMappables.find((n) => n.techniqueId === 'T1496.002')!;
    expect(techniqueSide).toMatchObject({ capabilityId: null, comments: 'no mitigations in att&ck', mappingType: null });
    const capabilitySide = model.nonMappables.find((n) => n.capabilityId === 'gcp:siemplify')!;
    expect(capabilitySide).toMatchObject({ techniqueId: null, references: [], comments: null });
    expect(model.nonMappables.find((n) => n.capabilityId?.startsWith('veris:'))).toBeTruthy();
    const declared = model.nonMappables.find((n) => n.setId === 'nist_800_53-rev4_attack-14.1-enterprise')!;
    expect(declared.mappingType).toBe('non_mappable');
  });

  it('resolves opaque, drifting and array-valued mapping types', () => {
    const azure82 = model.sets.find((s) => s.id === 'azure-06.29.2021_attack-8.2-enterprise')!;
    expect(azure82.mappingTypes.map((t) => t.id)).toEqual(['technique_scores']);
    expect(model.mappings.filter((m) => m.setId === azure82.id).every((m) => m.mappingType === 'technique_scores')).toBe(true);
    const m365 = model.mappings.find((m) => m.setId.startsWith('m365'))!;
    expect(m365).toMatchObject({ mappingType: 'technique_score', scoreCategory: 'protect', scoreValue: 'partial', relatedScore: 'T1218' });
    expect(model.frameworks.find((f) => f.id === 'm365')!.scored).toBe(true);
    const intelLike = model.sets.find((s) => s.id.startsWith('veris-1.3.7'))!;
    expect(intelLike.mappingTypes[0]!.label).toBe('Related To');
  });

  it('gives the same mapping in sets with renamed types one table row', () => {
    const rev5 = model.mappings.find((m) => m.capabilityId === 'nist_800_53:ac-4' && m.setId.includes('rev5'))!;
    const rev4 = model.mappings.find((m) => m.capabilityId === 'nist_800_53:ac-4' && m.setId.includes('rev4'))!;
    expect(rev5.mappingType).toBe('mitigates');
    expect(rev4.mappingType).toBe('protects');
    expect(rev5.rowId).toBe(rev4.rowId);
    expect(rev5.id).not.toBe(rev4.id);
  });

  it('mends the known reference irregularities and keeps every link http(s)', () => {
    const kev = model.mappings.filter((m) => m.setId.startsWith('kev-07.28.2025')).flatMap((m) => m.references);
    expect(kev).toContain('https://thehackernews.com/2025/08/google-fixes-3-android-vulnerabilities.html');
    expect(kev).toContain('https://www.helpnetsecurity.com/2025/04/17/apple-plugs-zero-days/');
    const cve = model.mappings.find((m) => m.capabilityId === 'cve:cve-2021-45046')!;
    expect(cve.references).toEqual([
      'https://www.cisa.gov/news-events/cybersecurity-advisories/aa23-320a#:~:text=The%20Cybersecurity%20and%20Infrastructure%20Security,and%20obtain%20domain%20administrator%20access.',
    ]);
    for (const m of model.mappings) for (const r of m.references) expect(r).toMatch(/^https?:\/\//);
  });

  it('reads "[UNKNOWN_VERSION]" objects into their file\'s set and pads date versions', () => {
    const set = model.sets.find((s) => s.id === 'kev-07.28.2025_attack-16.1-mobile')!;
    expect(set.counts.mappings).toBe(2);
    expect(set.frameworkVersion).toBe('07/28/2025');
    expect(set.domain).toBe('mobile');
  });

  it('reads CSV exports: index column, Python lists, labels for groups and types, multi-line cells', () => {
    const aws = model.mappings.filter((m) => m.setId === 'aws-09.21.2021_attack-9.0-enterprise');
    expect(aws).toHaveLength(3);
    expect(aws.find((m) => m.capabilityId === 'aws:aws-config')!.references).toHaveLength(2);
    expect(aws.find((m) => m.techniqueId === 'T1565.001')!.relatedScore).toBe('T1565');
    const veris = model.mappings.find((m) => m.techniqueId === 'T0801')!;
    expect(veris.comments).toBe('Two lines:\nthe second line, with a comma');
    const sc7 = model.mappings.find((m) => m.techniqueId === 'T1595')!;
    expect(capability(sc7.capabilityId)!.sets['nist_800_53-rev5_attack-16.1-enterprise']!.groupId).toBe('nist_800_53:sc');
  });

  it('reports exact duplicates, also across a JSON file and its CSV export', () => {
    const dups = model.duplicates.filter((d) => d.setId === 'nist_800_53-rev5_attack-16.1-enterprise');
    expect(dups.map((d) => d.source)).toEqual([
      expect.stringMatching(/rev5_attack-16\.1-enterprise\.json#\/mapping_objects\/3$/),
      expect.stringMatching(/exports\/nist_800_53-rev5_attack-16\.1-enterprise\.csv:2$/),
    ]);
    expect(dups.every((d) => d.duplicateOf.endsWith('#/mapping_objects/2'))).toBe(true);
  });

  it('keeps every technique name seen, newest first, and knows parents', () => {
    const t1046 = model.techniques.find((t) => t.id === 'T1046')!;
    expect(t1046.name).toBe('Network Service Discovery');
    expect(t1046.names.map((n) => n.name)).toEqual(['Network Service Discovery', 'Network Service Scanning']);
    const ps = model.techniques.find((t) => t.id === 'T1059.001')!;
    expect(ps.parentId).toBe('T1059');
    expect(model.techniques.find((t) => t.id === 'T1059')!.subtechniqueIds).toEqual(expect.arrayContaining(['T1059.001', 'T1059.002']));
  });

  it('keeps statuses beyond the unified three and an empty set', () => {
    expect(model.mappings.find((m) => m.techniqueId === 'T1567')!.status).toBe('participant_review');
    expect(model.sets.find((s) => s.id === 'kev-08.27.2025_attack-16.1-enterprise')!.counts.objects).toBe(0);
  });

  it('is deterministic: the same input yields the same model', async () => {
    const again = await runPipeline([fixture('mapex')]);
    expect(JSON.stringify(again.model)).toBe(JSON.stringify(model));
  });
});

describe('sets described by CSV rows alone', () => {
  it('take every mapping type their rows name (KEV and CVE exports use several)', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-kev-'));
    const header =
      'mapping_framework,mapping_framework_version,capability_group,capability_id,capability_description,mapping_type,attack_object_id,attack_object_name,attack_version,technology_domain,references,comments\n';
    const row = (type: string, technique: string) => `kev,07/28/2025,xxe,CVE-2024-34102,Adobe Commerce XXE,${type},${technique},x,16.1,enterprise,[],\n`;
    await writeFile(
      path.join(dir, 'kev.csv'),
      header + row('primary_impact', 'T1190') + row('exploitation_technique', 'T1190') + row('Secondary Impact', 'T1486'),
    );
    const result = await runPipeline([dir]);
    expect(result.problems).toEqual([]);
    expect(result.model!.sets[0]!.mappingTypes.map((t) => t.id)).toEqual(['primary_impact', 'exploitation_technique', 'secondary_impact']);
    expect(result.model!.mappings).toHaveLength(3);
  });

  it('treat values made only of invisible characters as empty, never crashing', async () => {
    const { parseInputFile } = await import('../../../src/lib/ingest/read-inputs.ts');
    const { buildModel } = await import('../../../src/lib/ingest/normalize/normalize.ts');
    const file = JSON.stringify({
      metadata: {
        attack_version: '16.1',
        technology_domain: 'enterprise',
        mapping_framework: 'x',
        mapping_framework_version: '\u200b',
        mapping_types: { t: { name: '\u200b' } },
        capability_groups: {},
      },
      mapping_objects: [],
    });
    const read = parseInputFile('zw.json', Buffer.from(file));
    const problems = [...read.problems, ...(read.input ? buildModel([read.input], ['zw.json']).problems : [])];
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['mapping_framework_version', 'mapping_types.t.name']));
  });
});

describe('input files', () => {
  it('go by names relative to the folder given, so build-machine paths never reach pages', async () => {
    const { cp, mkdtemp, symlink, mkdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const outside = await mkdtemp(path.join(tmpdir(), 'mapscope-private-'));
    const root = path.join(outside, 'mappings');
    await mkdir(path.join(root, 'linked'), { recursive: true });
    await cp(fixture('mapex', 'nist_800_53-rev4_attack-14.1-enterprise.json'), path.join(root, 'nist.json'));
    // A symbolic link to a file and one back up the tree (a loop): followed, once.
    await symlink(fixture('mapex', 'gcp-06.28.2022_attack-10.0-enterprise.json'), path.join(root, 'linked', 'gcp.json'));
    await symlink(root, path.join(root, 'linked', 'loop'));
    const result = await runPipeline([root]);
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual(['mappings/linked/gcp.json', 'mappings/nist.json']);
    expect(result.model!.inputs).toEqual(['mappings']);
    expect(JSON.stringify(result.model)).not.toContain(outside);
    expect(result.model!.sets.flatMap((s) => s.sources).sort()).toEqual(['mappings/linked/gcp.json', 'mappings/nist.json']);
  });
});
