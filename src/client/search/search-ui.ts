/**
 * The search UI, loaded when the user first focuses a search box (or opens /search/): results
 * as you type under a search box (arrow keys, Enter, Escape), and the shareable results page
 * whose URL follows the query and filters. Searching runs in a Web Worker.
 */
import { KIND_LABELS, type ResultKind } from '../../lib/search/kinds.ts';
import type { SearchHit, SearchOptions } from '../../lib/search/searcher.ts';
import type { FromWorker, ToWorker } from './search-protocol.ts';
import { h } from '../elements/dom.ts';

type Listener = (message: FromWorker) => void;

/** One connection to the search engine, shared by the search boxes and the results page. */
class SearchClient {
  private readonly listeners = new Set<Listener>();
  private send: (message: ToWorker) => void = () => {};
  private nextId = 1;
  /** Why search cannot answer at all (its index did not load), if so. */
  unavailable: string | null = null;
  /** Why mapping notes are left out of results (their index did not load), if so. */
  notesMissing: string | null = null;

  constructor(private readonly init: Extract<ToWorker, { type: 'init' }>) {
    try {
      const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
      // A worker that fails to load (or is refused) says so only through this event.
      worker.addEventListener('error', () => this.runInPage(), { once: true });
      this.send = (message) => worker.postMessage(message);
      this.send(init);
    } catch {
      this.runInPage();
    }
  }

