import { saveFile } from '../elements/save-file.ts';

/**
 * <scoped-downloads data-base="/downloads/" data-scope="capability:..." data-all-sets="…csv"
 * data-stem="capability-ac-4" data-subject="AC-4">: on a technique, capability or group page,
 * its links make the page's own file (its mappings only) instead of following their href (the
 * set's whole file, from which the set is read); each column's header names its format
 * (data-format, an id of the formats' registry, src/lib/exports/formats/). The code that makes the files, and
 * names them, loads on the first click. The all-sets row (data-all) covers the sets of the rows
 * below it; a row's data-subject is a layer's subject where it differs. Rows marked
 * data-needs-js (the all-sets CSV, which has no whole-file fallback) show only here.
 */
class ScopedDownloads extends HTMLElement {
  connectedCallback(): void {
    if (!this.dataset['scope']) return;
    for (const hidden of this.querySelectorAll<HTMLElement>('[data-needs-js]')) hidden.hidden = false;
    this.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('td > a[href][download]');
      if (!link || !this.formatOf(link)) return;
      event.preventDefault();
      void this.make(link);
    });
  }

  /** A link's format: its column's (the header's data-format). */
  private formatOf(link: HTMLAnchorElement): string | undefined {
    const cell = link.closest('td');
    return cell ? this.querySelectorAll<HTMLElement>('thead th')[cell.cellIndex]?.dataset['format'] : undefined;
  }

  private async make(link: HTMLAnchorElement): Promise<void> {
    const row = link.closest('tr')!;
    const format = this.formatOf(link)!;
    const all = row.dataset['all'] !== undefined;
    const status = this.querySelector('.download-status');
    const say = (text: string, error = false) => {
      if (!status) return;
      status.textContent = text;
      status.toggleAttribute('data-error', error);
    };
    let name = all ? this.dataset['allSets']! : fileOf(link);
    try {
      const { makeDownload, pageFile } = await import('./make-download.ts');
      const wanted = pageFile({
        format,
        file: fileOf(link),
        stem: this.dataset['stem']!,
        ...(all
          ? {
              allSets: {
                name,
                files: [...this.querySelectorAll('tbody tr:not([data-all])')].flatMap((tr) => {
                  const first = tr.querySelector<HTMLAnchorElement>('a[href]');
                  const format = first && this.formatOf(first);
                  return first && format ? [{ format, file: fileOf(first) }] : [];
                }),
              },
            }
          : {}),
      });
      name = wanted.name;
      say(`Preparing ${name}…`);
      const blob = await makeDownload(this.dataset['base']!, this.dataset['scope']!, format, wanted.sets, row.dataset['subject'] ?? this.dataset['subject']);
      saveFile(blob, name);
      say(`${name} downloaded.`);
    } catch (error) {
      say(`Could not make ${name}: ${(error as Error).message}. No file was saved; the set's whole file is at ${link.href}.`, true);
    }
  }
}
/** The set's whole file a link stands for: the file it gives without JavaScript, or its data-file when it has none to give (a superseded set's YAML). */
const fileOf = (link: HTMLAnchorElement) => link.dataset['file'] ?? decodeURIComponent(new URL(link.href).pathname.split('/').pop()!);

customElements.define('scoped-downloads', ScopedDownloads);
