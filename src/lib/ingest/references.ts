/**
 * References: reading the ways mapping files list them, and mending the irregular entries of the
 * published files by the reference rules (rules/reference-*.ts, one per warning kind). Only
 * http(s) URLs ever become links (rules/reference-not-a-link.ts); any other entry a file gives is
 * kept as plain text, and every change made to an entry is reported as a repair (file, field,
 * value found, what was done).
 */
import type { WarningKind } from './rules/index.ts';
import { isBareLabel, namesNoReference } from './rules/reference-dropped.ts';
import { isHttpUrl } from './rules/reference-not-a-link.ts';
import { rejoinedUrl } from './rules/reference-rejoined.ts';
import { piecesOf } from './rules/reference-split.ts';
import { trimEntry } from './rules/reference-trimmed.ts';
import { unwrappedUrl } from './rules/reference-unwrapped.ts';

/** Whether an entry may become a link: the rule of rules/reference-not-a-link.ts, which pages and writers read here. */
export { isHttpUrl };

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
    if (namesNoReference(trimmed)) {
      repairs.push({ kind: 'reference-dropped', index, found: entry, action: 'dropped: it names no reference' });
      return;
    }
    const pieces = piecesOf(trimmed);
    const labels: string[] = [];
    const kept: { text: string; how: 'link' | 'unwrapped' | 'joined' | 'text' }[] = [];
    for (const piece of pieces) {
      const previous = out[out.length - 1];
      if (isHttpUrl(piece)) {
        kept.push({ text: piece, how: 'link' });
      } else if (pieces.length > 1 && isBareLabel(piece)) {
        labels.push(piece);
      } else {
        const joined = kept.length === 0 && pieces.length === 1 ? rejoinedUrl(previous, piece) : null;
        const wrapped = joined === null ? unwrappedUrl(piece) : null;
        if (joined !== null) {
          out[out.length - 1] = joined;
          kept.push({ text: joined, how: 'joined' });
        } else if (wrapped !== null) kept.push({ text: wrapped, how: 'unwrapped' });
        else kept.push({ text: piece, how: 'text' });
      }
    }
    if (pieces.length === 1 && labels.length === 0 && isBareLabel(trimmed) && kept[0]?.how === 'text') {
      // A label alone in its entry ("Ref:"), its URL in the next one.
      repairs.push({ kind: 'reference-dropped', index, found: entry, action: 'dropped: a label, not a reference' });
      return;
    }
    for (const k of kept) if (k.how !== 'joined') out.push(k.text);
    const joined = kept.find((k) => k.how === 'joined');
    if (joined) {
      repairs.push({
        kind: 'reference-rejoined',
        index,
        found: entry,
        action: `joined to the URL before it, which was split at a comma: ${quote(joined.text)}`,
      });
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
