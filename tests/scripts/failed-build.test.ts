import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

    const result = await runScript('build.ts', ['--data', fixture('long-ids'), '--strict'], { MAPSCOPE_GENERATED: generated, MAPSCOPE_OUT: dist, MAPSCOPE_BUDGET_FILES: '10' }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error: over a deploy budget: [\d,]+ files, over the 10 /);
    expect({ generated: await snapshot(generated), dist: await snapshot(dist) }).toEqual(before);
    expect((await readdir(work)).sort()).toEqual(['dist', 'generated']);
  }, 180_000);
});