  /** Search on the page itself, loaded the same lazy way, where no worker can run. */
  private runInPage(): void {
    const queue: ToWorker[] = [this.init];
    let engine: ((message: ToWorker) => void) | null = null;
    this.send = (message) => (engine ? engine(message) : queue.push(message));
    void import('./search-engine.ts').then(({ createEngine }) => {
      engine = createEngine((message) => this.receive(message));
      for (const message of queue.splice(0)) engine(message);
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'error') {
      if (message.stage === 'entities') this.unavailable = message.message;
      else this.notesMissing = message.message;
    }
    for (const listener of this.listeners) listener(message);
  }

  listen(listener: Listener): void {
    this.listeners.add(listener);
  }

  /** Ask for results; the answer comes to the listeners with this id. */
  search(query: string, options: SearchOptions): number {
    const id = this.nextId++;
    this.send({ type: 'search', id, query, options });
    return id;
  }
}

/** Text with its matched ranges in <mark>, built as nodes: data is never parsed as HTML. */
function highlighted(text: string, ranges: [number, number][]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    fragment.append(text.slice(at, start));
    fragment.append(h('mark', {}, text.slice(start, end)));
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

/** Hits grouped by kind; groups ordered by their best hit. */
function grouped(hits: readonly SearchHit[]): [ResultKind, SearchHit[]][] {
  const groups = new Map<ResultKind, SearchHit[]>();
  for (const hit of hits) {
    const list = groups.get(hit.kind);
    if (list) list.push(hit);
    else groups.set(hit.kind, [hit]);
  }
  return [...groups.entries()];
}

/** How many results open the list, across kinds, in relevance order. */
const BEST_MATCHES = 5;

/**
 * Results as shown: the best matches across kinds first (when there are several kinds), then
 * the rest grouped by kind, groups in the order of their best result.
 */
function sections(hits: readonly SearchHit[]): { label: string; kind: ResultKind | null; hits: SearchHit[] }[] {
  const kinds = new Set(hits.map((h) => h.kind));
  if (kinds.size <= 1) return grouped(hits).map(([kind, list]) => ({ label: KIND_LABELS[kind], kind, hits: list }));
  const best = hits.slice(0, BEST_MATCHES);
  return [
    { label: 'Best matches', kind: null, hits: best },
    ...grouped(hits.slice(BEST_MATCHES)).map(([kind, list]) => ({ label: `More ${KIND_LABELS[kind].toLowerCase()}`, kind, hits: list })),
  ];
}

const SINGULAR: Record<ResultKind, string> = {
  technique: 'Technique',
  tactic: 'Tactic',
  capability: 'Capability',
  group: 'Group',
  framework: 'Framework',
  set: 'Set',
  comment: 'Note',
  adversary: 'Adversary group',
  campaign: 'Campaign',
  software: 'Software',
  mitigation: 'Mitigation',
};

const count = (n: number) => `${n} result${n === 1 ? '' : 's'}`;

/** The body of one result: id, highlighted name, where it belongs, and a snippet for notes. */
function resultBody(hit: SearchHit, container: HTMLElement, withKind: boolean): void {
  const title = h('span', { class: 'result-title' });
  if (hit.id && hit.kind !== 'comment') title.append(h('span', { class: 'id' }, hit.id), ' ');
  title.append(highlighted(hit.name, hit.nameRanges));
  container.append(title);
  // Among results of every kind, each says its kind (read after its name).
  if (withKind) {
    container.classList.add('with-kind');
    container.append(h('span', { class: 'result-kind' }, SINGULAR[hit.kind]));
  }
  const meta = [hit.context, hit.versions].filter(Boolean).join(' · ');
  if (meta) container.append(h('span', { class: 'result-meta' }, meta));
  if (hit.snippet) {
    const snippet = h('span', { class: 'result-snippet' });
    snippet.append(highlighted(hit.snippet.text, hit.snippet.ranges));
    container.append(snippet);
  }
}

/** "Also under …": the same entry's other groups (as text in the popup, as links on the page). */
function variantsLine(hit: SearchHit, asLinks: boolean): HTMLElement | null {
  if (!hit.variants?.length) return null;
  const line = h('span', { class: 'result-variants' }, 'Also under ');
  hit.variants.forEach((v, i) => {
    if (i > 0) line.append(', ');
    // Its group tells it apart; within the same group (ids differing in case), its id does.
    const label = v.context !== hit.context ? v.context.split(' · ').pop() || v.id : v.id;
    if (asLinks) {
      line.append(h('a', { href: v.url, title: v.id }, label));
    } else line.append(label);
  });
  return line;
}

/** The results popup of a search box (the header's, the home page's): an ARIA combobox. */
function startSearchBox(client: SearchClient, form: HTMLFormElement, input: HTMLInputElement): void {
  const listbox = h('div', { class: 'search-popup', id: `${input.id}-results`, role: 'listbox', 'aria-label': 'Search results', hidden: true });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  form.append(listbox, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');

  let requestId = 0;
  let options: { element: HTMLElement; url: string }[] = [];
  let active = -1;
  /** The query the shown results answer, and its best hit when that is an exact id. */
  let answered: { query: string; exact: SearchHit | null } = { query: '', exact: null };

  const close = () => {
    requestId = 0; // results still on their way must not reopen the list
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const setActive = (index: number) => {
    options[active]?.element.setAttribute('aria-selected', 'false');
    active = index;
    const option = options[active];
    if (option) {
      option.element.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.element.id);
      option.element.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const go = (url: string) => {
    close();
    location.href = url;
  };

  const render = (query: string, hits: SearchHit[]) => {
    answered = { query, exact: hits[0]?.exact ? hits[0] : null };
    listbox.replaceChildren();
    options = [];
    active = -1;
    const searchPage = new URL(form.action, location.href);
    searchPage.search = new URLSearchParams({ q: query }).toString();
    const option = (parent: HTMLElement, url: string, build: (el: HTMLElement) => void) => {
      const el = h('div', { class: 'search-option', id: `${listbox.id}-option-${options.length}`, role: 'option', 'aria-selected': 'false' });
      build(el);
      el.addEventListener('mousedown', (event) => event.preventDefault());
      el.addEventListener('click', () => go(url));
      parent.append(el);
      options.push({ element: el, url });
    };
    const note = client.unavailable ?? (hits.length === 0 ? `No results for “${query}”` : null);
    if (note) listbox.append(h('p', { class: 'search-empty' }, note));
    // The best matches across kinds, then a few more of each kind: at most 14 options in all.
    let room = 14;
    sections(hits).forEach((section, g) => {
      const shown = section.hits.slice(0, Math.min(section.kind ? 3 : BEST_MATCHES, room));
      if (shown.length === 0) return;
      room -= shown.length;
      const label = h('div', { class: 'search-group-label', id: `${listbox.id}-group-${g}` }, section.label);
      const group = h('div', { class: 'search-group', role: 'group', 'aria-labelledby': label.id }, label);
      for (const hit of shown) {
        option(group, hit.url, (el) => {
          resultBody(hit, el, section.kind === null);
          const variants = variantsLine(hit, false);
          if (variants) el.append(variants);
        });
      }
      listbox.append(group);
    });
    option(listbox, searchPage.href, (el) => el.append(h('span', { class: 'result-title' }, `All results for “${query}” →`)));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = client.unavailable ?? (hits.length ? count(hits.length) : 'No results');
  };

  const run = () => {
    const query = input.value;
    if (query.trim() === '') {
      close();
      return;
    }
    requestId = client.search(query, { limit: 30 });
  };
  client.listen((message) => {
    if (message.type === 'results' && message.id === requestId) render(message.query, message.hits);
    const focused = document.activeElement === input;
    // The index arrived: answer what was typed meanwhile; the notes arrived: refresh open results.
    if (message.type === 'ready' && focused && (message.stage === 'entities' || !listbox.hidden)) run();
    if (message.type === 'error' && message.stage === 'entities' && focused) render(input.value, []);
  });

  input.addEventListener('input', run);
  input.addEventListener('focus', () => {
    if (input.value.trim()) run();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (listbox.hidden) {
        run();
        return;
      }
      event.preventDefault();
      // Cycle through the options and back to the box itself (-1).
      const next = event.key === 'ArrowDown' ? active + 1 : active - 1;
      setActive(next >= options.length ? -1 : next < -1 ? options.length - 1 : next);
    } else if (event.key === 'Enter') {
      const option = options[active];
      if (option && !listbox.hidden) {
        event.preventDefault();
        go(option.url);
      } else if (!listbox.hidden && answered.exact && answered.query === input.value) {
        // An exact id ("AC-4", "T1059.001") goes straight to its page.
        event.preventDefault();
        go(answered.exact.url);
      }
    } else if (event.key === 'Escape') {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        input.value = '';
      }
    }
  });
  if (document.activeElement === input) run();
}

/** The /search/ page: results for the URL's query and filters; the URL follows the inputs. */
function startResultsPage(client: SearchClient, root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const kind = form.querySelector<HTMLSelectElement>('select[name="kind"]')!;
  const framework = form.querySelector<HTMLSelectElement>('select[name="framework"]')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const results = root.querySelector<HTMLElement>('.search-results')!;

  // The URL's query and filters, unless the user typed or chose before this script arrived.
  const params = new URLSearchParams(location.search);
  if (!input.value) input.value = params.get('q') ?? '';
  if (!kind.value) kind.value = params.get('kind') ?? '';
  if (!framework.value) framework.value = params.get('framework') ?? '';

  let requestId = 0;
  const options = (): SearchOptions => ({
    limit: 100,
    ...(kind.value ? { kinds: [kind.value as ResultKind] } : {}),
    ...(framework.value ? { framework: framework.value } : {}),
  });

  const syncUrl = () => {
    const next = new URLSearchParams();
    if (input.value) next.set('q', input.value);
    if (kind.value) next.set('kind', kind.value);
    if (framework.value) next.set('framework', framework.value);
    const query = next.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  };

  const render = (query: string, hits: SearchHit[], complete: boolean) => {
    results.replaceChildren();
    const caveat = client.notesMissing ? ` ${client.notesMissing}` : complete ? '' : ' (mapping notes still loading)';
    status.textContent = hits.length ? `${count(hits.length)} for “${query}”${caveat}` : `No results for “${query}”.${caveat}`;
    for (const section of sections(hits)) {
      const part = h('section', { class: 'result-group' });
      part.append(h('h2', {}, `${section.label} (${section.hits.length})`));
      const ol = h('ol', { class: 'result-list' });
      for (const hit of section.hits) {
        const li = h('li');
        const link = h('a', { class: 'result-link', href: hit.url });
        resultBody(hit, link, true);
        li.append(link);
        const variants = variantsLine(hit, true);
        if (variants) li.append(variants);
        ol.append(li);
      }
      part.append(ol);
      results.append(part);
    }
  };

  const run = () => {
    syncUrl();
    if (!input.value.trim()) {
      results.replaceChildren();
      status.textContent = 'Type a technique or control id, a product name or words from a mapping note.';
      return;
    }
    requestId = client.search(input.value, options());
  };
  client.listen((message) => {
    if (message.type === 'results' && message.id === requestId) render(message.query, message.hits, message.complete);
    if (message.type === 'ready' && message.stage === 'comments') run();
    if (message.type === 'error') {
      if (message.stage === 'entities') status.textContent = message.message;
      else run();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener('input', run);
  kind.addEventListener('change', run);
  framework.addEventListener('change', run);
  run();
}

let client: SearchClient | null = null;

/** Start the search UI of this page (idempotent). */
export function start(): void {
  if (client) return;
  const header = document.querySelector<HTMLFormElement>('form.site-search[data-entities]');
  if (!header) return;
  client = new SearchClient({ type: 'init', entities: header.dataset['entities']!, comments: header.dataset['comments']! });
  for (const form of document.querySelectorAll<HTMLFormElement>('form.site-search')) {
    const input = form.querySelector<HTMLInputElement>('input[name="q"]');
    if (input) startSearchBox(client, form, input);
  }
  const page = document.querySelector<HTMLElement>('[data-search-page]');
  if (page) startResultsPage(client, page);
}
