/**
 * The house rules of src/, checked on the files themselves (no build): one file name per module,
 * a README in every folder of src/lib and src/client, and browser code that never reaches a
 * Node-only module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Folders whose index.ts is a registry (the one file that lists a folder's entries); no other folder has an index.ts. */
const REGISTRIES = ['src/lib/exports/formats', 'src/lib/ingest/rules'];

/** Every file under a folder, as paths from the repository root ("src/lib/core/ids.ts"). */
function filesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Every folder under a folder, itself excluded. */
function foldersUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

// Astro names route files after their URLs (index.astro, [id].astro); folders starting with "_" hold no routes.
const isRoute = (file: string) => file.startsWith('src/pages/') && !file.split('/').some((part) => part.startsWith('_'));

describe('file names', () => {
  const files = filesUnder('src').filter((f) => !isRoute(f) && path.basename(f) !== 'README.md');

  it('no two modules under src/ share a file name, so a name finds its one module', () => {
    const byName = new Map<string, string[]>();
    for (const file of files) {
      const name = path.basename(file).toLowerCase();
      if (name === 'index.ts' && REGISTRIES.includes(path.dirname(file))) continue;
      byName.set(name, [...(byName.get(name) ?? []), file]);
    }
    expect([...byName.values()].filter((list) => list.length > 1)).toEqual([]);
  });

  it('an index.ts is only a registry', () => {
    expect(files.filter((f) => path.basename(f) === 'index.ts' && !REGISTRIES.includes(path.dirname(f)))).toEqual([]);
  });
});

describe('READMEs', () => {
  it('every folder under src/lib and src/client says what it holds in a README.md', () => {
    const missing = [...foldersUnder('src/lib'), ...foldersUnder('src/client')].filter((folder) => !existsSync(path.join(root, folder, 'README.md')));
    expect(missing, `folders without a README.md:\n${missing.join('\n')}`).toEqual([]);
  });
});

describe('browser code', () => {
  const NODE_ONLY = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  // Imports that stay in the bundle: `import type` and `export type` are erased, `import { type X }` is not (verbatimModuleSyntax).
  const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

  /** The modules a file loads: [specifier, resolved path or null for a package]. */
  function importsOf(file: string): [string, string | null][] {
    const text = readFileSync(path.join(root, file), 'utf8');
    const found: [string, string | null][] = [];
    for (const match of text.matchAll(IMPORT)) {
      if (match[1]) continue;
      const specifier = (match[2] ?? match[3])!;
      found.push([
        specifier,
        specifier.startsWith('.')
          ? path
              .relative(root, path.resolve(path.dirname(path.join(root, file)), specifier))
              .split(path.sep)
              .join('/')
          : null,
      ]);
    }
    return found;
  }

  /** Chains of imports from a module to a Node-only module ("a.ts -> b.ts -> node:crypto"). */
  function nodeOnlyChains(entry: string): string[] {
    const chains: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string, chain: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [specifier, resolved] of importsOf(file)) {
        if (resolved === null) {
          if (NODE_ONLY.has(specifier)) chains.push([...chain, file, specifier].join(' -> '));
        } else if (/\.ts$/.test(resolved)) visit(resolved, [...chain, file]);
      }
    };
    visit(entry, []);
    return chains;
  }

  it('src/client and src/lib/core load no Node-only module, however deep the import', () => {
    const entries = [...filesUnder('src/client'), ...filesUnder('src/lib/core')].filter((f) => f.endsWith('.ts'));
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.flatMap(nodeOnlyChains)).toEqual([]);
  });

  it('the import scan finds a Node-only module where there is one', () => {
    expect(nodeOnlyChains('src/lib/model/slugs.ts')).toEqual(['src/lib/model/slugs.ts -> node:crypto']);
  });
});
