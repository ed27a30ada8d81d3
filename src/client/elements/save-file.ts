/**
 * Saving a file made in the browser: a Blob handed to the browser's download through a link that
 * is clicked once and removed; the object URL is let go a minute later (a slow save still has it).
 */
import { h } from './dom.ts';

export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
