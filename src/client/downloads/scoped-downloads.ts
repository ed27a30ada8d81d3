import { plural } from '../../lib/core/id-breaks.ts';
import { saveFile } from '../elements/save-file.ts';

/**
 * <scoped-downloads data-base="/downloads/" data-scope="capability:..." data-name="nist_800_53_capability-ac-4"
 * data-stem="capability-ac-4" data-subject="AC-4">: a technique, capability or group page's
 * download menu. Its select chooses the scope: all the page's sets (value "", the only option
 * in the HTML), or one set, an option the script adds for each link to a set's whole files
 * (li[data-framework] > a[data-rows]: how many of the page's mappings the set holds, and
 * data-subject, what a layer names where it differs). Each format's button (data-format, an id of
 * the formats' registry, src/lib/exports/formats/; data-spans when one file holds several sets)
 * makes the page's file of that scope, and the span beside it says how many mappings it holds.
 * The code that makes the files, and names them, loads on the first click. The menu
 * (data-needs-js) shows only here; the links to the sets' whole files show without it.
 */
class ScopedDownloads extends HTMLElement {
  connectedCallback(): void {
    const select = this.querySelector('select');
    if (!this.dataset['scope'] || !select) return;
    for (const link of this.querySelectorAll<HTMLAnchorElement>('li[data-framework] > a[data-rows]')) {
      const rows = Number(link.dataset['rows']);
      const option = new Option(`${link.parentElement!.dataset['framework']} ${link.textContent} (${plural(rows, 'mapping')})`, setOf(link));
      option.dataset['rows'] = String(rows);
      if (link.dataset['subject']) option.dataset['subject'] = link.dataset['subject'];
      select.append(option);
    }
    for (const hidden of this.querySelectorAll<HTMLElement>('[data-needs-js]')) hidden.hidden = false;
    select.addEventListener('change', () => this.showScope());
    this.showScope();
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-format]');
      if (!button) return;
      void this.make(button);
    });
  }

  private get chosen(): HTMLOptionElement | undefined {
    return this.querySelector('select')?.selectedOptions[0];
  }

  /** Each format's line says how many mappings its file of the chosen scope holds, or that it holds one set. */
  private showScope(): void {
    const option = this.chosen;
    const all = !option?.value;
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-format]')) {
      const one = all && button.dataset['spans'] === undefined;
      if (one) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
      const count = button.nextElementSibling;
      if (count) count.textContent = one ? 'one set per file' : plural(Number(option?.dataset['rows'] ?? 0), 'mapping');
    }
  }

  private async make(button: HTMLButtonElement): Promise<void> {
    const option = this.chosen;
    const format = button.dataset['format']!;
    const set = option?.value || null;
    const status = this.querySelector('.download-status');
    const say = (text: string, error = false) => {
      if (!status) return;
      status.textContent = text;
      status.toggleAttribute('data-error', error);
    };
    let name = button.textContent?.trim() ?? format;
    if (button.getAttribute('aria-disabled') === 'true') {
      say(`A ${name} file holds one set: choose a set under “Mappings of”.`, true);
      return;
    }
    try {
      const { makeDownload, pageFile } = await import('./make-download.ts');
      const sets = [...this.querySelectorAll('option')].map((o) => o.value).filter(Boolean);
      const wanted = pageFile({ format, set, sets, name: this.dataset['name']!, stem: this.dataset['stem']! });
      name = wanted.name;
      say(`Preparing ${name}…`);
      const subject = (set && option?.dataset['subject']) || this.dataset['subject'];
      const blob = await makeDownload(this.dataset['base']!, this.dataset['scope']!, format, wanted.sets, subject);
      saveFile(blob, name);
      say(`${name} downloaded.`);
    } catch (error) {
      say(`Could not make ${name}: ${(error as Error).message}. No file was saved; each set's whole files are on its page, linked below.`, true);
    }
  }
}

/** The set of a link to its page's downloads: "/sets/<set id>/#downloads". */
const setOf = (link: HTMLAnchorElement) => decodeURIComponent(new URL(link.href).pathname.split('/').filter(Boolean).pop()!);

customElements.define('scoped-downloads', ScopedDownloads);
