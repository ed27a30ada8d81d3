import { h } from './dom.ts';

/**
 * One polite live region for the whole page, shared by the elements that report what they did
 * (a copied link, a sorted table). It exists from the start: screen readers ignore regions that
 * appear together with their first message.
 */
const status = h('p', { class: 'visually-hidden', role: 'status' });
document.body.append(status);

/** Say a message; the same message twice in a row is said twice. */
export function announce(message: string): void {
  status.textContent = '';
  requestAnimationFrame(() => (status.textContent = message));
}
