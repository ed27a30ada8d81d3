/**
 * npm run screenshots on the default site: every page kind at both viewports in both colour
 * schemes, as real PNGs of the viewport's width, light and dark not the same picture; and plain
 * messages when the site is not built or Chromium is missing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KINDS = ['home', 'technique', 'capability', 'group', 'set', 'tactic', 'coverage', 'compare', 'data-quality', 'search'];
const WIDTHS = { desktop: 1366, phone: 390 };
const HEIGHTS = { desktop: 900, phone: 844 };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function screenshots(args: string[], env: NodeJS.ProcessEnv = {}) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/screenshots.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 16 << 20,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run screenshots', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof screenshots>>;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'mapscope-screenshots-'));
    run = await screenshots(['--dist', inject('siteDist'), '--out', out]);
  }, 300_000);

  it('writes every page kind at both viewports in both schemes, as PNGs of the viewport width', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const kind of KINDS) {
      for (const viewport of ['desktop', 'phone'] as const) {
        const [light, dark] = await Promise.all(['light', 'dark'].map((scheme) => readFile(path.join(out, `${kind}-${viewport}-${scheme}.png`))));
        for (const shot of [light!, dark!]) {
          const { width, height } = pngSize(shot);
          expect(width, `${kind}-${viewport}`).toBe(WIDTHS[viewport]);
          expect(height, `${kind}-${viewport}`).toBeGreaterThanOrEqual(HEIGHTS[viewport]);
        }
        expect(light!.equals(dark!), `${kind}-${viewport}: light and dark are the same picture`).toBe(false);
        for (const scheme of ['light', 'dark']) {
          const top = pngSize(await readFile(path.join(out, `${kind}-${viewport}-${scheme}-viewport.png`)));
          expect(top).toEqual({ width: WIDTHS[viewport], height: HEIGHTS[viewport] });
        }
      }
    }
  });

  it('prints one line per file with its size and the page it shows', () => {
    const lines = run.stdout.split('\n').filter((line) => line.includes('.png'));
    // Every kind (the ten above, and the ATT&CK adversary kinds where the site has them) at 2 widths x 2 schemes, full and first screen.
    expect(lines.length % 8).toBe(0);
    for (const kind of KINDS)
      for (const shot of ['desktop-light', 'desktop-dark', 'phone-light', 'phone-dark'])
        expect(lines.filter((l) => l.includes(`/${kind}-${shot}`))).toHaveLength(2);
    const set = lines.find((line) => line.includes('set-desktop-dark.png '));
    expect(set).toMatch(/set-desktop-dark\.png {2}[\d,]+ KB {2}1366x\d+.* {2}http:\/\/127\.0\.0\.1:\d+\/sets\/[^/]+\/$/);
    // The coverage builder is shown with a selection, the search page with results.
    expect(lines.find((line) => line.includes('coverage-phone-light.png '))).toMatch(/\/coverage\/\?(b|c)=\S+$/);
    expect(lines.find((line) => line.includes('search-phone-light.png '))).toMatch(/\/search\/\?q=\S+$/);
  });

  it('says to build the site first when the folder holds none', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'mapscope-not-built-'));
    const { code, stderr } = await screenshots(['--dist', empty]);
    expect(code).toBe(1);
    expect(stderr).toContain(`No built site in ${empty}`);
    expect(stderr).toContain('npm run build');
  });

  it('says how to install Chromium when there is none', async () => {
    const { code, stderr } = await screenshots(['--dist', inject('siteDist'), '--out', out], { CHROMIUM_PATH: path.join(out, 'no-chromium') });
    expect(code).toBe(1);
    expect(stderr).toContain(`No Chromium at ${path.join(out, 'no-chromium')}`);
    expect(stderr).toContain('apt-get install -y chromium');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
