import { announce } from './announce.ts';
import { copyText } from './clipboard.ts';

/**
 * <copy-link> around a row's "#" anchor: the anchor is followed as usual (the row becomes the
 * :target and is highlighted) and its full URL is copied, with a note beside it. Without
 * JavaScript it is a plain anchor.
 */
class CopyLink extends HTMLElement {
  connectedCallback(): void {
    this.addEventListener('click', (event) => {
      const link = (event.target as Element).closest('a');
      if (link) void this.copy(new URL(link.getAttribute('href')!, location.href).href);
    });
  }

  private async copy(url: string): Promise<void> {
    const ok = await copyText(url);
    const note = this.querySelector('.toast') ?? document.createElement('span');
    note.className = 'toast';
    note.textContent = ok ? 'Link copied' : 'Copy failed';
    this.append(note);
    announce(ok ? 'Link to this row copied' : 'Could not copy the link');
    setTimeout(() => note.remove(), 2000);
  }
}

customElements.define('copy-link', CopyLink);
