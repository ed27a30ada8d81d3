import { saveFile } from '../elements/save-file.ts';

/**
 * <made-download data-base="/downloads/" data-format="yaml" data-set="<set id>" data-file="<set id>.yaml">
 * around the button of a file the build did not write (a superseded set's YAML, STIX or Excel
 * file), or data-compare="<set a> <set b>" for a static comparison's, with its technique flags in
 * the data-technique-flags of an ancestor: shows what it holds (hidden without JavaScript) and,
 * on click of its button, makes the file from the sets' prebuilt JSON and rows files with the
 * build's writers, saved as data-file. The code that makes it loads on the first click; what
 * went wrong goes to the nearest download status line.
 */
class MadeDownload extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector('button');
    if (!button || !this.dataset['format'] || !this.dataset['file']) return;
    for (const hidden of this.querySelectorAll<HTMLElement>('[hidden]')) hidden.hidden = false;
    button.addEventListener('click', () => void this.make());
  }

  /** The status line of the downloads around this link. */
  private status(): Element | null {
    for (let at: Element | null = this.parentElement; at; at = at.parentElement) {
      const status = at.querySelector('.download-status');
      if (status) return status;
    }
    return null;
  }

  private async make(): Promise<void> {
    const name = this.dataset['file']!;
    const status = this.status();
    const say = (text: string, error = false) => {
      if (!status) return;
      status.textContent = text;
      status.toggleAttribute('data-error', error);
    };
    try {
      say(`Preparing ${name}…`);
      const { makeWholeFile } = await import('./make-whole-file.ts');
      const flags = this.closest<HTMLElement>('[data-technique-flags]')?.dataset['techniqueFlags'];
      const blob = await makeWholeFile({
        base: this.dataset['base'] ?? '/downloads/',
        format: this.dataset['format']!,
        ...(this.dataset['set'] ? { set: this.dataset['set'] } : {}),
        ...(this.dataset['compare'] ? { compare: this.dataset['compare'].split(' ') as [string, string], flags: flags ?? '[]' } : {}),
      });
      saveFile(blob, name);
      say(`${name} downloaded.`);
    } catch (error) {
      say(`Could not make ${name}: ${(error as Error).message}. No file was saved.`, true);
    }
  }
}

customElements.define('made-download', MadeDownload);
