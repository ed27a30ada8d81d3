/**
 * One description's text, made ready for a page: HTML (the NIST rev5 and Intel files write it)
 * through the sanitizer, plain text as escaped paragraphs. A text is taken as HTML only when it
 * holds a tag of a real HTML element, so a placeholder such as "<YOUR_SECRET_KEY>" in a plain
 * description stays text.
 */
import { escapeHtml, sanitizeHtml, type HtmlRemovals } from './sanitize-html.ts';

// Element names of HTML (and the deprecated ones data still carries), enough to recognise markup.
const HTML_ELEMENTS =
  'a|abbr|address|article|aside|audio|b|base|bdi|bdo|blockquote|body|br|button|canvas|caption|center|cite|code|col|' +
  'colgroup|dd|del|details|dfn|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|' +
  'head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|meta|nav|noscript|object|ol|' +
  'option|p|picture|pre|q|s|samp|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|svg|' +
  'table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|tt|u|ul|var|video|wbr';
const HTML_TAG = new RegExp(`<\\/?(?:${HTML_ELEMENTS})(?=[\\s/>])[^<>]*>|<!--`, 'i');

/** Whether a text is written in HTML. */
export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

export interface DescriptionText {
  /** How the source wrote it. */
  format: 'html' | 'text';
  /** Safe HTML for `set:html`: the sanitized subset, or the plain text as paragraphs. */
  html: string;
  /** What a reader sees, as one line of plain text (search, summaries). */
  text: string;
  /** For HTML: what the sanitizer took out. */
  removed: HtmlRemovals | null;
}

/**
 * Plain text as paragraphs: a blank line starts a new one. A single line break is kept only
 * where it ends a sentence or a lead-in ("tasks:") or starts a list item; elsewhere it is the
 * file's wrapping ("legal/contractual,\nand statutory" in the CSA CCM file) and reads as a space.
 */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => {
      const lines = paragraph.trim().split(/[ \t]*\n[ \t]*/);
      const joined = lines.map((line, i) => {
        if (i === 0) return escapeHtml(line);
        const breaks = /[.:;!?]$/.test(lines[i - 1]!) || /^(?:[-*•]|\d+[.)])\s/.test(line);
        return `${breaks ? '<br>' : ' '}${escapeHtml(line)}`;
      });
      return `<p>${joined.join('')}</p>`;
    })
    .join('');
}

/** Render a description as a page shows it. */
export function renderDescriptionText(raw: string): DescriptionText {
  if (looksLikeHtml(raw)) {
    const { html, text, removed } = sanitizeHtml(raw.trim());
    return { format: 'html', html, text, removed };
  }
  return { format: 'text', html: plainTextToHtml(raw), text: raw.replace(/\s+/g, ' ').trim(), removed: null };
}
