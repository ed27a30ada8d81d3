import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/lib/attack/catalog.ts';
import { fixture, ROOT } from '../support/paths.ts';

const run = promisify(execFile);

/** Run `npm run attack` the way a user does. */
async function attack(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/import-attack.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run attack', () => {
  it('imports bundles (files or folders) into the catalog, one file per domain', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-attack-'));
    const result = await attack([fixture('attack', 'bundles'), '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('enterprise 1.0: 6 techniques and sub-techniques (6 active), 3 tactics');
    expect(result.stdout).toContain('enterprise 2.0: 8 techniques and sub-techniques (6 active), 3 tactics');
    expect(await readdir(out)).toEqual(['enterprise.json']);
    const { catalog } = parseCatalog('enterprise.json', await readFile(path.join(out, 'enterprise.json'), 'utf8'));
    expect(catalog!.versions.map((v) => v.version)).toEqual(['1.0', '2.0']);
  });

  it('adds a new version to the catalog it finds, as when ATT&CK ships one', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-attack-'));
    await attack([fixture('attack', 'bundles', 'enterprise-attack-1.0.json'), '--out', out]);
    const result = await attack([fixture('attack', 'bundles', 'enterprise-stix21.json'), '--out', out]);
    expect(result.code).toBe(0);
    const { catalog } = parseCatalog('enterprise.json', await readFile(path.join(out, 'enterprise.json'), 'utf8'));
    expect(catalog!.versions.map((v) => v.version)).toEqual(['1.0', '2.0']);
  });

  it('imports a complete bundle: groups, campaigns, software, mitigations and detections, as id lists', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-attack-'));
    const result = await attack([fixture('attack', 'bundles'), fixture('attack', 'complete'), '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  complete: 2 groups, 1 campaign, 2 software, 1 mitigation, 2 detection strategies, 3 analytics, 2 data components; relationships: 10 uses, 1 attributed-to, 2 mitigates, 2 detects; left out as revoked or deprecated: 2 groups, 2 software, 1 mitigation, 1 data component, 6 relationships',
    );
    expect(result.stdout).toContain('enterprise: groups, software, mitigations and detections from ATT&CK 5.0');
    const text = await readFile(path.join(out, 'enterprise.json'), 'utf8');
    const { catalog } = parseCatalog('enterprise.json', text);
    expect(catalog!.versions.map((v) => v.version)).toEqual(['1.0', '2.0', '5.0']);
    expect(catalog!.complete!.campaigns.map((c) => [c.id, c.groups])).toEqual([['C0901', ['G0901']]]);
    expect(text).not.toMatch(/invented|Citation/i);
  });

  it('on a relationship whose end is missing names the file and the relationship, and writes nothing', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-attack-'));
    const result = await attack([fixture('attack', 'broken', 'enterprise-attack-6.0.json'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'enterprise-attack-6.0.json#/objects/14: target_ref: expected the STIX id of an object in the bundle (in the uses relationship "relationship--00000000-0000-4000-8000-000000000902"), got "attack-pattern--00000000-0000-4000-8000-000000000099", which no object in the bundle has',
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('on a bad bundle lists the problems, exits 1 and leaves the catalog as it was', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-attack-'));
    const previous = '{"previous": true}';
    await writeFile(path.join(out, 'mobile.json'), previous);
    const result = await attack([fixture('attack', 'bundles'), fixture('attack', 'broken'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken/not-a-bundle.json: expected a STIX bundle');
    expect(result.stderr).toContain('enterprise-attack-4.0.json#/objects/6: kill_chain_phases: expected a tactic the bundle holds');
    expect(result.stderr).toContain('Nothing was written; the catalog is unchanged.');
    expect(await readdir(out)).toEqual(['mobile.json']);
    expect(await readFile(path.join(out, 'mobile.json'), 'utf8')).toBe(previous);
  });
});
