/**
 * The docs a newcomer reads hold together: README.md stays short, every relative link in
 * README.md, CONTRIBUTING.md, docs/*.md and data/README.md leads to a file that exists (and a
 * #anchor to a heading of it), and every `npm run X` they mention is a script of package.json.
 * No site is built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'data/README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const markdown = new MarkdownIt({ html: true });

/** The text of an inline token as a reader sees it (code spans without their backticks). */
const inlineText = (token: Token) => (token.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : '')).join('');

/** GitHub's anchor for a heading: lower case, punctuation dropped but `-` and `_`, spaces as `-`; repeats get -1, -2... */
function headingAnchors(text: string): Set<string> {
  const tokens = markdown.parse(text, {});
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const slug = inlineText(tokens[i + 1]!)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  });
  return anchors;
}

/** Every link and image target of a markdown text, code excluded. */
function linkTargets(text: string): string[] {
  const targets: string[] = [];
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') targets.push(token.attrGet('href') ?? '');
      if (token.type === 'image') targets.push(token.attrGet('src') ?? '');
      if (token.children) walk(token.children);
    }
  };
  walk(markdown.parse(text, {}));
  return targets;
}

/**
 * What is wrong with the relative links of `text`, a markdown file at `file` (relative to the
 * repository): a target that does not exist, or an anchor that no heading of its file has.
 */
function linkProblems(file: string, text: string, readDoc = read): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const [pathPart = '', anchor] = target.split('#', 2);
    const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
    if (resolved.startsWith('..') || !existsSync(path.join(ROOT, resolved))) {
      problems.push(`${file}: ${target}: no such file`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md') || statSync(path.join(ROOT, resolved)).isDirectory()) {
      problems.push(`${file}: ${target}: an anchor into a file that has no headings`);
      continue;
    }
    const anchors = headingAnchors(resolved === file ? text : readDoc(resolved));
    if (!anchors.has(decodeURIComponent(anchor))) problems.push(`${file}: ${target}: no heading #${anchor} in ${resolved}`);
  }
  return problems;
}

/** The npm commands a text names (`npm run X`, `npm start`, `npm test`) that package.json has no script for. */
function unknownScripts(text: string, scripts: Record<string, string>): string[] {
  const named = [...text.matchAll(/\bnpm run ([\w:.-]*\w)/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/\bnpm (start|test)\b/g)) named.push(m[1]!);
  return [...new Set(named)].filter((name) => !(name in scripts));
}

describe('the docs', () => {
  it('README.md stays short: under 150 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThan(150);
  });

  it('README.md links the docs folder, CONTRIBUTING.md and the data reference', () => {
    const targets = linkTargets(read('README.md'));
    for (const doc of DOCS.filter((d) => d !== 'README.md')) expect(targets, doc).toContain(doc);
  });

  it.each(DOCS)('every relative link in %s leads to an existing file and heading', (file) => {
    expect(linkProblems(file, read(file))).toEqual([]);
  });

  it.each(DOCS)('every npm command %s names is a script of package.json', (file) => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(unknownScripts(read(file), scripts)).toEqual([]);
  });

  it('the checks catch a missing file, a missing heading and an unknown script', () => {
    const text = [
      '# Title',
      '## Run it',
      '[ok](#run-it) [ok](docs/site.md#search) [ok](https://example.org/nowhere.md) `[not a link](nowhere.md)`',
      '[gone](docs/nowhere.md) [gone](#walk-it) [gone](docs/site.md#no-such-heading) [out](../outside.md)',
    ].join('\n');
    expect(linkProblems('README.md', text)).toEqual([
      'README.md: docs/nowhere.md: no such file',
      'README.md: #walk-it: no heading #walk-it in README.md',
      'README.md: docs/site.md#no-such-heading: no heading #no-such-heading in docs/site.md',
      'README.md: ../outside.md: no such file',
    ]);
    expect(unknownScripts('Run `npm run build`, then `npm run deploy`; `npm start`.', { build: '', start: '' })).toEqual(['deploy']);
  });

  it('anchors follow GitHub: punctuation dropped, code spans as their text, repeats numbered', () => {
    expect([...headingAnchors('# The ATT&CK matrix\n## Warnings and `--strict`\n## Notes\n## Notes')]).toEqual([
      'the-attck-matrix',
      'warnings-and---strict',
      'notes',
      'notes-1',
    ]);
  });
});
