/** Small text helpers for rendering. */

/**
 * Split a long id into pieces after "_", "." and "/" so a table cell can wrap it there (the page
 * puts a <wbr> between pieces) instead of in the middle of a word. Short ids stay whole.
 */
export function wrapPoints(id: string, minLength = 16): string[] {
  if (id.length < minLength) return [id];
  return id.split(/(?<=[_./])/);
}

/** "1 mapping", "2 mappings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A name's possessive, with a typographic apostrophe: "FIN7’s", and "Quiet Otters’" for a name
 * ending in a lowercase s (a plural); an acronym ending in S ("APT-TLS") still reads "’s".
 */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}’` : `${name}’s`;
}

/**
 * A long URL shown shorter, keeping the host and the last path segment:
 * "https://docs.aws.amazon.com/guardduty/latest/ug/finding-types.html" ->
 * "docs.aws.amazon.com/…/finding-types.html". The link itself keeps the full URL.
 */
export function shortUrl(href: string, max = 60): string {
  const text = href.replace(/^https?:\/\//i, '');
  if (text.length <= max) return text;
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  const rest = slash === -1 ? '' : text.slice(slash + 1).replace(/\/+$/, '');
  const last = rest.slice(rest.lastIndexOf('/') + 1);
  const tail = last.length > 40 ? `${last.slice(0, 39)}…` : last;
  return `${host}/…/${tail}`;
}

/** 66631 -> "66,631". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
