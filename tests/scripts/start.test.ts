import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, processesTagged, runNpm, until, type NpmRun } from '../support/commands.ts';

// `npm start` on a fresh machine: it builds, serves the site, says nothing a user cannot act on,
// and sends no telemetry (Astro's is on unless the user turned it off). A fresh Astro settings
// folder and CI=false make Astro behave as on a newcomer's machine, where it would announce its
// telemetry and create an anonymous id to send.

const stripColors = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

let start: NpmRun;
let output = '';
let settings: string;
let page = '';

beforeAll(async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'mapscope-start-'));
  settings = path.join(work, 'settings');
  const port = await freePort();
  start = runNpm(
    'start',
    ['--port', String(port)],
    {
      MAPSCOPE_OUT: path.join(work, 'dist'),
      MAPSCOPE_GENERATED: path.join(work, 'generated'),
      MAPSCOPE_DATA: '',
      MAPSCOPE_ATTACK: '',
      XDG_CONFIG_HOME: settings,
      CI: 'false',
      ASTRO_TELEMETRY_DISABLED: undefined,
      TELEMETRY_DISABLED: undefined,
      NODE_ENV: undefined,
    },
    'pipe',
  );
  for (const stream of [start.child.stdout!, start.child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://localhost:${port}/`;
  const served = await until(async () => {
    if (start.child.exitCode !== null) throw new Error(`npm start ended early:\n${output}`);
    if (!output.includes(url)) return false;
    const answer = await fetch(url).catch(() => null);
    if (answer?.status !== 200) return false;
    page = await answer.text();
    return true;
  }, 180_000);
  if (!served) throw new Error(`npm start did not serve ${url}:\n${output}`);
}, 200_000);

afterAll(async () => {
  if (start?.child.exitCode === null) process.kill(start.child.pid!, 'SIGTERM');
  await start?.exited;
});

describe('npm start on a fresh machine', () => {
  it('serves the built site', () => {
    expect(page).toContain('<title>');
    expect(page).toContain('Mapscope');
  });

  it('prints no warning and no telemetry notice', () => {
    const text = stripColors(output);
    expect(text).toContain('Site: ');
    expect(text).not.toMatch(/anonymous usage data|telemetry/i);
    // "npm warn", Astro's "[WARN]", Node's "Warning:" (not our "0 warnings" count).
    expect(text.split('\n').filter((line) => /\bwarn\b|warning:/i.test(line))).toEqual([]);
  });

  it('creates no telemetry id, so Astro has nothing to send', async () => {
    const astroSettings = path.join(settings, 'astro', 'config.json');
    const saved = existsSync(astroSettings) ? await readFile(astroSettings, 'utf8') : '';
    expect(saved).not.toMatch(/telemetry/);
  });

  it('stops with its npm process, leaving nothing running', async () => {
    process.kill(start.child.pid!, 'SIGTERM');
    await start.exited;
    expect(await until(async () => (await processesTagged(start.tag)).length === 0, 5_000), JSON.stringify(await processesTagged(start.tag))).toBe(true);
  });
});
