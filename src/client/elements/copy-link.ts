import { announce } from './announce.ts';
import { copyText } from './clipboard.ts';
import { h } from './dom.ts';

/**
 * <copy-link> around a mapping table: a row's "#" anchor (a.row-link) is followed as usual (the
 * row becomes the :target and is highlighted) and its full URL is copied, with a note beside it.
 * One element per table rather than per row keeps long tables light. Without JavaScript the
 * anchors are plain anchors.
 */
class CopyLink extends HTMLElement {
  connectedCallback(): void {
    this.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('a.row-link');
      if (link) void this.copy(link);
    });
  }

  private async copy(link: HTMLAnchorElement): Promise<void> {
    const ok = await copyText(new URL(link.getAttribute('href')!, location.href).href);
    const note = link.parentElement!.querySelector('.toast') ?? h('span', { class: 'toast' });
    note.textContent = ok ? 'Link copied' : 'Copy failed';
    link.after(note);
    announce(ok ? 'Link to this row copied' : 'Could not copy the link');
    setTimeout(() => note.remove(), 2000);
  }
}

customElements.define('copy-link', CopyLink);
