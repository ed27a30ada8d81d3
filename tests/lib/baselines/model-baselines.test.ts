import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baselineToJson } from '../../../src/lib/baselines/baseline-file.ts';
import { readProfiles } from '../../../src/lib/baselines/read-profiles.ts';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { fixture, ROOT } from '../../support/paths.ts';

const MAPPINGS = fixture('oscal', 'mappings');
const capabilityIdOf = (model: Model, key: string) => model.capabilities.find((c) => c.frameworkId === 'nist_800_53' && c.key === key)!.id;

describe('baselines in the model', () => {
  let model: Model;
  beforeAll(async () => {
    const result = await runPipeline([MAPPINGS], { baselines: fixture('oscal', 'baselines') });
    expect(result.problems).toEqual([]);
    model = result.model!;
  });

  it('list the capabilities their controls name, across spellings (AC-2 names AC-02)', () => {
    const acme = model.baselines.find((b) => b.id === 'nist_800_53-rev5-acme')!;
    expect(acme.controls).toEqual(['AC-2', 'AC-2(1)', 'AC-4', 'SC-7(5)', 'CM-2(1)', 'PM-9']);
    expect(acme.capabilityIds.length).toBeGreaterThan(0);
    // AC-2 -> the capability spelled AC-02; CM-2(1) -> CM-02(01); AC-4 as written. SC-7(5) does not
    // name SC-7 (the data has the base control only), and AC-2(1) does not name AC-02.
    expect(acme.capabilityIds).toEqual([capabilityIdOf(model, 'ac-2'), capabilityIdOf(model, 'ac-4'), capabilityIdOf(model, 'cm-2(1)')]);
    expect(model.capabilities.find((c) => c.id === acme.capabilityIds[0])!.spellings).toEqual(['AC-02']);
    expect(acme).toMatchObject({
      title: 'Acme Widgets Practice Baseline Revision 5',
      version: '1.0',
      frameworkId: 'nist_800_53',
      frameworkVersion: 'rev5',
      source: 'acme_rev5_practice_profile.json',
    });
  });

  it('keep a baseline of a framework the data lacks, naming no capability', () => {
    expect(model.baselines.map((b) => b.id)).toEqual(['acme_ccm-1-core', 'nist_800_53-rev5-acme']);
    expect(model.baselines[0]!.capabilityIds).toEqual([]);
  });

  it("honour a profile's exclude-controls from profile to model", async () => {
    const { imported, problems } = await readProfiles([fixture('oscal', 'profiles', 'acme_rev5_MODERATE-baseline_profile.json')]);
    expect(problems).toEqual([]);
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    await writeFile(path.join(dir, 'b.json'), baselineToJson(imported[0]!.baseline));
    const built = await runPipeline([MAPPINGS], { baselines: dir });
    expect(built.problems).toEqual([]);
    const moderate = built.model!.baselines.find((b) => b.id === 'nist_800_53-rev5-moderate')!;
    expect(moderate.capabilityIds).toContain(capabilityIdOf(built.model!, 'si-4'));
    // AC-1 is mapped in the data, included by the profile, then excluded.
    expect(built.model!.capabilities.some((c) => c.key === 'ac-1')).toBe(true);
    expect(moderate.controls).not.toContain('AC-1');
    expect(moderate.capabilityIds).not.toContain(capabilityIdOf(built.model!, 'ac-1'));
  });

  it("take a baseline file among the data as a baseline, standing for the folder's of its id", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    const built = await runPipeline([MAPPINGS, fixture('oscal', 'baselines', 'nist_800_53-rev5-acme.json')], { baselines: empty });
    expect(built.problems).toEqual([]);
    expect(built.model!.baselines.map((b) => b.id)).toEqual(['nist_800_53-rev5-acme']);
    const both = await runPipeline([MAPPINGS, fixture('oscal', 'baselines')], { baselines: fixture('oscal', 'baselines') });
    expect(both.problems).toEqual([]);
    expect(both.model!.baselines).toHaveLength(2);
  });

  it('read $MAPSCOPE_BASELINES when no folder is given', async () => {
    const before = process.env['MAPSCOPE_BASELINES'];
    process.env['MAPSCOPE_BASELINES'] = fixture('oscal', 'baselines');
    try {
      const built = await runPipeline([MAPPINGS]);
      expect(built.model!.baselines.map((b) => b.id)).toEqual(['acme_ccm-1-core', 'nist_800_53-rev5-acme']);
    } finally {
      if (before === undefined) delete process.env['MAPSCOPE_BASELINES'];
      else process.env['MAPSCOPE_BASELINES'] = before;
    }
  });

  it('stop the build on a bad baseline file, naming file and pointer, in the folder or among the data', async () => {
    const inFolder = await runPipeline([MAPPINGS], { baselines: fixture('oscal', 'baselines-broken') });
    expect(inFolder.model).toBeNull();
    expect(inFolder.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /baselines-broken\/bad-control\.json#\/controls\/1: controls\[1\]: expected a control in NIST's form, such as AC-2 or AC-2\(1\), got "AC-02"$/,
      ),
      expect.stringMatching(
        /baselines-broken\/bad-control\.json#\/controls\/2: controls\[2\]: expected a control in NIST's form, such as AC-2 or AC-2\(1\), got "ac-4"$/,
      ),
    ]);
    const among = await runPipeline([MAPPINGS, fixture('oscal', 'baselines-broken')], { baselines: fixture('oscal', 'baselines') });
    expect(among.model).toBeNull();
    expect(among.problems.map(formatProblem)[0]).toMatch(/bad-control\.json#\/controls\/1: controls\[1\]: /);
  });

  it('come from data/baselines/ in every build, and data/ builds with it among its files', async () => {
    const built = await runPipeline([path.join(ROOT, 'data')]);
    expect(built.problems).toEqual([]);
    const ids = built.model!.baselines.map((b) => b.id);
    expect(ids).toEqual([
      'nist_800_53-rev4-high',
      'nist_800_53-rev4-low',
      'nist_800_53-rev4-moderate',
      'nist_800_53-rev5-high',
      'nist_800_53-rev5-low',
      'nist_800_53-rev5-moderate',
      'nist_800_53-rev5-privacy',
    ]);
    const moderate = built.model!.baselines.find((b) => b.id === 'nist_800_53-rev5-moderate')!;
    expect(moderate.controls).toHaveLength(287);
    expect(moderate.capabilityIds).toContain('nist_800_53:ac-4');
    // The default data maps AC-4, which rev5 LOW does not select.
    expect(built.model!.baselines.find((b) => b.id === 'nist_800_53-rev5-low')!.capabilityIds).not.toContain('nist_800_53:ac-4');
    // The same baselines reach a build of other data.
    const other = await runPipeline([MAPPINGS]);
    expect(other.model!.baselines.map((b) => b.id)).toEqual(ids);
  }, 60_000);
});
