/**
 * <scoped-downloads data-base="/downloads/" data-scope="capability:..." data-all-sets="…csv"
 * data-stem="capability-ac-4" data-subject="AC-4">: on a technique, capability or group page,
 * its links make the page's own file (its mappings only) instead of following their href (the
 * set's whole file, from which the set and the format are read); the code that makes them loads
 * on the first click. A row's data-from lists the sets of the all-sets CSV, its data-subject a
 * layer's subject where it differs. Rows marked data-needs-js (the all-sets CSV, which has no
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
    const file = decodeURIComponent(new URL(link.href).pathname.split('/').pop()!);
    const format = file.endsWith('_layer.json') ? 'layer' : file.endsWith('.json') ? 'json' : 'csv';
    const sets = row.dataset['from']?.split(' ') ?? [file.replace(/(_layer\.json|\.json|\.csv)$/, '')];
    const name = row.dataset['from'] ? this.dataset['allSets']! : `${sets[0]}_${this.dataset['stem']}${format === 'layer' ? '_layer.json' : '.json'}`;
    const status = this.querySelector('.download-status');
    const say = (text: string) => {
      if (status) status.textContent = text;
    };
    say(`Preparing ${name}…`);
    try {
      const { makeDownload } = await import('./make-download.ts');
      const blob = await makeDownload(this.dataset['base']!, this.dataset['scope']!, format, sets, row.dataset['subject'] ?? this.dataset['subject']);
      const url = URL.createObjectURL(blob);
      const save = document.createElement('a');
      save.href = url;
      save.download = name;
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
customElements.define('scoped-downloads', ScopedDownloads);
