import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../../src/lib/model/schema.ts';
import { fixture, ROOT } from '../../../support/paths.ts';

let model: Model;
const veris = path.relative(ROOT, fixture('warnings', 'veris-1.4.0_attack-16.1-mobile.json'));
const m365 = path.relative(ROOT, fixture('warnings', 'm365-12.11.2023_attack-14.1-enterprise.json'));

beforeAll(async () => {
  const result = await runPipeline([fixture('warnings')]);
  expect(result.problems).toEqual([]);
  model = result.model!;
});

describe('each input object', () => {
  it('is dropped as a duplicate only when identical in every field', () => {
    expect(model.duplicates).toEqual([
      { setId: 'veris-1.4.0_attack-16.1-mobile', source: `${veris}#/mapping_objects/2`, duplicateOf: `${veris}#/mapping_objects/1` },
    ]);
  });

  it('that differs in any field is kept, with the spelling and description it gives', () => {
    // "Action.Social.Variety.Phishing" and "action.social.variety.Phishing" fold to one capability page,
    // and both rows stay, each saying what its source says.
    const rows = model.mappings.filter((m) => m.setId === 'veris-1.4.0_attack-16.1-mobile');
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((m) => m.capabilityId)).size).toBe(1);
    expect(new Set(rows.map((m) => m.rowId)).size).toBe(2);
    expect(new Set(rows.map((m) => m.id)).size).toBe(2);
    const capability = model.capabilities.find((c) => c.id === rows[0]!.capabilityId)!;
    const own = rows.map((m) => ({
      spelling: m.capabilitySpelling ?? capability.sets[m.setId]!.spelling,
      description: m.capabilityDescription !== undefined ? m.capabilityDescription : capability.sets[m.setId]!.description,
    }));
    expect(own).toEqual(
      expect.arrayContaining([
        { spelling: 'Action.Social.Variety.Phishing', description: 'Any type of lure that asks the victim for data; the long invented description.' },
        { spelling: 'action.social.variety.Phishing', description: 'Phishing (or any lure)' },
      ]),
    );
  });

  it('is accounted for: mappings, non-mappable entries and duplicates add up to the objects read', () => {
    for (const set of model.sets) {
      expect(set.counts.mappings + set.counts.nonMappable + set.counts.duplicates, set.id).toBe(set.counts.objects);
    }
  });

  it('that is non-mappable keeps its comments and references', () => {
    const entry = model.nonMappables.find((n) => n.setId === 'veris-1.4.0_attack-16.1-mobile')!;
    expect(entry).toMatchObject({
      techniqueId: null,
      comments: 'No ATT&CK for Mobile technique applies.',
      references: ['https://veris.example.org/enumerations#prompt'],
    });
  });

  it('of a scored type without its score is kept, not scored, with its comments', () => {
    const row = model.mappings.find((m) => m.source === `${m365}#/mapping_objects/12`)!;
    expect(row).toMatchObject({ scoreCategory: null, scoreValue: null, comments: 'Scored type, no score at all.', status: 'complete' });
  });

  it('keeps the related score a sub-technique row gives', () => {
    expect(model.mappings.find((m) => m.source === `${m365}#/mapping_objects/6`)).toMatchObject({ techniqueId: 'T1059.009', relatedScore: 'T1059' });
  });
});
