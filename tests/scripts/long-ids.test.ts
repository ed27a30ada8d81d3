import { mkdtemp, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../scripts/site-check/files.ts';
import { modelPath, readModel } from '../../src/lib/model/model-store.ts';
import type { Model } from '../../src/lib/model/schema.ts';
import { fixture } from '../support/paths.ts';
import { oneBuild, published, runScript } from '../support/scripts.ts';

// tests/fixtures/long-ids: a 300-character mapping_framework_version, a 300-character capability_id
// that is already a safe slug, one of odd characters and a 300-character capability group.

let work: string;
let result: { code: number | null; stdout: string; stderr: string };
let model: Model;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mapscope-long-ids-'));
  result = await runScript('build.ts', ['--data', fixture('long-ids')], {
    MAPSCOPE_GENERATED: path.join(work, 'generated'),
    MAPSCOPE_OUT: path.join(work, 'dist'),
  }).done;
  if (result.code === 0) model = readModel(modelPath(path.join(work, 'generated')));
}, 180_000);

describe('ids of 300 characters', () => {
  it('build: every page address and file name stays well within file-system limits', async () => {
    expect(result.code, result.stderr).toBe(0);
    const dist = path.join(work, 'dist');
    const files = (await listFiles(dist)).map((f) => path.relative(dist, f));
    expect(files.length).toBeGreaterThan(100);
    const longestName = Math.max(...files.flatMap((f) => f.split(path.sep)).map((part) => Buffer.byteLength(part)));
    expect(longestName).toBeLessThanOrEqual(255);
    // Page addresses: no folder of a page is longer than a set id (120).
    for (const file of files.filter((f) => f.endsWith('index.html'))) {
      for (const part of file.split(path.sep)) expect(Buffer.byteLength(part), file).toBeLessThanOrEqual(120);
    }
  });

  it('give a model that is the one the site was built from: its pages and downloads are there', async () => {
    const site = await published(path.join(work, 'generated'), path.join(work, 'dist'));
    expect(oneBuild(site), JSON.stringify(site)).toBe(true);
    const [set] = model.sets;
    expect(set!.id).toMatch(/^longids-v9{30}-[0-9a-f]{8}_attack-16\.1-enterprise$/);
    expect(set!.frameworkVersion).toBe(`v${'9'.repeat(299)}`);
    expect(model.capabilities.map((c) => c.displayId.length).sort((a, b) => a - b)).toEqual([5, 300, 300]);
    for (const capability of model.capabilities) {
      expect(existsSync(path.join(work, 'dist/frameworks/longids/capabilities', capability.slug, 'index.html')), capability.slug).toBe(true);
    }
    expect(existsSync(path.join(work, 'dist/frameworks/longids/groups', model.groups[0]!.slug, 'index.html'))).toBe(true);
    expect((await readdir(work)).sort()).toEqual(['dist', 'generated']);
  });
});
