/** Building a whole site from given data the way `npm run build` does, timed, and measuring what it wrote. */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Run the data step and astro build into `work`; milliseconds of wall time. */
export async function buildSiteTimed(data: string[], work: string, base = '/'): Promise<{ ms: number; dist: string }> {
  const dist = path.join(work, 'dist');
  const { BASE_URL: _b, MODE: _m, ...inherited } = process.env;
  const env = {
    ...inherited,
    MAPSCOPE_DATA: data.join(':'),
    MAPSCOPE_GENERATED: path.join(work, 'generated'),
    MAPSCOPE_OUT: dist,
    MAPSCOPE_BASE: base,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const started = performance.now();
  await run('npm', ['run', '--silent', 'build'], { env, maxBuffer: 256 << 20 });
  return { ms: performance.now() - started, dist };
}

/** Files under a folder: count by extension and total bytes. */
export async function measureFolder(dir: string): Promise<{ files: number; pages: number; bytes: number; byTop: Record<string, number> }> {
  let files = 0;
  let pages = 0;
  let bytes = 0;
  const byTop: Record<string, number> = {};
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const size = (await stat(full)).size;
        files++;
        bytes += size;
        if (entry.name.endsWith('.html')) pages++;
        const top = path.relative(dir, full).split(path.sep)[0]!;
        byTop[top] = (byTop[top] ?? 0) + size;
      }
    }
  };
  await walk(dir);
  return { files, pages, bytes, byTop };
}
