import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture } from '../support/paths.ts';

const run = promisify(execFile);

/** Run `npm run data` the way a user does (node + tsx on scripts/build-model.ts). */
async function data(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/build-model.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, MAPSCOPE_DATA: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run data', () => {
  it('prints one summary line per set and writes the model', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-out-'));
    const result = await data(['--data', 'data', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nist_800_53-rev5_attack-8.2-enterprise: 11 mappings, 0 non-mappable, 0 duplicates dropped (11 objects read)');
    expect(result.stdout).toContain('azure-06.29.2021_attack-8.2-enterprise: 6 mappings, 0 non-mappable, 0 duplicates dropped (6 objects read)');
    const model = JSON.parse(await readFile(path.join(out, 'model.json'), 'utf8'));
    expect(model.mappings).toHaveLength(17);
  });

  it('reads MAPSCOPE_DATA (paths separated by ":") and reports duplicates and non-mappables per set', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-out-'));
    const result = await data(['--out', out], {
      MAPSCOPE_DATA: `${fixture('mapex', 'nist_800_53-rev5_attack-16.1-enterprise.json')}:${fixture('mapex', 'exports')}`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nist_800_53-rev5_attack-16.1-enterprise: 4 mappings, 2 non-mappable, 2 duplicates dropped (8 objects read)');
  });

  it('on bad input lists the problems, exits 1 and leaves the previous model untouched', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-out-'));
    await mkdir(out, { recursive: true });
    const previous = '{"previous": true}';
    await writeFile(path.join(out, 'model.json'), previous);
    const result = await data(['--data', 'data', '--data', fixture('broken', 'bad-score.csv'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad-score.csv:3: score_value: expected minimal|partial|significant, got "high"');
    expect(result.stderr).toContain('Nothing was written; the previous model is unchanged.');
    expect(await readFile(path.join(out, 'model.json'), 'utf8')).toBe(previous);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(out)).toEqual(['model.json']);
  });

  it('stops on a setting of the wrong type before reading anything, naming it, and writes nothing', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-out-'));
    const result = await data(['--data', 'data', '--out', out], { MAPSCOPE_STRICT: 'maybe' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: MAPSCOPE_STRICT: expected one of 1, true, yes, on (or 0, false, no, off), found "maybe"\n');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(out)).toEqual([]);
  });

  it('explains its options on a wrong one', async () => {
    const result = await data(['--dta', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run data');
  });
});
