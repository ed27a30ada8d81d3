import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetProblems, measureSite } from '../../scripts/site-check/budgets.ts';
import { copyOfSite } from '../support/build-site.ts';
import { ROOT } from '../support/paths.ts';

const run = promisify(execFile);

describe('deploy budgets', () => {
  it('say which budget a site exceeds, and by how much', () => {
    expect(budgetProblems({ files: 30_963, bytes: 297e6, largest: { path: 'downloads/big.csv', bytes: 30 * 1024 * 1024 } })).toEqual([
      '30,963 files, over the 10,000 the files budget allows, by 20,963',
      'downloads/big.csv is 30.0 MiB, over the 25.0 MiB a file may be, by 5.0 MiB',
      '297.0 MB in all, over the 200.0 MB budget, by 97.0 MB',
    ]);
    expect(budgetProblems({ files: 2_800, bytes: 120e6, largest: { path: 'a', bytes: 1e6 } })).toEqual([]);
  });
});

describe('npm run build over a budget', () => {
  let work: string;
  let dist: string;
  beforeAll(async () => {
    // The default site, to build over.
    ({ dist } = await copyOfSite({ label: 'budget' }));
    work = path.dirname(dist);
  }, 180_000);

  /** Build again with a budget of 100 files (the default site has some 600). */
  async function rebuild(strict: boolean) {
    const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...inherited } = process.env;
    const env = {
      ...inherited,
      MAPSCOPE_GENERATED: path.join(work, 'generated'),
      MAPSCOPE_OUT: dist,
      MAPSCOPE_DATA: '',
      MAPSCOPE_ATTACK: '',
      MAPSCOPE_BUDGET_FILES: '100',
    };
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--data', 'data', ...(strict ? ['--strict'] : [])], {
        cwd: ROOT,
        env,
        maxBuffer: 64 << 20,
      });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  it('with --strict, stops, says why and keeps the previous site', async () => {
    const marker = path.join(dist, 'index.html');
    const before = await readFile(marker, 'utf8');
    const files = (await measureSite(dist)).files;
    const result = await rebuild(true);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Error: over a deploy budget: [\d,]+ files, over the 100 the files budget allows, by [\d,]+/);
    expect(result.out).toContain('the site is not written');
    expect(await readFile(marker, 'utf8')).toBe(before);
    expect((await measureSite(dist)).files).toBe(files);
  }, 120_000);

  it('without, warns and writes the site', async () => {
    const result = await rebuild(false);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Warning: over a deploy budget: [\d,]+ files, over the 100/);
    expect(result.out).toMatch(/Site: [\d,]+ files, [\d.]+ MB in all, largest/);
  }, 120_000);
});
