/**
 * <compare-picker>: the form on /compare/ that compares any two sets of a framework. A pair with
 * a static page opens it; any other pair is compared here, from the two sets' download files
 * (their unified JSON and rows files, fetched from the site), with the same code the build uses
 * (src/lib/compare/diff-sets.ts), and offered as CSV, and (made on click with the download registry's
 * writers) as an Excel workbook, YAML and a STIX 2.1 bundle. The comparison code is loaded on first use. The URL
 * /compare/?a=<set>&b=<set> runs the comparison on load, so a result can be shared.
 *
 * Attributes: data-downloads (the downloads folder URL), data-technique-url (a technique page URL
 * for T0000), data-static (JSON: "<a> <b>" -> URL of its static page), data-framework (its name).
 */
import type { CompareRow, Comparison } from '../../lib/compare/diff-sets.ts';
import type { ResultTable } from '../../lib/exports/formats/download-format.ts';
import { TECHNIQUE_ID } from '../../lib/core/vocabulary.ts';
import { h } from '../elements/dom.ts';
import { saveFile } from '../elements/save-file.ts';

const loadCompareCode = () =>
  Promise.all([
    import('../../lib/compare/diff-sets.ts'),
    import('../../lib/compare/from-unified.ts'),
    import('../../lib/compare/compare-csv.ts'),
    import('../downloads/set-files.ts'),
    import('../../lib/compare/compare-result.ts'),
  ]);

/** The formats a comparison is offered in besides its CSV, made on click with the registry's writers: ids and link texts. */
const RESULT_FORMATS: readonly [string, string][] = [
  ['xlsx', 'Excel workbook'],
  ['yaml', 'YAML'],
  ['stix', 'STIX 2.1 bundle'],
];

class ComparePicker extends HTMLElement {
  private csvUrl: string | null = null;
  /** The last comparison's table and relations, for its other files. */
  private result: ResultTable | null = null;
  /** Mapping type labels by id, as the two sets declare them. */
  private typeLabels: Record<string, string> = {};

