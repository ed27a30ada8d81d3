import { nextDirection, rankKey, sortByKeys, type SortDirection, type SortType } from '../../lib/core/cell-order.ts';
import { announce } from './announce.ts';
import { h } from './dom.ts';

/**
 * <table-sort> around a table: each column header gets a button that sorts the body rows by that
 * column, ascending, descending, then back to the server's order, with `aria-sort` on the header
 * and an announcement. Components configure it with attributes: a header's data-sort-type
 * ("number", "none"; a th.num is a number; else natural order), its data-sort-ranks (labels
 * from lowest to highest, such as score values) and a cell's data-sort
 * where its text does not sort right (a cell holding a <time> sorts by its datetime). Rows that
 * a rowspan joins move together. Without JavaScript there are no buttons and the order is the
 * server's.
 */
class TableSort extends HTMLElement {
  private groups: HTMLTableRowElement[][] = [];
  private keys = new Map<number, string[]>();
  private sorted: { th: HTMLTableCellElement; direction: SortDirection } | null = null;

  connectedCallback(): void {
    const table = this.querySelector('table');
    const body = table?.tBodies[0];
    const head = table?.tHead?.rows[0];
    if (!body || !head || this.groups.length) return;
    this.groups = rowGroups(body);
    if (this.groups.length < 2) return;
    let column = 0;
    for (const th of head.cells) {
      const index = column;
      column += th.colSpan;
      const type = (th.dataset['sortType'] ?? (th.classList.contains('num') ? 'number' : 'natural')) as SortType;
      if (type === 'none') continue;
      const button = h('button', { type: 'button', class: 'sort' }, ...th.childNodes, h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }));
      th.append(button);
      button.addEventListener('click', () => this.sort(body, th, index, type));
    }
  }

  private sort(body: HTMLTableSectionElement, th: HTMLTableCellElement, index: number, type: SortType): void {
    const direction = nextDirection(this.sorted?.th === th ? this.sorted.direction : null);
    this.sorted?.th.removeAttribute('aria-sort');
    this.sorted = direction && { th, direction };
    const order = direction ? sortByKeys(this.groups, this.keysOf(index, th.dataset['sortRanks']?.split('|')), type, direction) : this.groups;
    const rows = document.createDocumentFragment();
    for (const group of order) rows.append(...group);
    body.append(rows);
    if (direction) th.setAttribute('aria-sort', direction);
    const name = th.textContent!.trim();
    announce(direction ? `Sorted by ${name}, ${direction}` : `${name}: back to the original order`);
  }

  /** Each group's key in one column, read on the first sort by it. */
  private keysOf(index: number, ranks?: string[]): string[] {
    let keys = this.keys.get(index);
    if (!keys) {
      keys = this.groups.map(([row]) => {
        const cell = row!.cells[index];
        if (ranks) return rankKey(cell?.textContent ?? '', ranks);
        return cell?.dataset['sort'] ?? cell?.querySelector('time')?.dateTime ?? cell?.textContent ?? '';
      });
      this.keys.set(index, keys);
    }
    return keys;
  }
}

/** The body's rows in groups: a row, and the rows its cells' rowspans reach into. */
function rowGroups(body: HTMLTableSectionElement): HTMLTableRowElement[][] {
  const groups: HTMLTableRowElement[][] = [];
  let reach = 0;
  for (const row of body.rows) {
    if (reach > 0 && groups.length) groups.at(-1)!.push(row);
    else groups.push([row]);
    reach = Math.max(reach - 1, ...[...row.cells].map((cell) => cell.rowSpan - 1));
  }
  return groups;
}

customElements.define('table-sort', TableSort);
