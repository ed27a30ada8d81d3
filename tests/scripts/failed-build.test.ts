import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/paths.ts';
import { runScript, snapshot } from '../support/scripts.ts';

// A build that fails after its data step (here: over a deploy budget with --strict, once the
// pages are built) publishes nothing: the model and the site it started from stay byte-identical.

describe('a build that fails after reading the data', () => {
  it('keeps the previous model and site byte-identical and leaves nothing behind', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-failed-build-'));
    const generated = path.join(work, 'generated');
    const dist = path.join(work, 'dist');
    // What a previous build published.
    await mkdir(generated);
    await mkdir(dist);
    await writeFile(path.join(generated, 'model.json'), '{"previous":"model"}');
    await writeFile(path.join(generated, 'downloads.json'), '{"previous":"manifest"}');
    await writeFile(path.join(dist, 'index.html'), 'previous site');
    const before = { generated: await snapshot(generated), dist: await snapshot(dist) };

    const result = await runScript('build.ts', ['--data', fixture('mapex', 'azure-06.29.2021_attack-8.2-enterprise.json'), '--strict'], {
      MAPSCOPE_GENERATED: generated,
      MAPSCOPE_OUT: dist,
      MAPSCOPE_BUDGET_FILES: '10',
    }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error: over a deploy budget: [\d,]+ files, over the 10 /);
    expect({ generated: await snapshot(generated), dist: await snapshot(dist) }).toEqual(before);
    expect((await readdir(work)).sort()).toEqual(['dist', 'generated']);
  }, 180_000);
});

describe('what a build killed outright (SIGKILL to the build itself, a power cut) leaves behind', () => {
  it('is cleared by the next build: its lock taken over, its private folders removed, the site it had set aside put back', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    const dead = child.pid!;
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-killed-build-'));
    const generated = path.join(work, 'generated');
    // Killed between setting the previous site aside and putting its own in place.
    await mkdir(path.join(generated, `build.${dead}.tmp`), { recursive: true });
    await writeFile(path.join(generated, 'model.json'), '{"previous":"model"}');
    await mkdir(path.join(work, `dist.staging-${dead}`));
    await writeFile(path.join(work, `dist.staging-${dead}`, 'index.html'), 'half-built site');
    await mkdir(path.join(work, `dist.old-${dead}`));
    await writeFile(path.join(work, `dist.old-${dead}`, 'index.html'), 'previous site');
    for (const folder of ['generated', 'dist']) {
      await writeFile(
        path.join(work, `${folder}.lock`),
        JSON.stringify({ command: 'npm run build', pid: dead, host: hostname(), started: new Date().toISOString(), token: 'x' }),
      );
    }
    // A build that then stops at its data step (a bad score).
    const result = await runScript('build.ts', ['--data', fixture('broken', 'bad-score.csv')], {
      MAPSCOPE_GENERATED: generated,
      MAPSCOPE_OUT: path.join(work, 'dist'),
    }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`dist was missing after a build stopped mid-swap: the site it replaced (dist.old-${dead}) is back in place.`);
    expect((await readdir(work)).sort()).toEqual(['dist', 'generated']);
    expect(await readdir(generated)).toEqual(['model.json']);
    expect(await readFile(path.join(work, 'dist', 'index.html'), 'utf8')).toBe('previous site');
  });
});
