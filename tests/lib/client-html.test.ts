/**
 * The browser code never turns a string into markup: no src/client file writes innerHTML,
 * outerHTML, insertAdjacentHTML or document.write (nor the other ways to parse HTML), so a name
 * in the data shows as the text it is. Elements are made by h() (src/client/elements/dom.ts),
 * the only place that calls document.createElement. The scan reads the code, not its comments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

const PARSES_HTML = new Set([
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'createContextualFragment',
  'parseFromString',
  'setHTMLUnsafe',
  'parseHTMLUnsafe',
  'srcdoc',
]);
const DOM_HELPER = 'src/client/elements/dom.ts';

/** Each use, as "file:line what", of a way to parse HTML, and of document.createElement outside the helper. */
function findings(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node): void => {
    // A member named as code (el.innerHTML) or as a string (el['innerHTML']).
    if ((ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && PARSES_HTML.has(node.text)) at(node, node.text);
    if (ts.isPropertyAccessExpression(node) && node.expression.getText() === 'document') {
      const name = node.name.text;
      if (name === 'write' || name === 'writeln') at(node, `document.${name}`);
      if (name === 'createElement' && file !== DOM_HELPER) at(node, 'document.createElement (use h() from src/client/elements/dom.ts)');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const clientFiles = readdirSync(path.join(ROOT, 'src/client'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
  .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

describe('the browser code builds what it shows from nodes', () => {
  it('parses no HTML, and makes elements only through h()', () => {
    expect(clientFiles).toContain(DOM_HELPER);
    expect(clientFiles.length).toBeGreaterThan(10);
    expect(clientFiles.flatMap((file) => findings(file, readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('would find each way of writing markup, and not the words in a comment', () => {
    const source = [
      '// innerHTML is not used here; document.write neither',
      'list.innerHTML = `<li>${name}</li>`;',
      "cell['outerHTML'] = html;",
      "row.insertAdjacentHTML('beforeend', html);",
      'document.write(html);',
      'const range = document.createRange().createContextualFragment(html);',
      "const strong = document.createElement('strong');",
    ].join('\n');
    expect(findings('src/client/x.ts', source)).toEqual([
      'src/client/x.ts:2 innerHTML',
      'src/client/x.ts:3 outerHTML',
      'src/client/x.ts:4 insertAdjacentHTML',
      'src/client/x.ts:5 document.write',
      'src/client/x.ts:6 createContextualFragment',
      'src/client/x.ts:7 document.createElement (use h() from src/client/elements/dom.ts)',
    ]);
  });
});
