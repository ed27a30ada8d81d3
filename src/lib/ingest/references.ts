/**
 * References: reading the ways mapping files list them, mending the irregular entries of the
 * published files, and deciding which may become links. Only http(s) URLs ever become links;
 * any other entry a file gives is kept as plain text, and every change made to an entry is
 * reported as a repair (file, field, value found, what was done).
 */
import type { WarningKind } from '../core/vocabulary.ts';

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

/** One change made to a reference entry while reading it. */
export interface ReferenceRepair {
  kind: Extract<WarningKind, `reference-${string}`>;
  /** The entry's index in the list as the file gives it. */
  index: number;
  /** The entry as written. */
  found: string;
  /** What was done with it, for a person: 'trimmed to "https://…"'. */
  action: string;
}

/** A reference list as read: the entries kept (links and plain text), and what was changed. */
export interface RepairedReferences {
  references: string[];
  repairs: ReferenceRepair[];
}

/** The result of reading a references cell: the entries, or the whole cell as plain text. */
export type ReferenceCell = { ok: true; references: string[] } | { ok: false; text: string };

/**
 * Read a references cell of a CSV export. Accepted forms: a JSON array (`["https://a"]`), a
 * Python list literal (`['https://a', 'https://b']`), or URLs separated by whitespace or
 * newlines. An empty cell, `[]`, `None` and `null` mean no references. A cell that starts like
 * a list but is not one is returned whole, for the caller to keep as plain text.
 */
