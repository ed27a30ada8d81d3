import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/paths.ts';
import { runScript, snapshot } from '../support/scripts.ts';

// A write the system refuses: one line naming the path and the cause, exit 1, no stack trace,
// every output as it was. Tests run as root here, which writes through a read-only mode, so the
// refused folder is one under a regular file (ENOTDIR, EEXIST for the folder itself), which no
// user can write.

let work: string;
/** A regular file, under which no folder can be made. */
let file: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mapscope-write-failures-'));
  file = path.join(work, 'file');
  await writeFile(file, 'a regular file');
});

/** One line: "Error: cannot write <path under the file>: <cause> (<code>). <what stays>" and nothing else. */
function expectOneLine(stderr: string, intact: string) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^Error: cannot write ${file}\\S*: a (part of the path is a file, not a folder \\(ENOTDIR\\)|file is there, where a folder is needed \\(EEXIST\\))\\. ${intact}$`,
    ),
  );
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('write failures', () => {
  it('npm run data into a folder that cannot be made', async () => {
    const result = await runScript('build-model.ts', ['--data', fixture('long-ids'), '--out', path.join(file, 'generated')]).done;
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'Nothing was written; the previous model is unchanged\\.');
  });

  it('npm run build into an output folder that cannot be made: the generated folder stays as it was', async () => {
    const generated = path.join(work, 'generated');
    await mkdir(generated, { recursive: true });
    await writeFile(path.join(generated, 'model.json'), '{"previous":"model"}');
    const before = await snapshot(generated);
    const result = await runScript('build.ts', ['--data', fixture('fidelity')], { MAPSCOPE_GENERATED: generated, MAPSCOPE_OUT: path.join(file, 'dist') }).done;
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'The previous site and model stay as they were\\.');
    expect(await snapshot(generated)).toEqual(before);
  }, 120_000);

  it('npm run build with a generated folder that cannot be made: the site stays as it was', async () => {
    const dist = path.join(work, 'dist');
    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, 'index.html'), 'previous site');
    const before = await snapshot(dist);
    const result = await runScript('build.ts', ['--data', fixture('fidelity')], { MAPSCOPE_GENERATED: path.join(file, 'generated'), MAPSCOPE_OUT: dist }).done;
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'The previous site and model stay as they were\\.');
    expect(await snapshot(dist)).toEqual(before);
  }, 120_000);

  it('npm run attack into a catalog folder that cannot be made', async () => {
    const result = await runScript('import-attack.ts', [fixture('attack', 'bundles'), '--out', path.join(file, 'attack')]).done;
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'Nothing was written; the catalog is unchanged\\.');
  });

  it('npm run baselines into a folder that cannot be made', async () => {
    const result = await runScript('import-baselines.ts', [fixture('oscal', 'profiles'), '--out', path.join(file, 'baselines')]).done;
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, 'Nothing was written; the baselines are unchanged\\.');
  });

  it('leave nothing behind', async () => {
    expect((await readdir(work)).sort()).toEqual(['dist', 'file', 'generated']);
  });
});
