/**
 * Lists the coverage builder rewrites on every change (the chosen capabilities, the threat
 * profile, what to fix next), kept in place: an item whose key is unchanged keeps its element,
 * so a change of one item of a hundred builds, lays out and paints only that one.
 */

/** Make `parent`'s children exactly `wanted`, in order, moving only the nodes that are out of place. */
export function placeChildren(parent: Element, wanted: readonly Node[]): void {
  const keep = new Set(wanted);
  for (let node = parent.firstChild; node;) {
    const next = node.nextSibling;
    if (!keep.has(node)) node.remove();
    node = next;
  }
  let at = parent.firstChild;
  for (const node of wanted) {
    if (node === at) at = at.nextSibling;
    else parent.insertBefore(node, at);
  }
}

/** Elements by key, made once and reused while their key is wanted; the rest are dropped after each render. */
export class KeyedElements<T = HTMLElement> {
  private made = new Map<string, T>();
  private used = new Set<string>();

  /** The element of `key`, made by `make` the first time. */
  get(key: string, make: () => T): T {
    this.used.add(key);
    let item = this.made.get(key);
    if (item === undefined) this.made.set(key, (item = make()));
    return item;
  }

  /** Forget the elements not asked for since the last call. */
  prune(): void {
    for (const key of this.made.keys()) if (!this.used.has(key)) this.made.delete(key);
    this.used.clear();
  }
}
