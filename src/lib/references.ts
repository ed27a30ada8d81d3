/**
 * References: reading the ways mapping files list them, and deciding which may become links.
 */

/** True for absolute http: or https: URLs with a host and no whitespace or control characters. */
export function isHttpUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The result of reading a references cell: the list, or why it could not be read. */
export type ReferenceCell = { ok: true; references: string[] } | { ok: false; expected: string };

/**
 * Read a references cell of a CSV export. Accepted forms: a JSON array (`["https://a"]`), a
 * Python list literal (`['https://a', 'https://b']`), or URLs separated by whitespace or
 * newlines. An empty cell, `[]`, `None` and `null` mean no references. Entries are returned as
 * written; `repairReferenceList` and the schema decide what they become.
 */
export function parseReferenceCell(cell: string): ReferenceCell {
  const text = cell.trim();
  if (text === '' || text === '[]' || text === 'None' || text === 'null') {
    return { ok: true, references: [] };
  }
  if (text.startsWith('[')) {
    const list = parseListLiteral(text);
    return list === null
      ? { ok: false, expected: 'a list of URLs as a JSON array or Python list' }
      : { ok: true, references: list };
  }
  return { ok: true, references: [text] };
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Mend the known irregularities of published reference lists, without inventing links:
 * entries are trimmed, an entry holding several URLs separated by whitespace is split, and a
 * scheme-less piece that follows a URL with a #fragment (a URL that was split at a comma, as in
 * `#:~:text=a,b`) is joined back onto it. Anything else is left for the schema to judge.
 */
export function repairReferenceList(list: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const entry of list) {
    if (typeof entry !== 'string') {
      out.push(entry);
      continue;
    }
    for (const piece of entry.trim().split(/\s+/)) {
      if (piece === '') continue;
      const previous = out[out.length - 1];
      if (
        !HAS_SCHEME.test(piece) &&
        typeof previous === 'string' &&
        isHttpUrl(previous) &&
        previous.includes('#') &&
        isHttpUrl(`${previous},${piece}`)
      ) {
        out[out.length - 1] = `${previous},${piece}`;
      } else {
        out.push(piece);
      }
    }
  }
  return out;
}

/** Parse a list of strings written as JSON or as a Python literal; null if it is neither. */
function parseListLiteral(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // not JSON: try the Python form below
  }
  const items: string[] = [];
  let i = 1;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skipSpace();
  if (text[i] === ']') {
    i++;
    skipSpace();
    return i === text.length ? items : null;
  }
  for (;;) {
    skipSpace();
    const quote = text[i];
    if (quote !== "'" && quote !== '"') return null;
    i++;
    let item = '';
    for (;;) {
      if (i >= text.length) return null;
      const ch = text[i]!;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === undefined) return null;
        item += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
        continue;
      }
      if (ch === quote) {
        i++;
        break;
      }
      item += ch;
      i++;
    }
    items.push(item);
    skipSpace();
    if (text[i] === ',') {
      i++;
      skipSpace();
      if (text[i] === ']') break; // trailing comma
      continue;
    }
    if (text[i] === ']') break;
    return null;
  }
  i++;
  skipSpace();
  return i === text.length ? items : null;
}
