import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/lib/baselines/baseline-file.ts';
import { fixture, ROOT, shared } from '../support/paths.ts';

const run = promisify(execFile);

// NIST's published profiles (and catalogs) in ../shared/oscal (see data/README.md, Baselines).
const NIST_PROFILES = shared('oscal');

/** Run `npm run baselines` the way a user does. */
async function baselines(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/import-baselines.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const readBaseline = async (dir: string, id: string) => parseBaseline(id, await readFile(path.join(dir, `${id}.json`), 'utf8')).baseline!;

describe('npm run baselines', () => {
  it('imports profiles (files or folders), one baseline file each, named from the titles', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    const result = await baselines([fixture('oscal', 'profiles'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'acme_rev5_MODERATE-baseline_profile.json: Acme Widgets Practice Profile Revision 5.0.9 MODERATE IMPACT BASELINE (version 5.0.9-test): 7 controls and enhancements',
    );
    expect(await readdir(out)).toEqual(['nist_800_53-rev4-low.json', 'nist_800_53-rev5-moderate.json']);
    expect(await readBaseline(out, 'nist_800_53-rev5-moderate')).toEqual({
      format: 'mapscope-baseline/1',
      id: 'nist_800_53-rev5-moderate',
      title: 'Acme Widgets Practice Profile Revision 5.0.9 MODERATE IMPACT BASELINE',
      version: '5.0.9-test',
      frameworkId: 'nist_800_53',
      frameworkVersion: 'rev5',
      source: 'acme_rev5_MODERATE-baseline_profile.json',
      controls: ['AC-2', 'AC-2(1)', 'AC-4', 'SC-7(5)', 'SI-4', 'CM-2(1)', 'CA-7'],
    });
    expect((await readBaseline(out, 'nist_800_53-rev4-low')).version).toBeNull();
  });

  it.skipIf(!NIST_PROFILES)(
    "writes what is committed in data/baselines/ from NIST's profiles (needs ../shared/oscal)",
    async () => {
      const out = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
      const result = await baselines([NIST_PROFILES!, '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      // The catalogs published beside the profiles are named and skipped, not read as profiles.
      expect(result.stdout).toContain('NIST_SP-800-53_rev5_catalog-min.json: an OSCAL catalog, not a profile: skipped');
      const written = await readdir(out);
      expect(written).toHaveLength(7);
      expect(written).toEqual(await readdir(path.join(ROOT, 'data', 'baselines')));
      for (const name of written) {
        expect(await readFile(path.join(out, name), 'utf8'), name).toBe(await readFile(path.join(ROOT, 'data', 'baselines', name), 'utf8'));
      }
    },
    30_000,
  );

  it("names an organisation's profile with --id and --version, and asks for them when missing", async () => {
    const profile = fixture('oscal', 'org', 'acme-cloud-hosting_profile.json');
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    const missing = await baselines([profile, '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'acme-cloud-hosting_profile.json#/profile/metadata/title: title: expected a title naming the revision ("Revision 5"); for another profile pass --version',
    );
    expect(missing.stderr).toContain('pass --id');
    const named = await baselines([profile, '--out', out, '--id', 'acme-cloud', '--version', 'rev5']);
    expect(named.code).toBe(0);
    expect(await readdir(out)).toEqual(['acme-cloud.json']);
    expect(await readBaseline(out, 'acme-cloud')).toMatchObject({
      id: 'acme-cloud',
      frameworkId: 'nist_800_53',
      frameworkVersion: 'rev5',
      version: '2024.1',
      controls: ['AC-2', 'AC-4', 'SI-4'],
    });
    const twoProfiles = await baselines([fixture('oscal', 'profiles'), '--out', out, '--id', 'acme-cloud']);
    expect(twoProfiles.code).toBe(1);
    expect(twoProfiles.stderr).toContain('--id: expected one profile (--id names one baseline), got 2 profiles');
  });

  it('on a bad profile lists every problem, exits 1 and writes nothing', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    const previous = '{"previous": true}';
    await writeFile(path.join(out, 'nist_800_53-rev5-moderate.json'), previous);
    const result = await baselines([fixture('oscal', 'profiles'), fixture('oscal', 'broken'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'broken/bad-id.json#/profile/imports/0/include-controls/0/with-ids/1: with-ids: expected an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1", got "ac-x"',
    );
    expect(result.stderr).toContain('broken/include-all.json#/profile/imports/0/include-all: include-all: expected include-controls with with-ids');
    expect(result.stderr).toContain('broken/matching.json#/profile/imports/0/exclude-controls/0/matching: matching:');
    // A catalog in a folder is named and skipped (NIST publishes them beside the profiles)...
    expect(result.stdout).toContain('broken/no-profile.json: an OSCAL catalog, not a profile: skipped');
    // ...and given by name, it is an error.
    const named = await baselines([fixture('oscal', 'broken', 'no-profile.json'), '--out', out]);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('no-profile.json: expected an OSCAL profile (a JSON object with "profile"), got an OSCAL catalog');
    expect(result.stderr).toMatch(/broken\/not-json\.json(:\d+)?: expected an OSCAL profile \(JSON\), got a syntax error/);
    expect(result.stderr).toContain('Nothing was written; the baselines are unchanged.');
    expect(await readdir(out)).toEqual(['nist_800_53-rev5-moderate.json']);
    expect(await readFile(path.join(out, 'nist_800_53-rev5-moderate.json'), 'utf8')).toBe(previous);
  });

  it('shows its usage without paths', async () => {
    const result = await baselines([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run baselines -- PATH...');
  });
});
