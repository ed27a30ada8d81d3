/** Reading built pages as parsed HTML. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

/** Parse the page a site path is served from: "/techniques/T1046/" -> dist/techniques/T1046/index.html */
export function page(dist: string, sitePath: string): HTMLElement {
  const file = sitePath.endsWith('/') ? path.join(dist, sitePath, 'index.html') : path.join(dist, sitePath);
  return parse(readFileSync(file, 'utf8'));
}

/** Visible text of an element, whitespace collapsed. */
export const text = (element: HTMLElement | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A table as header texts and rows of cell texts. */
export function tableOf(table: HTMLElement) {
  const headers = table.querySelectorAll('thead th').map(text);
  const rows = table.querySelectorAll('tbody tr').map((tr) => ({
    id: tr.getAttribute('id'),
    element: tr,
    cells: Object.fromEntries(tr.querySelectorAll('th, td').map((cell, i) => [headers[i] ?? String(i), cell])),
  }));
  return { headers, rows };
}
