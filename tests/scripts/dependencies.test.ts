import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

// Every package the code imports is declared in package.json, so that `npm ci` on a fresh machine
// installs it (a package that is only there as another's dependency can go with its next version).
// The site's code (src/) imports only what a production install has: package.json's dependencies.

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const SOURCE = /\.(ts|mts|mjs|js|astro)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f) && !f.split(path.sep).includes('fixtures'))
    .map((f) => path.join(dir, f));
}

/** The code of a file: for an Astro component, its frontmatter and its scripts. */
function codeOf(file: string): string {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  if (!file.endsWith('.astro')) return text;
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [frontmatter, ...scripts].join('\n');
}

/** The packages a file imports (static, dynamic and type imports, re-exports), by package name. */
function packagesOf(file: string): string[] {
  const specifiers = ts.preProcessFile(codeOf(file), true, true).importedFiles.map((f) => f.fileName);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !s.startsWith('astro:') && !builtinModules.includes(s.split('/')[0]!))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

const importers = (dirs: string[]) => {
  const found = new Map<string, string[]>();
  for (const file of dirs.flatMap(filesUnder)) for (const name of packagesOf(file)) found.set(name, [...(found.get(name) ?? []), file]);
  return found;
};

describe('package.json', () => {
  it('declares every package that src, scripts, tests and the configs import', () => {
    const found = importers(['src', 'scripts', 'tests']);
    for (const config of ['astro.config.mjs', 'vitest.config.ts', 'vitest.e2e.config.ts'])
      for (const name of packagesOf(config)) found.set(name, [...(found.get(name) ?? []), config]);
    // The scan finds what the code is known to import (it fails if it reads nothing).
    expect([...found.keys()]).toEqual(expect.arrayContaining(['astro', 'zod', 'vitest', 'lighthouse', 'chrome-launcher', 'playwright-core']));
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]);
    const undeclared = [...found].filter(([name]) => !declared.has(name)).map(([name, files]) => `${name} (${files.join(', ')})`);
    expect(undeclared).toEqual([]);
  });

  it("declares what the site's code imports among the dependencies a production install has", () => {
    const runtime = new Set(Object.keys(manifest.dependencies));
    const devOnly = [...importers(['src'])].filter(([name]) => !runtime.has(name)).map(([name, files]) => `${name} (${files.join(', ')})`);
    expect(devOnly).toEqual([]);
  });
});
