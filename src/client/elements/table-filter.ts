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
    this.prepend(tools);
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
