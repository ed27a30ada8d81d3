/**
 * The one way client code makes elements: h('a', { href, class: 'x' }, 'text', child). Text
 * children become text nodes and attributes are set one by one, so data is never parsed as HTML
 * (tests/lib/client-html.test.ts checks that no client file does). Attributes are HTML's own names
 * (`class`, `for`, `aria-*`, `data-*`); `true` sets an empty attribute, `false`, null and
 * undefined leave it out. Empty strings add nothing, like an empty text in markup.
 */
export type Attributes = Record<string, string | number | boolean | null | undefined>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    // Inline handlers are code in an attribute: the CSP refuses them, and so does this.
    if (/^on/i.test(name)) throw new Error(`h(): no inline event handler attributes (${name})`);
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}
