import { h } from './dom.ts';

/**
 * <table-filter> around a long table (DataTable.astro writes it past a row count): a box above
 * the table hides the body rows that do not contain every typed word, and says how many show.
 * It sets `hidden` on the rows themselves, so a sorted table keeps them hidden where they move.
 */
let filterCount = 0;

class TableFilter extends HTMLElement {
  connectedCallback(): void {
    const table = this.querySelector('table');
    const body = table?.tBodies[0];
    if (!body || this.querySelector('.table-tools')) return;
    const rows = [...body.rows];
    // Read once, on the first keystroke: nothing to do on load.
    let texts: string[] | undefined;
    const id = `table-filter-${++filterCount}`;
    // Pages with several long tables: each box says which table it filters.
    const caption = table.caption?.textContent?.trim();
    const label = h('label', { for: id }, 'Filter rows', caption && h('span', { class: 'visually-hidden' }, ` of ${caption}`));
    const input = h('input', { type: 'search', id, 'aria-controls': table.id || null });
    const count = h('output', { for: id, 'aria-live': 'polite' }, `${rows.length} rows`);
    this.prepend(h('div', { class: 'table-tools' }, label, input, count));
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
}

customElements.define('table-filter', TableFilter);
