/**
 * Check a built site: every internal link (a, link, script, form, img) points at a file that
 * exists, and every #fragment at an element id on the target page. Used by the tests and the
 * benchmark; prints problems when run as a command:  tsx scripts/site-check/links.ts dist [/base/]
 */
import { readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { isMain } from '../cli.ts';
import { listFiles } from './files.ts';

export interface LinkReport {
  pages: number;
  links: number;
  fragments: number;
  external: number;
  problems: string[];
}

/** The site path of a built file: dist/a/b/index.html -> /base/a/b/ */
function pagePath(dist: string, file: string, base: string): string {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  return `${base}${rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel}`;
}

/** The file a site path is served from, or null when there is none. */
function fileFor(dist: string, sitePath: string, base: string): string | null {
  if (!sitePath.startsWith(base)) return null;
  const rel = decodeURIComponent(sitePath.slice(base.length));
  const target = path.join(dist, rel);
  if (!target.startsWith(dist)) return null;
  if (existsSync(target) && statSync(target).isDirectory()) {
    const index = path.join(target, 'index.html');
    return existsSync(index) ? index : null;
  }
  return existsSync(target) ? target : null;
}

export async function checkLinks(dist: string, base = '/'): Promise<LinkReport> {
  const root = path.resolve(dist);
  const files = (await listFiles(root)).filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const links: { from: string; href: string }[] = [];
  let external = 0;
  for (const file of files) {
    const doc = parse(await readFile(file, 'utf8'));
    ids.set(file, new Set(doc.querySelectorAll('[id]').map((e) => e.getAttribute('id')!)));
    const from = pagePath(root, file, base);
    for (const [selector, attribute] of [
      ['a[href]', 'href'],
      ['link[href]', 'href'],
      ['script[src]', 'src'],
      ['img[src]', 'src'],
      ['form[action]', 'action'],
    ] as const) {
      for (const element of doc.querySelectorAll(selector)) {
        const href = element.getAttribute(attribute)!;
        if (/^(https?:)?\/\//i.test(href)) {
          external++;
          continue;
        }
        links.push({ from, href });
      }
    }
  }
  const problems: string[] = [];
  let fragments = 0;
  // Most links lead to the same few thousand pages: look each path up on disk once.
  const targets = new Map<string, string | null>();
  const targetOf = (sitePath: string) => {
    if (!targets.has(sitePath)) targets.set(sitePath, fileFor(root, sitePath, base));
    return targets.get(sitePath)!;
  };
  for (const { from, href } of links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      problems.push(`${from}: link with a scheme that is not http(s): ${href}`);
      continue;
    }
    const url = new URL(href, `http://site${from}`);
    const file = targetOf(url.pathname);
    if (!file) {
      problems.push(`${from}: ${href} -> no file for ${url.pathname}`);
      continue;
    }
    if (url.hash) {
      fragments++;
      const id = decodeURIComponent(url.hash.slice(1));
      if (!ids.get(file)?.has(id)) problems.push(`${from}: ${href} -> no element with id "${id}" on ${url.pathname}`);
    }
  }
  return { pages: files.length, links: links.length, fragments, external, problems };
}

if (isMain(import.meta.url)) {
  const report = await checkLinks(process.argv[2] ?? 'dist', process.argv[3] ?? '/');
  for (const p of report.problems.slice(0, 50)) console.log(p);
  console.log(
    `${report.pages} pages, ${report.links} internal links (${report.fragments} with #fragments), ${report.external} external: ${report.problems.length} problems`,
  );
  process.exitCode = report.problems.length ? 1 : 0;
}
