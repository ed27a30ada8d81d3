/**
 * HTML written in data files, rendered as a safe subset: paragraphs, line breaks, quotes,
 * emphasis, lists and links to http(s). The input is parsed by parse5, the WHATWG HTML parser
 * (the tree a browser would build, so no markup can mean one thing here and another in the
 * page), then written out again from an allowlist: allowed elements with no attribute but a
 * checked `href`, every text escaped. Elements outside the list give up their markup and keep
 * their text; those whose content is code or embedded documents (script, style, iframe, svg...)
 * are dropped whole. What was removed is counted, so the build can say so on /data-quality/.
 */
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;

/** The elements kept, each written without attributes except a checked `href` on `a`. */
export const ALLOWED_ELEMENTS = ['p', 'br', 'blockquote', 'q', 'em', 'strong', 'i', 'b', 'ul', 'ol', 'li', 'a'] as const;
const ALLOWED = new Set<string>(ALLOWED_ELEMENTS);

// Their content is not prose: a script's code, a style sheet, an embedded page or drawing.
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'svg',
  'math',
  'textarea',
  'select',
  'option',
  'button',
  'input',
  'form',
  'img',
  'picture',
  'video',
  'audio',
  'source',
  'track',
  'canvas',
  'map',
  'area',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'xmp',
  'plaintext',
]);

// Blocks that go but whose text stays: a separator keeps their words from running together.
const BLOCKS = new Set([
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'address',
  'center',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'dl',
  'dt',
  'dd',
  'hr',
  'details',
  'summary',
  'fieldset',
  'legend',
]);

/** What sanitizing took out of one piece of HTML, by name, with how often. */
export interface HtmlRemovals {
  /** Elements whose markup went (their text stays): "span", "div". */
  unwrapped: Record<string, number>;
  /** Elements dropped with their content: "script", "iframe". */
  dropped: Record<string, number>;
  /** Attributes removed: "style", "class", "onclick". */
  attributes: Record<string, number>;
  /** Link targets that are not http(s) URLs: the link became its text. */
  links: string[];
  comments: number;
}

export interface SanitizedHtml {
  /** The safe subset, for `set:html`. */
  html: string;
  /** The text a reader sees, whitespace collapsed: for search and summaries. */
  text: string;
  removed: HtmlRemovals;
}

/** Whether anything was removed. */
export function hasRemovals(removed: HtmlRemovals): boolean {
  return (
    Object.keys(removed.unwrapped).length > 0 ||
    Object.keys(removed.dropped).length > 0 ||
    Object.keys(removed.attributes).length > 0 ||
    removed.links.length > 0 ||
    removed.comments > 0
  );
}

/** An http(s) URL with a host, written without spaces or control characters. */
export function isSafeHref(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Text for an element's content or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]!};`);
}

function count(record: Record<string, number>, name: string): void {
  record[name] = (record[name] ?? 0) + 1;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

/** Sanitize an HTML fragment to the allowed subset. */
export function sanitizeHtml(input: string): SanitizedHtml {
  const removed: HtmlRemovals = { unwrapped: {}, dropped: {}, attributes: {}, links: [], comments: 0 };
  const html: string[] = [];
  const text: string[] = [];

  const walk = (nodes: readonly Node[]): void => {
    for (const node of nodes) {
      if (node.nodeName === '#text' && 'value' in node) {
        html.push(escapeHtml(node.value));
        text.push(node.value);
        continue;
      }
      if (node.nodeName === '#comment') {
        removed.comments++;
        continue;
      }
      if (!isElement(node)) continue;
      const tag = node.tagName.toLowerCase();
      const foreign = node.namespaceURI !== 'http://www.w3.org/1999/xhtml';
      if (DROPPED_WITH_CONTENT.has(tag) || foreign) {
        count(removed.dropped, tag);
        continue;
      }
      let open = '';
      let close = '';
      let keptHref: string | null = null;
      for (const attr of node.attrs) {
        if (tag === 'a' && attr.name === 'href' && keptHref === null) {
          const href = attr.value.trim();
          if (isSafeHref(href)) keptHref = href;
          else removed.links.push(attr.value);
          continue;
        }
        count(removed.attributes, attr.name);
      }
      if (ALLOWED.has(tag) && (tag !== 'a' || keptHref !== null)) {
        open = tag === 'a' ? `<a href="${escapeHtml(keptHref!)}" rel="noreferrer">` : `<${tag}>`;
        close = tag === 'br' ? '' : `</${tag}>`;
      } else if (tag !== 'a') {
        count(removed.unwrapped, tag);
      }
      const block = BLOCKS.has(tag) || tag === 'p' || tag === 'br' || tag === 'li' || tag === 'blockquote';
      html.push(open);
      if (block) text.push(' ');
      walk(node.childNodes);
      html.push(close);
      if (block) {
        text.push(' ');
        if (!open && BLOCKS.has(tag)) html.push(' ');
      }
    }
  };
  walk(parseFragment(input).childNodes);
  return { html: html.join(''), text: text.join('').replace(/\s+/g, ' ').trim(), removed };
}
