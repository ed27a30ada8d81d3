import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/commands.ts';
import { fixture, ROOT } from '../support/paths.ts';
import { oneBuild, published, runScript, snapshot } from '../support/scripts.ts';

// Two runs that would publish into the same folders at once: the second is refused and says why;
// what is published comes from one run alone.

const REFUSED =
  /^Error: \S+ is being written by another run \(npm run (build|data|attack|baselines), pid \d+, since [\d-]+ [\d:]+ UTC\); this run stopped without writing anything\./m;

/** Start a build of `data` into work/dist and work/generated. */
const build = (work: string, data: string) =>
  runScript('build.ts', ['--data', data], { MAPSCOPE_GENERATED: path.join(work, 'generated'), MAPSCOPE_OUT: path.join(work, 'dist') });

/** Wait until a build is under way: its staging folder beside the output folder exists. */
const underWay = (work: string) => until(async () => (await readdir(work)).some((f) => f.startsWith('dist.staging-')), 90_000);

const held: ChildProcess[] = [];
afterEach(() => {
  for (const child of held.splice(0)) child.kill();
});

/** A live run of `command` that holds the lock of `folder` until the test ends. */
async function holdLock(folder: string, command: string): Promise<void> {
  const script = `import { lockOutput } from ${JSON.stringify(path.join(ROOT, 'src/lib/io/output-lock.ts'))};
    await lockOutput(process.argv[1], ${JSON.stringify(command)}); console.log('held'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, folder], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  held.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder ended with ${code}`)));
  });
}

describe('two builds at once into the same folders', () => {
  it('publish one site from one model: the second is refused and says why', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-concurrent-'));
    const first = build(work, fixture('fidelity'));
    expect(await underWay(work)).toBe(true);
    const second = build(work, fixture('long-ids'));
    const results = await Promise.all([first.done, second.done]);
    const [won, lost] = results[0].code === 0 ? results : [results[1], results[0]];
    expect(results.map((r) => r.code).sort(), results.map((r) => r.stderr).join('\n')).toEqual([0, 1]);
    expect(lost.stderr).toMatch(REFUSED);
    expect(lost.stderr).toContain('(npm run build, pid ');
    expect(won.stdout).toContain('Site: ');
    const site = await published(path.join(work, 'generated'), path.join(work, 'dist'));
    expect(oneBuild(site), JSON.stringify(site)).toBe(true);
    expect(site.model.frameworks).toEqual(['acme_guard']);
    expect((await readdir(work)).sort()).toEqual(['dist', 'generated']);
    expect((await readdir(path.join(work, 'generated'))).sort()).toEqual(['downloads.json', 'model.json']);
  }, 240_000);
});

describe('npm run data while a build runs into the same generated folder', () => {
  it('is refused, saying why, and the build publishes its own model with its site', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-concurrent-'));
    const running = build(work, fixture('fidelity'));
    expect(await underWay(work)).toBe(true);
    const data = await runScript('build-model.ts', ['--data', fixture('long-ids'), '--out', path.join(work, 'generated')]).done;
    expect(data.code).toBe(1);
    expect(data.stderr).toMatch(REFUSED);
    expect(data.stderr).toContain('generated is being written by another run (npm run build, pid ');
    const built = await running.done;
    expect(built.code, built.stderr).toBe(0);
    const site = await published(path.join(work, 'generated'), path.join(work, 'dist'));
    expect(oneBuild(site), JSON.stringify(site)).toBe(true);
    expect(site.model.frameworks).toEqual(['acme_guard']);
  }, 240_000);
});

/** An output folder as a previous run left it. */
const previous = {
  generated: (out: string) => mkdir(out).then(() => writeFile(path.join(out, 'model.json'), '{"previous":true}')),
  attack: (out: string) => cp(path.join(ROOT, 'data/attack'), out, { recursive: true }),
  baselines: (out: string) => cp(path.join(ROOT, 'data/baselines'), out, { recursive: true }),
};

describe.each([
  ['npm run data', 'build-model.ts', (out: string) => ['--data', fixture('long-ids'), '--out', out], 'generated'],
  ['npm run attack', 'import-attack.ts', (out: string) => [fixture('attack', 'bundles'), '--out', out], 'attack'],
  ['npm run baselines', 'import-baselines.ts', (out: string) => [fixture('oscal', 'profiles'), '--out', out], 'baselines'],
] as const)('%s while another run writes the same folder', (command, script, args, name) => {
  it('is refused, saying which run holds it, and leaves the folder as it was; once that run is gone, it runs', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-locked-'));
    const out = path.join(work, name);
    await previous[name](out);
    const before = await snapshot(out);
    await holdLock(out, command);
    const refused = await runScript(script, args(out)).done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(REFUSED);
    expect(refused.stderr).toContain(`${out} is being written by another run (${command}, pid `);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(await snapshot(out)).toEqual(before);

    // The holder killed outright leaves its lock behind: the next run takes it over.
    for (const child of held.splice(0)) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
    }
    expect(await readFile(`${out}.lock`, 'utf8')).toContain(command);
    const ran = await runScript(script, args(out)).done;
    expect(ran.code, ran.stderr).toBe(0);
    expect((await readdir(work)).sort()).toEqual([name]);
  }, 60_000);
});
