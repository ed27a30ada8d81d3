import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedSite } from '../support/build-site.ts';
import { freePort, processesTagged, runNpm, until } from '../support/commands.ts';
import { ROOT } from '../support/paths.ts';

// Every command the docs name is run by a test or by .ci/run. The commands that other tests reach
// through their modules (not as a user types them) are run here as typed, each on something small.

/** Where each npm script the docs name is run: a test file that runs it as a command, or .ci/run. */
const RUN_BY: Record<string, string> = {
  start: 'tests/scripts/start.test.ts',
  build: 'tests/scripts/build-interrupt.test.ts',
  data: 'tests/scripts/build-model.test.ts',
  attack: 'tests/scripts/import-attack.test.ts',
  baselines: 'tests/scripts/import-baselines.test.ts',
  screenshots: 'tests/e2e/screenshots.test.ts',
  'docs:config': 'tests/lib/config/settings.test.ts',
  dev: 'tests/scripts/documented-commands.test.ts',
  corpus: 'tests/scripts/documented-commands.test.ts',
  fidelity: 'tests/scripts/documented-commands.test.ts',
  budgets: 'tests/scripts/documented-commands.test.ts',
  bench: 'tests/scripts/documented-commands.test.ts',
  test: '.ci/run',
  'test:unit': '.ci/run',
  'test:e2e': '.ci/run',
  lint: '.ci/run',
  check: '.ci/run',
};

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'data/README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The npm scripts a text names: `npm run X`, `npm start`, `npm test`. */
function scriptsNamed(text: string): Set<string> {
  const named = new Set<string>();
  for (const m of text.matchAll(/\bnpm (?:run ([a-z][\w:-]*)|(start|test)\b)/g)) named.add(m[1] ?? m[2]!);
  return named;
}

/** `npm run <script> -- <args>` to its end: exit code and everything it printed. */
async function npm(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const run = runNpm(script, args, env, 'pipe');
  let output = '';
  for (const stream of [run.child.stdout!, run.child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const { code } = await run.exited;
  return { code, output };
}

describe('every documented command', () => {
  it('is run by a test or by .ci/run, which really runs it', () => {
    const named = new Set(DOCS.flatMap((file) => [...scriptsNamed(read(file))]));
    expect([...named].filter((script) => !RUN_BY[script]).sort()).toEqual([]);
    for (const [script, where] of Object.entries(RUN_BY)) {
      const text = read(where);
      if (where === '.ci/run') expect(text, `.ci/run runs npm ${script}`).toMatch(new RegExp(`^npm (run )?${script.replace(':', '\\:')}$`, 'm'));
      else if (where !== 'tests/scripts/documented-commands.test.ts')
        expect(text, `${where} runs npm run ${script}`).toMatch(/runNpm\(|scripts\/[\w-]+\.ts|execFile/);
    }
  });

  it('npm run corpus -- --out DIR --seed N writes the synthetic corpus there', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'mapscope-corpus-cmd-')), 'corpus');
    const { code, output } = await npm('corpus', ['--out', out, '--seed', '7']);
    expect(code, output).toBe(0);
    expect(output).toMatch(new RegExp(`33 sets, \\d+ mapping objects, [\\d.]+ MB in \\d+ files -> ${out}`));
    expect((await readdir(out)).length).toBeGreaterThan(5);
  }, 120_000);

  it('npm run budgets -- DIR measures a built site against the deploy budgets', async () => {
    const site = await sharedSite();
    const { code, output } = await npm('budgets', [site.dist]);
    expect(code, output).toBe(0);
    expect(output).toContain(`${site.dist}: `);
    expect(output).toMatch(/Within the deploy budgets \([\d,]+ files, [\d.]+ MiB a file, [\d.]+ MB in all\)/);
  }, 240_000);

  it('npm run fidelity -- --data --dist --model compares every download with its source', async () => {
    const site = await sharedSite();
    const { code, output } = await npm('fidelity', [
      '--data',
      path.join(ROOT, 'data'),
      '--dist',
      site.dist,
      '--model',
      path.join(site.generated, 'model.json'),
      '--strict',
    ]);
    expect(code, output).toBe(0);
    expect(output).toMatch(/\d+ download files?/);
  }, 240_000);

  it('npm run bench -- --only search --runs 1 prints its figures with their targets', async () => {
    const { code, output } = await npm('bench', ['--only', 'search', '--runs', '1']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^corpus: 33 sets/m);
    expect(output).toMatch(/median .*p95|p95/);
  }, 300_000);

  it('npm run dev builds the site and serves it, and stops with its npm process', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'mapscope-dev-'));
    const port = await freePort();
    const dev = runNpm(
      'dev',
      ['--port', String(port)],
      { MAPSCOPE_OUT: path.join(work, 'dist'), MAPSCOPE_GENERATED: path.join(work, 'generated'), MAPSCOPE_DATA: '' },
      'pipe',
    );
    let output = '';
    for (const stream of [dev.child.stdout!, dev.child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      let page = '';
      const served = await until(async () => {
        if (dev.child.exitCode !== null) throw new Error(`npm run dev ended early:\n${output}`);
        const answer = await fetch(`http://localhost:${port}/techniques/T1046/`).catch(() => null);
        if (answer?.status !== 200) return false;
        page = await answer.text();
        return true;
      }, 240_000);
      expect(served, output).toBe(true);
      expect(page).toContain('T1046');
    } finally {
      if (dev.child.exitCode === null) process.kill(dev.child.pid!, 'SIGTERM');
      await dev.exited;
    }
    expect(await until(async () => (await processesTagged(dev.tag)).length === 0, 5_000)).toBe(true);
  }, 300_000);
});
