/**
 * The code the browser runs stays browser code: every module of src/client/ and everything it
 * imports (static and dynamic imports, re-exports, workers made from `new URL('./x.ts',
 * import.meta.url)`), is in src/client/, src/lib/core/ or the src/lib domain modules listed here,
 * imports no `node:` or Node built-in module, and no package but those listed. Type-only imports
 * are left out: they are erased before anything ships. A module of src/lib/core/ the browser does
 * not reach may still use Node (ids.ts hashes with node:crypto); the day the browser reaches it,
 * this fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT as root } from '../support/paths.ts';

/** The src/lib domain modules the browser runs today, outside src/lib/core/. */
const BROWSER_DOMAIN_MODULES = [
  // The coverage builder's logic.
  'src/lib/coverage/coverage.ts',
  'src/lib/coverage/threat-profile.ts',
  // Comparing two sets in the browser, from their download files.
  'src/lib/compare/compare-csv.ts',
  'src/lib/compare/compare-result.ts',
  'src/lib/compare/diff-sets.ts',
  'src/lib/compare/from-unified.ts',
  // A page's own downloads.
  'src/lib/exports/export-formats.ts',
  'src/lib/exports/page-downloads.ts',
  'src/lib/exports/spreadsheet-cells.ts',
  // A superseded set's and a static comparison's YAML, STIX and Excel files, made on click.
  'src/lib/exports/made-files.ts',
  // The formats' registry and writers, which make a page's own files with the build's code.
  'src/lib/exports/formats/index.ts',
  'src/lib/exports/formats/download-format.ts',
  'src/lib/exports/formats/csv.ts',
  'src/lib/exports/formats/xlsx.ts',
  'src/lib/exports/formats/unified-json.ts',
  'src/lib/exports/formats/yaml.ts',
  'src/lib/exports/formats/navigator-layer.ts',
  'src/lib/exports/formats/stix-bundle.ts',
  'src/lib/exports/formats/non-mappable-csv.ts',
  'src/lib/exports/formats/gaps-csv.ts',
  'src/lib/exports/formats/rows-file.ts',
  'src/lib/exports/formats/comparison-csv.ts',
  // Search, in a Web Worker.
  'src/lib/search/kinds.ts',
  'src/lib/search/query.ts',
  'src/lib/search/rank.ts',
  'src/lib/search/search-text.ts',
  'src/lib/search/searcher.ts',
  'src/lib/search/synonyms.ts',
  'src/lib/search/word-index.ts',
];
const BROWSER_FOLDERS = ['src/client/', 'src/lib/core/'];
/** Packages bundled for the browser: CSV reading and writing, word stems for search, and the writers of a page's workbook (exceljs, loaded on click), STIX ids (uuid) and YAML. */
const BROWSER_PACKAGES = ['papaparse', 'stemmer', 'exceljs', 'uuid', 'yaml'];

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0]!]));

const sourceFiles = (folder: string): string[] =>
  readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();

/** What a module loads when it runs: its value imports, re-exports, import() calls and new URL('./…', import.meta.url). */
function moduleSpecifiers(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => node && ts.isStringLiteralLike(node) && found.push(node.text);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) literal(node.moduleSpecifier);
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly) literal(node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && !ts.isStringLiteralLike(first))
        found.push(`<computed import() at ${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}>`);
      literal(first);
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.[1]?.getText() === 'import.meta.url'
    ) {
      literal(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Why a module the browser reaches may not be there, if it may not. */
function refusal(specifier: string, resolved: string | null): string | null {
  if (specifier.startsWith('<computed')) return 'an import() the check cannot follow';
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier)) return 'a Node built-in module';
  if (!specifier.startsWith('.')) {
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    return BROWSER_PACKAGES.includes(name) ? null : `a package not listed as bundled for the browser (${name})`;
  }
  if (!resolved) return 'a relative import that names no file';
  if (BROWSER_FOLDERS.some((folder) => resolved.startsWith(folder)) || BROWSER_DOMAIN_MODULES.includes(resolved)) return null;
  return 'a module outside src/client/, src/lib/core/ and the listed domain modules';
}

const isFile = (file: string) => statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() ?? false;

/** Every module reached from `roots`, and every import that breaks the rules, with the chain that reaches it. */
function browserGraph(roots: string[], read: (file: string) => string = (file) => readFileSync(path.join(root, file), 'utf8')) {
  const reached = new Map<string, string[]>(roots.map((file) => [file, [file]]));
  const problems: string[] = [];
  const queue = [...roots];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const chain = reached.get(file)!;
    for (const specifier of moduleSpecifiers(file, read(file))) {
      const target = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : null;
      const resolved = target && ([target, `${target}.ts`, `${target}/index.ts`].find(isFile) ?? null);
      const why = refusal(specifier, resolved);
      if (why) problems.push(`${[...chain, specifier].join(' -> ')}: ${why}`);
      else if (resolved && !reached.has(resolved)) {
        reached.set(resolved, [...chain, resolved]);
        queue.push(resolved);
      }
    }
  }
  return { reached: [...reached.keys()].sort(), problems };
}

describe('the browser code', () => {
  const roots = sourceFiles('src/client');

  it('imports only browser modules: no node:, no Node-only package, nothing outside the allowed folders and modules', () => {
    expect(roots).toContain('src/client/enhance.ts');
    expect(browserGraph(roots).problems).toEqual([]);
  });

  it('lists only domain modules the browser still reaches', () => {
    const { reached } = browserGraph(roots);
    expect(BROWSER_DOMAIN_MODULES.filter((file) => !reached.includes(file))).toEqual([]);
    // The search worker is found through new URL(..., import.meta.url).
    expect(reached).toContain('src/client/search/search-worker.ts');
  });

  it('would refuse a node: import, a Node-only package and a build-time module, wherever in the chain', () => {
    const sources: Record<string, string> = {
      'src/client/enhance.ts': "import './coverage/coverage-matrix.ts';\nconst later = () => import('../lib/model/schema.ts');",
      'src/client/coverage/coverage-matrix.ts': "import type { Model } from '../../lib/model/schema.ts';\nimport { x } from '../../lib/coverage/coverage.ts';",
      'src/lib/coverage/coverage.ts':
        "import { readFile } from 'node:fs/promises';\nimport { parse5 } from 'parse5';\nimport path from 'path';\nexport * from '../core/ids.ts';",
      'src/lib/core/ids.ts': "import Papa from 'papaparse';",
    };
    const { problems } = browserGraph(['src/client/enhance.ts'], (file) => sources[file] ?? '');
    expect(problems).toEqual([
      'src/client/enhance.ts -> ../lib/model/schema.ts: a module outside src/client/, src/lib/core/ and the listed domain modules',
      'src/client/enhance.ts -> src/client/coverage/coverage-matrix.ts -> src/lib/coverage/coverage.ts -> node:fs/promises: a Node built-in module',
      'src/client/enhance.ts -> src/client/coverage/coverage-matrix.ts -> src/lib/coverage/coverage.ts -> parse5: a package not listed as bundled for the browser (parse5)',
      'src/client/enhance.ts -> src/client/coverage/coverage-matrix.ts -> src/lib/coverage/coverage.ts -> path: a Node built-in module',
    ]);
  });
});
