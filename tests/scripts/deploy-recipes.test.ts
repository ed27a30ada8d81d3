/**
 * The deploy recipes say what the site needs: GitHub Pages builds with the project's base path
 * and publishes dist/ with the official actions; Netlify publishes dist/; nginx sends the same
 * security headers as dist/_headers. (tests/e2e/nginx.test.ts serves the site with nginx.)
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HASHED_ASSET_CACHE, SECURITY_HEADERS, headersFile } from '../../src/lib/site/security-policy.ts';

const read = (file: string) => readFile(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe('the GitHub Pages workflow', () => {
  it('builds with the Pages base path and origin, then publishes dist/ with the official actions', async () => {
    const workflow = parse(await read('.github/workflows/pages.yml'));
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const steps: Step[] = workflow.jobs.build.steps;
    const index = (match: (s: Step) => boolean) => steps.findIndex(match);
    const node = steps[index((s) => s.uses?.startsWith('actions/setup-node@') ?? false)]!;
    expect(node.with?.['node-version']).toBe(20);
    const pages = index((s) => s.uses?.startsWith('actions/configure-pages@') ?? false);
    const install = index((s) => s.run?.startsWith('npm ci') ?? false);
    const build = index((s) => s.run === 'npm run build');
    const upload = index((s) => s.uses?.startsWith('actions/upload-pages-artifact@') ?? false);
    expect([pages, install, build, upload].every((i) => i >= 0)).toBe(true);
    expect(pages < build && install < build && build < upload).toBe(true);
    const id = steps[pages]!.id;
    expect(steps[build]!.env).toMatchObject({
      MAPSCOPE_BASE: `\${{ steps.${id}.outputs.base_path }}/`,
      MAPSCOPE_SITE: `\${{ steps.${id}.outputs.origin }}`,
    });
    expect(steps[build]!.env!['MAPSCOPE_DATA']).toContain('.mappings-explorer/mappings');
    const mappings = steps.find((s) => s.with?.['repository'] === 'center-for-threat-informed-defense/mappings-explorer');
    expect(mappings?.with).toMatchObject({ path: '.mappings-explorer', 'sparse-checkout': 'mappings' });
    expect(steps[upload]!.with?.['path']).toBe('dist');
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.environment.name).toBe('github-pages');
    expect(workflow.jobs.deploy.steps.map((s: Step) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/deploy-pages']);
  });
});

describe('the static-host recipes', () => {
  it('netlify.toml builds with npm and publishes dist/, whose _headers carries the policy', async () => {
    const toml = await read('netlify.toml');
    expect(toml).toMatch(/^\s*command = "npm run build"$/m);
    expect(toml).toMatch(/^\s*publish = "dist"$/m);
    expect(toml).toMatch(/^\s*NODE_VERSION = "20"$/m);
    expect(headersFile('/mapscope/')).toBe(
      [
        '/mapscope/*',
        ...SECURITY_HEADERS.map(([n, v]) => `  ${n}: ${v}`),
        '/mapscope/_astro/*',
        `  Cache-Control: ${HASHED_ASSET_CACHE}`,
        '/mapscope/downloads/*',
        '  Access-Control-Allow-Origin: *',
        '',
      ].join('\n'),
    );
  });

  it('nginx sends every security header of _headers, on every answer, and caches hashed assets', async () => {
    const conf = await read('deploy/nginx/mapscope.conf');
    const added = [...conf.matchAll(/^\s*add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]);
    expect(added).toEqual(SECURITY_HEADERS.map(([n, v]) => [n, v]));
    expect(conf).toContain(`~^/_astro/  "${HASHED_ASSET_CACHE}";`);
    expect(conf).toMatch(/^\s*error_page 404 \/404\.html;$/m);
    expect(conf).toMatch(/^\s*add_header Access-Control-Allow-Origin \$mapscope_cors always;$/m);
    expect(conf).toMatch(/^\s*~\^\/downloads\/\s+"\*";$/m);
  });

  it('the Dockerfile serves dist/ with that configuration', async () => {
    const docker = await read('deploy/Dockerfile');
    expect(docker).toMatch(/^FROM nginx:/m);
    expect(docker).toContain('COPY deploy/nginx/mapscope.conf /etc/nginx/conf.d/default.conf');
    expect(docker).toContain('COPY dist/ /usr/share/nginx/html/');
    const ignore = (await read('.dockerignore')).split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['*', '!dist/', '!deploy/nginx/']));
  });
});
