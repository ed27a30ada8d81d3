/**
 * The search UI, loaded when the user first focuses a search box (or opens /search/): results
 * as you type under the header box (arrow keys, Enter, Escape), and the shareable results page
 * whose URL follows the query and filters. Searching runs in a Web Worker.
 */
import { KIND_LABELS, type ResultKind } from '../lib/search/kinds.ts';
import type { SearchHit, SearchOptions } from '../lib/search/searcher.ts';
import type { FromWorker, ToWorker } from './search-protocol.ts';

type Listener = (message: FromWorker) => void;

/** One connection to the worker, shared by the header box and the results page. */
class SearchClient {
  private readonly listeners = new Set<Listener>();
  private readonly send: (message: ToWorker) => void;
  private nextId = 1;
  complete = false;
  failed: string | null = null;

  constructor(entities: string, comments: string) {
    const receive = (message: FromWorker) => {
      if (message.type === 'ready' && message.stage === 'comments') this.complete = true;
      if (message.type === 'error') this.failed = message.message;
      for (const listener of this.listeners) listener(message);
    };
    let send: (message: ToWorker) => void;
    try {
      const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => receive(event.data));
      send = (message) => worker.postMessage(message);
    } catch {
      // No module workers here: search on the page itself, loaded the same lazy way.
      const queue: ToWorker[] = [];
      let engine: ((message: ToWorker) => void) | null = null;
      void import('./search-engine.ts').then(({ createEngine }) => {
        engine = createEngine(receive);
        for (const message of queue) engine(message);
      });
      send = (message) => (engine ? engine(message) : queue.push(message));
    }
    this.send = send;
    this.send({ type: 'init', entities, comments });
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
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
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

const SINGULAR: Record<ResultKind, string> = {
  technique: 'Technique',
  capability: 'Capability',
  group: 'Group',
  framework: 'Framework',
  set: 'Set',
  comment: 'Note',
};

/** The body of one result: id, highlighted name, where it belongs, and a snippet for notes. */
function resultBody(hit: SearchHit, container: HTMLElement): void {
  const title = element('span', 'result-title');
  if (hit.id && hit.kind !== 'comment') title.append(element('span', 'id', hit.id), ' ');
  title.append(highlighted(hit.name, hit.nameRanges));
  container.append(title);
  const meta = [hit.context, hit.versions].filter(Boolean).join(' · ');
  if (meta) container.append(element('span', 'result-meta', meta));
  if (hit.snippet) {
    const snippet = element('span', 'result-snippet');
    snippet.append(highlighted(hit.snippet.text, hit.snippet.ranges));
    container.append(snippet);
  }
}

function isExactId(hit: SearchHit | undefined): boolean {
  return !!hit && hit.score <= -0.9;
}

/** The results popup of a search box (the header's, the home page's): an ARIA combobox. */
function startSearchBox(client: SearchClient, form: HTMLFormElement, input: HTMLInputElement): void {
  const listbox = element('ul', 'search-popup');
  listbox.id = `${input.id}-results`.replace('site-search-input-results', 'site-search-results');
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Search results');
  listbox.hidden = true;
  form.append(listbox);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');

  let requestId = 0;
  let options: { element: HTMLLIElement; url: string }[] = [];
  let active = -1;
  let lastHits: SearchHit[] = [];

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
    lastHits = hits;
    listbox.replaceChildren();
    options = [];
    active = -1;
    const searchPage = new URL(form.action, location.href);
    searchPage.search = new URLSearchParams({ q: query }).toString();
    const addOption = (url: string, build: (li: HTMLLIElement) => void) => {
      const li = element('li', 'search-option');
      li.id = `${listbox.id}-option-${options.length}`.replace('site-search-results-option', 'site-search-option');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      build(li);
      li.addEventListener('mousedown', (event) => event.preventDefault());
      li.addEventListener('click', () => go(url));
      listbox.append(li);
      options.push({ element: li, url });
    };
    if (hits.length === 0) {
      const empty = element('li', 'search-empty', client.failed ?? `No results for “${query}”`);
      empty.setAttribute('role', 'presentation');
      listbox.append(empty);
    }
    for (const [kind, list] of grouped(hits.slice(0, 12))) {
      const label = element('li', 'search-group', KIND_LABELS[kind]);
      label.setAttribute('role', 'presentation');
      listbox.append(label);
      for (const hit of list.slice(0, 5)) addOption(hit.url, (li) => resultBody(hit, li));
    }
    addOption(searchPage.href, (li) => li.append(element('span', 'result-title', `All results for “${query}” →`)));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
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
    // The index arrived: answer what was typed meanwhile; the notes arrived: refresh open results.
    if (message.type === 'ready' && document.activeElement === input && (message.stage === 'entities' || !listbox.hidden)) run();
    if (message.type === 'error' && document.activeElement === input) render(input.value, []);
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
      } else if (isExactId(lastHits[0]) && !listbox.hidden) {
        // An exact id ("AC-4", "T1059.001") goes straight to its page.
        event.preventDefault();
        go(lastHits[0]!.url);
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

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  kind.value = params.get('kind') ?? '';
  framework.value = params.get('framework') ?? '';

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
    const partial = complete ? '' : ' (mapping notes still loading)';
    status.textContent = client.failed
      ? client.failed
      : hits.length
        ? `${hits.length} result${hits.length === 1 ? '' : 's'} for “${query}”${partial}`
        : `No results for “${query}”${partial}.`;
    for (const [group, list] of grouped(hits)) {
      const section = element('section', 'result-group');
      section.append(element('h2', undefined, `${KIND_LABELS[group]} (${list.length})`));
      const ol = element('ol', 'result-list');
      for (const hit of list) {
        const li = element('li');
        const link = element('a', 'result-link');
        link.href = hit.url;
        link.append(element('span', 'result-kind', SINGULAR[hit.kind]));
        resultBody(hit, link);
        li.append(link);
        ol.append(li);
      }
      section.append(ol);
      results.append(section);
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
    if (message.type === 'error') status.textContent = message.message;
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
  client = new SearchClient(header.dataset['entities']!, header.dataset['comments']!);
  for (const form of document.querySelectorAll<HTMLFormElement>('form.site-search')) {
    const input = form.querySelector<HTMLInputElement>('input[name="q"]');
    if (input) startSearchBox(client, form, input);
  }
  const page = document.querySelector<HTMLElement>('[data-search-page]');
  if (page) startResultsPage(client, page);
}
