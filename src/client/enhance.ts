/**
 * Progressive enhancements, loaded on every page (kept small): one custom element per feature
 * (row links that copy a shareable URL, sortable tables, a filter box on long tables, a page's
 * own downloads made on click), and the search UI, fetched when the user first reaches for a
 * search box ("/" focuses it). Without JavaScript the row link is a plain anchor, every table is
 * complete in the server's order, download links give each set's whole file, and the search form
 * goes to the search page.
 */
import './elements/copy-link.ts';
import './elements/table-sort.ts';
import './elements/table-filter.ts';
import './downloads/scoped-downloads.ts';
import './downloads/made-download.ts';
import { trackCurrentSet } from './elements/current-set.ts';

trackCurrentSet();

// Search: nothing is loaded until a search box is focused or the search page is open.
const searchInput = document.querySelector<HTMLInputElement>('form.site-search[data-entities] input[name="q"]');
let searchLoading: Promise<void> | null = null;
const loadSearch = () => (searchLoading ??= import('./search/search-ui.ts').then((ui) => ui.start()));
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
