import { h } from './dom.ts';

/** Copying text, for the elements that copy links (row links, the coverage builder's selection). */

// The clipboard API needs a secure context; plain http on a LAN falls back to a selected field.
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = h('textarea', { readonly: true });
    field.value = text;
    field.style.position = 'fixed';
    field.style.opacity = '0';
    document.body.append(field);
    field.select();
    const ok = document.execCommand('copy');
    field.remove();
    return ok;
  }
}
