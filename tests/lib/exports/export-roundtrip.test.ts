import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planDownloads } from '../../../src/lib/exports/site-downloads.ts';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { buildModel } from '../../../src/lib/ingest/normalize/normalize.ts';
import { parseInputFile } from '../../../src/lib/ingest/read-inputs.ts';
import type { Model } from '../../../src/lib/model/schema.ts';

// Property: what Mapscope exports (CSV and unified JSON of a set), its own pipeline reads back
// into the same mappings with the same ids, whatever the text holds.

/** Text people put in mapping files, the awkward kinds weighted up. */
const awkward = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '=HYPERLINK("http://x.example","a")',
      '+1',
      '-2',
      '@SUM(A1)',
      '\tTabbed',
      "'quoted'",
      "''double",
      'a, b, "c"',
      'first line\nsecond line',
      'windows\r\nline',
      'naïve ünïcødé — ✓',
      '日本語のテキスト',
      '😀 emoji',
      '<script>alert(1)</script>',
    ),
  },
);

const rowArb = (scored: boolean) =>
  fc.record({
    capability: fc.constantFrom('AC-4', 'AC-04', 'A&A-01', 'action.hacking.variety.Scan network', 'Zugriff-ü', 'x/y', 'cve-2021-0001', '=CMD'),
    description: awkward,
    group: fc.option(fc.constantFrom('AC', 'A&A', 'group one', '+grp'), { nil: null }),
    technique: fc.constantFrom('T1046', 'T1059.001', 'T1078', 'T1078.004'),
    techniqueName: awkward,
    category: scored ? fc.constantFrom('protect', 'detect', 'respond') : fc.constant(null),
    value: scored ? fc.constantFrom('minimal', 'partial', 'significant') : fc.constant(null),
    comments: fc.option(awkward, { nil: null }),
    references: fc.array(fc.webUrl({ validSchemes: ['https', 'http'] }), { maxLength: 3 }),
    status: fc.constantFrom('complete', 'in_progress'),
  });

const setArb = fc.boolean().chain((scored) =>
  fc.record({
    framework: fc.constantFrom('nist_800_53', 'azure', 'my-framework'),
    version: fc.constantFrom('rev5', '06/29/2021', '1.4.0'),
    attack: fc.constantFrom('8.2', '16.1'),
    domain: fc.constantFrom('enterprise', 'mobile', 'ics'),
    organization: fc.option(awkward, { nil: null }),
    scored: fc.constant(scored),
    rows: fc.array(rowArb(scored), { minLength: 1, maxLength: 10 }),
    unmappedTechniques: fc.subarray(['T1650', 'T1496.002']),
    unmappedCapabilities: fc.subarray(['retired-1', 'Old Control']),
  }),
);

type GeneratedSet = typeof setArb extends fc.Arbitrary<infer T> ? T : never;

/** The generated set as a unified JSON mapping file. */
function unifiedFile(set: GeneratedSet): string {
  const type = set.scored ? 'technique_scores' : 'protects';
  return JSON.stringify({
    metadata: {
      mapping_version: '1',
      attack_version: set.attack,
      technology_domain: set.domain,
      creation_date: '01/13/2022',
      last_update: '02/14/2023',
      mapping_framework: set.framework,
      mapping_framework_version: set.version,
      organization: set.organization,
      mapping_types: { [type]: { name: type === 'protects' ? 'Protects' : 'technique_scores', description: 'How it maps' } },
      capability_groups: { AC: 'Access Control', 'A&A': 'Audit & Assurance', 'group one': 'Group One', '+grp': '=label' },
    },
    mapping_objects: [
      ...set.rows.map((r) => ({
        capability_id: r.capability,
        capability_description: r.description,
        capability_group: r.group,
        mapping_type: type,
        attack_object_id: r.technique,
        attack_object_name: r.techniqueName,
        score_category: r.category,
        score_value: r.value,
        comments: r.comments,
        references: r.references,
        status: r.status,
      })),
      ...set.unmappedTechniques.map((t) => ({
        capability_id: null,
        capability_group: null,
        mapping_type: null,
        attack_object_id: t,
        attack_object_name: 'Unmapped',
        comments: 'none',
        references: [],
        status: 'non_mappable',
      })),
      ...set.unmappedCapabilities.map((c) => ({
        capability_id: c,
        capability_description: 'Retired',
        capability_group: 'AC',
        mapping_type: null,
        attack_object_id: null,
        references: null,
        status: 'non_mappable',
      })),
    ],
  });
}

function modelOf(name: string, text: string): Model {
  const read = parseInputFile(name, Buffer.from(text));
  expect(read.problems).toEqual([]);
  const built = buildModel([read.input!], [name]);
  expect(built.problems).toEqual([]);
  return built.model!;
}

/**
 * What must survive a round trip: the mappings and non-mappable entries, by id. A row's own group
 * is compared by its label: the CSV export writes labels (as the published export does), so a
 * CSV read without its metadata file names the group by its label.
 */
function essence(model: Model) {
  const groupLabel = (groupId: string | null, setId: string) => {
    const group = model.groups.find((g) => g.id === groupId);
    return group ? (group.sets[setId]?.label ?? group.sets[setId]?.spelling) : null;
  };
  return {
    sets: model.sets.map((s) => s.id),
    mappings: model.mappings
      .map(({ source: _s, capabilityGroupId, ...m }) => ({
        ...m,
        ...(capabilityGroupId !== undefined ? { ownGroup: groupLabel(capabilityGroupId, m.setId) } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    nonMappables: model.nonMappables.map(({ source: _s, attackObjectName: _n, mappingType: _t, ...n }) => n).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('exports round-trip through the pipeline', () => {
  it('CSV and JSON of a set read back into the same mappings and ids', () => {
    fc.assert(
      fc.property(setArb, (set) => {
        const original = modelOf('input.json', unifiedFile(set));
        const files = [...planDownloads(indexModel(original), { pageUrl: () => 'https://mapscope.example/' })];
        const setId = original.sets[0]!.id;
        // The CSV and JSON writers are synchronous and write text.
        const text = (name: string) => {
          const content = files.find((f) => f.path === name)!.content();
          if (typeof content !== 'string') throw new Error(`${name}: not text`);
          return content;
        };
        const csv = text(`${setId}.csv`);
        const json = text(`${setId}.json`);
        const fromCsv = modelOf('export.csv', csv);
        const fromJson = modelOf('export.json', json);
        expect(essence(fromCsv)).toEqual(essence(original));
        expect(essence(fromJson)).toEqual(essence(original));
        // The JSON also keeps the set's metadata.
        expect(fromJson.sets[0]).toMatchObject({
          creationDate: original.sets[0]!.creationDate,
          lastUpdate: original.sets[0]!.lastUpdate,
          organization: original.sets[0]!.organization,
          mappingTypes: original.sets[0]!.mappingTypes,
        });
      }),
      { numRuns: 150 },
    );
  });
});