export function parseReferenceCell(cell: string): ReferenceCell {
  const text = cell.trim();
  if (text === '' || text === '[]' || text === 'None' || text === 'null') {
    return { ok: true, references: [] };
  }
  if (text.startsWith('[')) {
    const list = parseListLiteral(text);
    return list === null ? { ok: false, text } : { ok: true, references: list };
  }
  return { ok: true, references: text.split(/\s+/) };
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Whitespace, invisible characters, and the escapes "\t", "\n", "\r" written out as text. */
const EDGE_SPACE = /^(?:[\s\u200b-\u200f\u2060\ufeff]|\\[tnr])+|(?:[\s\u200b-\u200f\u2060\ufeff]|\\[tnr])+$/g;
const EDGE_QUOTES = /^['"`‘’“”]+|['"`‘’“”]+$/g;
/** Entries that stand for "no reference": an empty list written as text, null words, dashes. */
const EMPTY_ENTRY = /^(?:\[\s*\]|none|null|n\/a|-+)?$/i;
/** A label on its own: "Ref:", "See:", "Source -", "Links:". */
const BARE_LABEL = /^(?:refs?|references?|see|sources?|links?|urls?|docs?|documentation|more|also)\s*[:\-–]$/i;
/** A URL inside another, as a browser's PDF viewer writes it: chrome-extension://<id>/https://… */
const WRAPPED_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/(https:\/\/.+)$/i;

/** Strip whitespace, escaped tabs and stray quotes from both ends. */
function trimEntry(entry: string): string {
  let text = entry;
  for (;;) {
    const next = text.replace(EDGE_SPACE, '').replace(EDGE_QUOTES, '');
    if (next === text) return text;
    text = next;
  }
}

const quote = (text: string) => JSON.stringify(text);

/**
 * Mend the known irregularities of a published reference list, without inventing links:
 * - entries are trimmed of whitespace, tabs (also written as "\t") and stray quotes;
 * - "[]", empty entries and bare labels ("Ref:") are dropped;
 * - an entry holding several pieces ("URL URL", "URL; URL", "URL word") is split;
 * - a scheme-less piece following a URL with a #fragment (a URL split at a comma, as in
 *   `#:~:text=a,b`) is joined back onto it, when the result is a valid URL;
 * - a URL wrapped in a viewer's address (chrome-extension://…/https://…) is unwrapped, only
 *   when the embedded part is itself a valid https URL;
 * - anything else that is not an http(s) URL is kept, as plain text.
 * Every entry that changed is reported, with its index in the list as given.
 * Entries that are not strings are passed through for the schema to reject.
 */
export function repairReferences(list: readonly unknown[]): { references: unknown[]; repairs: ReferenceRepair[] } {
  const out: unknown[] = [];
  const repairs: ReferenceRepair[] = [];
  list.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      out.push(entry);
      return;
    }
    const trimmed = trimEntry(entry);
    if (EMPTY_ENTRY.test(trimmed)) {
      repairs.push({ kind: 'reference-dropped', index, found: entry, action: 'dropped: it names no reference' });
      return;
    }
    const pieces = trimmed
      .split(/\s+/)
      .map((piece, i, all) => (i < all.length - 1 ? piece.replace(/[;,]+$/, '') : piece))
      .filter((piece) => piece !== '');
    const labels: string[] = [];
    const kept: { text: string; how: 'link' | 'unwrapped' | 'joined' | 'text' }[] = [];
    for (const piece of pieces) {
      const previous = out[out.length - 1];
      if (isHttpUrl(piece)) {
        kept.push({ text: piece, how: 'link' });
      } else if (pieces.length > 1 && BARE_LABEL.test(piece)) {
        labels.push(piece);
      } else if (
        kept.length === 0 &&
        pieces.length === 1 &&
        !HAS_SCHEME.test(piece) &&
        typeof previous === 'string' &&
        isHttpUrl(previous) &&
        previous.includes('#') &&
        isHttpUrl(`${previous},${piece}`)
      ) {
        out[out.length - 1] = `${previous},${piece}`;
        kept.push({ text: out[out.length - 1] as string, how: 'joined' });
      } else {
        const wrapped = WRAPPED_URL.exec(piece)?.[1];
        if (wrapped && isHttpUrl(wrapped)) kept.push({ text: wrapped, how: 'unwrapped' });
        else kept.push({ text: piece, how: 'text' });
      }
    }
    if (pieces.length === 1 && labels.length === 0 && BARE_LABEL.test(trimmed) && kept[0]?.how === 'text') {
      // A label alone in its entry ("Ref:"), its URL in the next one.
      repairs.push({ kind: 'reference-dropped', index, found: entry, action: 'dropped: a label, not a reference' });
      return;
    }
    for (const k of kept) if (k.how !== 'joined') out.push(k.text);
    const joined = kept.find((k) => k.how === 'joined');
    if (joined) {
      repairs.push({ kind: 'reference-rejoined', index, found: entry, action: `joined to the URL before it, which was split at a comma: ${quote(joined.text)}` });
      return;
    }
    const unchanged = trimmed === entry && kept.length === 1 && labels.length === 0;
    if (unchanged && kept[0]!.how === 'link') return;
    const describe = (k: (typeof kept)[number]) =>
      k.how === 'text' ? `${quote(k.text)} (plain text, not a link)` : k.how === 'unwrapped' ? `${quote(k.text)} (unwrapped)` : quote(k.text);
    const parts: string[] = [];
    if (trimmed !== entry) parts.push('trimmed');
    if (labels.length) parts.push(`label ${labels.map(quote).join(', ')} dropped`);
    if (kept.length > 1) parts.push(`split into ${kept.map(describe).join(', ')}`);
    else if (kept.length === 1 && kept[0]!.how === 'unwrapped') parts.push(`the https URL inside a viewer address kept: ${quote(kept[0]!.text)}`);
    else if (kept.length === 1 && kept[0]!.how === 'text') parts.push(`kept as plain text, not a link: ${quote(kept[0]!.text)}`);
    else if (kept.length === 1) parts.push(`kept: ${quote(kept[0]!.text)}`);
    const kind: ReferenceRepair['kind'] = kept.some((k) => k.how === 'text')
      ? 'reference-not-a-link'
      : kept.some((k) => k.how === 'unwrapped')
        ? 'reference-unwrapped'
        : labels.length
          ? 'reference-dropped'
          : kept.length > 1
            ? 'reference-split'
            : 'reference-trimmed';
    repairs.push({ kind, index, found: entry, action: parts.join('; ') });
  });
  return { references: out, repairs };
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
    const quoteChar = text[i];
    if (quoteChar !== "'" && quoteChar !== '"') return null;
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
      if (ch === quoteChar) {
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