  connectedCallback(): void {
    const form = this.querySelector('form');
    if (!form) return;
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(this.select('a').value, this.select('b').value, true);
    });
    // A shared link (?a=...&b=...) to a pair of this framework's sets.
    const params = new URLSearchParams(location.search);
    const a = params.get('a');
    const b = params.get('b');
    if (a && b && this.hasSet(a) && this.hasSet(b)) {
      this.select('a').value = a;
      this.select('b').value = b;
      void this.run(a, b, false);
    }
  }

  private select(name: 'a' | 'b'): HTMLSelectElement {
    return this.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  }

  private hasSet(id: string): boolean {
    return [...this.select('a').options].some((o) => o.value === id);
  }

  private label(id: string): string {
    return [...this.select('a').options].find((o) => o.value === id)?.textContent ?? id;
  }

  private async run(a: string, b: string, navigate: boolean): Promise<void> {
    const output = this.querySelector<HTMLElement>('.compare-result')!;
    // Short messages go to the status line (read out); the tables do not.
    const status = this.querySelector<HTMLElement>('.compare-status')!;
    if (a === b) {
      status.textContent = 'Choose two different sets.';
      output.replaceChildren();
      return;
    }
    const staticPages = JSON.parse(this.dataset['static'] ?? '{}') as Record<string, string>;
    const page = staticPages[`${a} ${b}`];
    if (page && navigate) {
      location.assign(page);
      return;
    }
    status.textContent = `Comparing ${this.label(a)} with ${this.label(b)}…`;
    output.replaceChildren();
    try {
      const base = this.dataset['downloads'] ?? '/downloads/';
      const [compare, unified, csv, files, compareResult] = await loadCompareCode();
      const [loadedA, loadedB] = await Promise.all([files.loadSet(base, a), files.loadSet(base, b)]);
      const result = compare.compareSets(unified.unifiedCompareRows(loadedA), unified.unifiedCompareRows(loadedB));
      this.typeLabels = Object.fromEntries(Object.entries({ ...loadedA.set.types, ...loadedB.set.types }).map(([id, t]) => [id, t.label]));
      if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
      this.csvUrl = URL.createObjectURL(new Blob([csv.compareCsv(result)], { type: 'text/csv;charset=utf-8' }));
      this.result = compareResult.compareResult(result, loadedA.set, loadedB.set);
      output.replaceChildren(...this.render(a, b, result, compare.countsLabel(result.counts), page));
      status.textContent = `Compared ${this.label(a)} with ${this.label(b)}: ${compare.countsLabel(result.counts)}`;
    } catch (error) {
      status.textContent = `The comparison failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private render(a: string, b: string, result: Comparison, counts: string, staticPage: string | undefined): Node[] {
    const heading = h('h3', {}, `${this.dataset['framework'] ?? ''} ${this.label(a)} → ${this.label(b)}: ${counts}`.trim());
    const note = h(
      'p',
      { class: 'muted' },
      'Made in your browser from the two sets’ download files. Technique flags (techniques ATT&CK renamed, revoked or deprecated between the versions) are left out here: they come from the ATT&CK catalog, which only the static comparison pages use.',
    );
    const download = h(
      'p',
      {},
      h('a', { href: this.csvUrl!, download: `compare_${a}__${b}.csv`, class: 'compare-csv' }, 'Download the differences as CSV'),
      ...RESULT_FORMATS.flatMap(([id, text]) => {
        const button = h('button', { type: 'button', 'data-format': id }, text);
        button.addEventListener('click', () => void this.download(id, `compare_${a}__${b}`));
        return [' · ', button];
      }),
    );
    const nodes: Node[] = [heading, note, download];
    if (staticPage) nodes.push(h('p', {}, h('a', { href: staticPage }, 'This pair also has a static page, with technique flags')));
    const mappingTable = (caption: string, rows: readonly CompareRow[]) =>
      this.table(
        caption,
        ['Capability', 'Description', 'Technique', 'Name', 'Type', 'Score'],
        rows.map((r) => [
          r.capabilityLabel,
          r.capabilityDescription ?? '',
          r.techniqueId,
          r.techniqueName ?? '',
          this.typeLabels[r.mappingType] ?? r.mappingType,
          [r.scoreCategory, r.scoreValue].filter(Boolean).join(': '),
        ]),
      );
    nodes.push(mappingTable(`Added: ${result.counts.added}`, result.added));
    nodes.push(mappingTable(`Removed: ${result.counts.removed}`, result.removed));
    const fieldNames = { scoreValue: 'Score', comments: 'Notes', references: 'References' } as const;
    nodes.push(
      this.table(
        `Changed: ${result.counts.changed}`,
        ['Capability', 'Technique', 'Field', 'Old', 'New'],
        result.changed.flatMap((c) =>
          c.fields.map((f) => [c.new.capabilityLabel, c.new.techniqueId, fieldNames[f.field], f.old || 'none', `→ ${f.new || 'none'}`]),
        ),
      ),
    );
    if (result.renames.length) {
      nodes.push(
        this.table(
          `Suggested capability renames: ${result.renames.length} (their rows stay listed as removed and added)`,
          ['Older', 'Newer', 'Techniques in common'],
          result.renames.map((r) => [r.from.label, r.to.label, `${r.sharedTechniques} of ${r.from.techniques} and ${r.to.techniques}`]),
        ),
      );
    }
    return nodes;
  }

  /** The comparison in a format of the registry, made with its writer; a message instead of an empty file. */
  private async download(formatId: string, stem: string): Promise<void> {
    const status = this.querySelector<HTMLElement>('.compare-status')!;
    if (!this.result) return;
    try {
      const { formatById } = await import('../../lib/exports/formats/index.ts');
      const format = formatById(formatId);
      const writer = format.scopes.result!;
      if (writer.offers && !writer.offers(this.result)) {
        status.textContent = this.result.rows.length
          ? `No ${format.label} made: none of the differences names a technique with an ATT&CK STIX id.`
          : `No ${format.label} made: the two sets do not differ.`;
        return;
      }
      const content = await writer.write(this.result);
      saveFile(new Blob([content as BlobPart], { type: format.mediaType }), `${stem}${format.suffix}`);
      status.textContent = `${stem}${format.suffix} downloaded`;
    } catch (error) {
      status.textContent = `Could not make the file: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** A table of text cells; a technique id column links to its page. */
  private table(caption: string, headers: string[], rows: string[][]): HTMLElement {
    const techniqueColumn = headers.indexOf('Technique');
    const techniqueUrl = this.dataset['techniqueUrl'] ?? '';
    // Old and new values (notes, reference lists) wrap anywhere, as on the static pages.
    const classes: Record<string, string> = { Old: 'old', New: 'new' };
    const row = (cells: string[]) =>
      h(
        'tr',
        {},
        ...cells.map((cell, i) =>
          h(
            i === 0 ? 'th' : 'td',
            i === 0 ? { scope: 'row' } : { 'data-label': headers[i], class: classes[headers[i]!] },
            i === techniqueColumn && techniqueUrl && TECHNIQUE_ID.test(cell) ? h('a', { href: techniqueUrl.replace('T0000', cell) }, cell) : cell,
          ),
        ),
      );
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'stack' },
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, ...headers.map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, ...(rows.length ? rows.map(row) : [h('tr', {}, h('td', { colspan: headers.length }, 'None'))])),
      ),
    );
  }
}

if (!customElements.get('compare-picker')) customElements.define('compare-picker', ComparePicker);
