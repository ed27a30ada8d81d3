import { announce } from './announce.ts';
import { copyText } from './clipboard.ts';
import { h } from './dom.ts';

/**
 * <copy-link> around a mapping table: a row's "#" anchor (the link in td.link) is followed as
 * usual (the row becomes the :target and is highlighted) and its full URL is copied, with a note
 * beside it. One element per table rather than per row keeps long tables light; for the same
 * reason the server writes the anchors bare and this names each one from its row ("Link to row
 * AC-4 (protect)": the row's header and its score category). Without JavaScript the anchors are
 * plain anchors under the column header "Link to row".
 */
class CopyLink extends HTMLElement {
  connectedCallback(): void {
    for (const link of this.querySelectorAll<HTMLAnchorElement>('td.link > a')) link.setAttribute('aria-label', rowLinkLabel(link));
    this.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('td.link > a');
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

/** "Link to row <the row's header>", with the row's score category where it has one (badge class cat-<id>). */
function rowLinkLabel(link: HTMLAnchorElement): string {
  const row = link.closest('tr');
  const header = row?.querySelector('th')?.textContent?.trim() ?? '';
  const category = row?.querySelector('.badge[class*="cat-"]')?.className.match(/\bcat-(\S+)/)?.[1];
  return `Link to row ${header}${category ? ` (${category})` : ''}`;
}

customElements.define('copy-link', CopyLink);
