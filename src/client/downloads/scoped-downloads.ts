import { h } from '../elements/dom.ts';

/**
 * <scoped-downloads data-base="/downloads/" data-scope="capability:..." data-all-sets="…csv"
 * data-stem="capability-ac-4" data-subject="AC-4">: on a technique, capability or group page,
 * its links make the page's own file (its mappings only) instead of following their href (the
 * set's whole file, from which the set and the format are read); the code that makes them loads
 * on the first click. The all-sets row (data-all) covers the sets of the rows below it; a
 * row's data-subject is a layer's subject where it differs. Rows marked data-needs-js (the all-sets CSV, which has no
 * whole-file fallback) show only here.
 */
class ScopedDownloads extends HTMLElement {
  connectedCallback(): void {
    if (!this.dataset['scope']) return;
    for (const hidden of this.querySelectorAll<HTMLElement>('[data-needs-js]')) hidden.hidden = false;
    this.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('a[href]');
      if (!link) return;
      event.preventDefault();
      void this.make(link);
    });
  }

  private async make(link: HTMLAnchorElement): Promise<void> {
    const row = link.closest('tr')!;
    const file = fileOf(link);
    const format = file.endsWith('_layer.json') ? 'layer' : file.endsWith('.json') ? 'json' : 'csv';
    const all = row.dataset['all'] !== undefined;
    const sets = all
      ? [...this.querySelectorAll('tbody tr:not([data-all])')].flatMap((tr) => {
          const first = tr.querySelector<HTMLAnchorElement>('a[href]');
          return first ? [setOf(first)] : [];
        })
      : [setOf(link)];
    const name = all ? this.dataset['allSets']! : `${sets[0]}_${this.dataset['stem']}${format === 'layer' ? '_layer.json' : '.json'}`;
    const status = this.querySelector('.download-status');
    const say = (text: string) => {
      if (status) status.textContent = text;
    };
    say(`Preparing ${name}…`);
    try {
      const { makeDownload } = await import('./make-download.ts');
      const blob = await makeDownload(this.dataset['base']!, this.dataset['scope']!, format, sets, row.dataset['subject'] ?? this.dataset['subject']);
      const url = URL.createObjectURL(blob);
      const save = h('a', { href: url, download: name });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      say(`${name} downloaded.`);
    } catch (error) {
      say(`Could not make ${name} (${(error as Error).message}); the set's whole file is at ${link.href}.`);
    }
  }
}
/** The file a link gives without JavaScript: a set's whole file. */
const fileOf = (link: HTMLAnchorElement) => decodeURIComponent(new URL(link.href).pathname.split('/').pop()!);
const setOf = (link: HTMLAnchorElement) => fileOf(link).replace(/(_layer\.json|\.json|\.csv)$/, '');

customElements.define('scoped-downloads', ScopedDownloads);
