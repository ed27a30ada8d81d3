/**
 * Progressive enhancements, loaded on every page (kept small): the row links copy a shareable
 * URL, long tables get a filter box, a page's own downloads are made on click, and the search UI
 * is fetched when the user first reaches for a search box ("/" focuses it). Without JavaScript
 * the row link still works as a plain anchor, every table is complete, download links give each
 * set's whole file, and the search form goes to the search page.
 */

const status = document.createElement('p');
status.className = 'visually-hidden';
status.setAttribute('role', 'status');
document.body.append(status);

function announce(message: string): void {
  status.textContent = '';
  requestAnimationFrame(() => (status.textContent = message));
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    document.body.append(field);
    field.select();
    const ok = document.execCommand('copy');
    field.remove();
    return ok;
  }
}

// Row links: follow the anchor (the row is highlighted) and copy the full URL.
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a.row-link');
  if (!link) return;
  const url = new URL(link.getAttribute('href')!, location.href).href;
  void copyText(url).then((ok) => {
    const note = link.parentElement!.querySelector('.toast') ?? document.createElement('span');
    note.className = 'toast';
    note.textContent = ok ? 'Link copied' : 'Copy failed';
    link.after(note);
    announce(ok ? 'Link to this row copied' : 'Could not copy the link');
    setTimeout(() => note.remove(), 2000);
  });
});

// Table filters: a box above each long table that hides rows not matching every typed word.
let tableCount = 0;
for (const table of document.querySelectorAll<HTMLTableElement>('table[data-filterable]')) {
  const body = table.tBodies[0];
  if (!body) continue;
  const rows = [...body.rows];
  // Read once, on the first keystroke: nothing to do on load.
  let texts: string[] | undefined;
  const id = `table-filter-${++tableCount}`;
  const tools = document.createElement('div');
  tools.className = 'table-tools';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = 'Filter rows';
  // Pages with several long tables: each box says which table it filters.
  const caption = table.caption?.textContent?.trim();
  if (caption) {
    const which = document.createElement('span');
    which.className = 'visually-hidden';
    which.textContent = ` of ${caption}`;
    label.append(which);
  }
  const input = document.createElement('input');
  input.type = 'search';
  input.id = id;
  if (table.id) input.setAttribute('aria-controls', table.id);
  const count = document.createElement('output');
  count.htmlFor.add(id);
  count.setAttribute('aria-live', 'polite');
  count.textContent = `${rows.length} rows`;
  tools.append(label, input, count);
  (table.closest('.table-wrap') ?? table).before(tools);
  input.addEventListener('input', () => {
    texts ??= rows.map((row) => (row.textContent ?? '').toLowerCase());
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row, i) => {
      const match = words.every((w) => texts![i]!.includes(w));
      row.hidden = !match;
      if (match) shown++;
    });
    count.textContent = words.length ? `${shown} of ${rows.length} rows` : `${rows.length} rows`;
  });
}

// The set filter works by :target alone; this only tells assistive technology which set is shown.
const markCurrentSet = () => {
  for (const item of document.querySelectorAll('.set-filter li a')) item.removeAttribute('aria-current');
  const target = location.hash.startsWith('#set-') ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  target?.querySelector('a')?.setAttribute('aria-current', 'true');
};
if (document.querySelector('.set-filter')) {
  markCurrentSet();
  addEventListener('hashchange', markCurrentSet);
}

// Search: nothing is loaded until a search box is focused or the search page is open.
const searchInput = document.querySelector<HTMLInputElement>('form.site-search[data-entities] input[name="q"]');
let searchLoading: Promise<void> | null = null;
const loadSearch = () => (searchLoading ??= import('./search-ui.ts').then((ui) => ui.start()));
for (const input of document.querySelectorAll('form.site-search input[name="q"]')) input.addEventListener('focus', loadSearch, { once: true });
if (document.querySelector('[data-search-page]')) void loadSearch();
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
  event.preventDefault();
  // On /search/, the page's own box; elsewhere the header's.
  (document.querySelector<HTMLInputElement>('[data-search-page] input[name="q"]') ?? searchInput)?.focus();
});

export {};

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
