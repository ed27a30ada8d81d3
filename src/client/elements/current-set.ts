/**
 * The set filter works by :target alone; this only tells assistive technology which set is
 * shown, by marking the current set's link (aria-current), now and on every change of the hash.
 */
export function trackCurrentSet(): void {
  if (!document.querySelector('.set-filter')) return;
  const mark = () => {
    for (const item of document.querySelectorAll('.set-filter li a')) item.removeAttribute('aria-current');
    const target = location.hash.startsWith('#set-') ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    target?.querySelector('a')?.setAttribute('aria-current', 'true');
  };
  mark();
  addEventListener('hashchange', mark);
}
