/**
 * A type-ahead combobox (the ARIA 1.2 list-autocomplete pattern): an input and the list of what
 * matches it, walked with the arrow keys, chosen with Enter or a click, closed with Escape or on
 * blur. The coverage builder's capability and adversary finders are both one of these.
 */
import { h, type Child } from '../elements/dom.ts';

export interface TypeAheadOptions<T> {
  /** The input's id; the list is `${id}-options`, its options `${id}-0`, `${id}-1`... */
  id: string;
  label: string;
  /** What the list calls its options (its aria-label). */
  listLabel: string;
  find: (query: string) => T[];
  /** The content of one option. */
  option: (item: T) => Child[];
  /** Called once the input is emptied and the list closed; focus returns to the input after. */
  choose: (item: T) => void;
}

/** The finder: a div holding the label, the input and its list of options. */
export function typeAhead<T>({ id, label, listLabel, find, option, choose }: TypeAheadOptions<T>): HTMLElement {
  const input = h('input', { type: 'search', id, autocomplete: 'off' });
  const list = h('ul', { id: `${id}-options`, hidden: true });
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', listLabel);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-autocomplete', 'list');
  let options: T[] = [];
  let active = -1;
  const mark = () => {
    list.querySelectorAll('[role="option"]').forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const pick = (i: number) => {
    if (i < 0 || i >= options.length) return;
    const item = options[i]!;
    input.value = '';
    close();
    choose(item);
    input.focus();
  };
  const show = () => {
    options = find(input.value);
    active = options.length ? 0 : -1;
    list.replaceChildren(
      ...options.map((item, i) => {
        const li = h('li', { id: `${id}-${i}` }, ...option(item));
        li.setAttribute('role', 'option');
        // Keeps the focus (and the list) in place until the click lands.
        li.addEventListener('mousedown', (event) => event.preventDefault());
        li.addEventListener('click', () => pick(i));
        return li;
      }),
    );
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    mark();
  };
  input.addEventListener('input', show);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) show();
      else if (options.length) active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      mark();
      event.preventDefault();
    } else if (event.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        pick(active);
        event.preventDefault();
      }
    } else if (event.key === 'Escape') close();
  });
  return h('div', { class: 'coverage-find' }, h('label', { for: id }, label), input, list);
}
