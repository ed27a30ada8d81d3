/**
 * A field's text as its source file writes it, where the model holds it otherwise: trimmed,
 * with runs of spaces collapsed, or an id written in its normal form ("t1046 " -> "T1046").
 * Pages show the model's form; downloads write the source's. Most differences are stray
 * whitespace around the text, so that is kept as the whitespace alone: `[before, after]` around
 * the model's text; any other difference as the whole text. Browser-safe.
 */

/** The source's text: the whole of it, or the whitespace before and after the model's text. */
export type WrittenText = string | readonly [string, string];

/**
 * How `raw` (the field as the source gives it) differs from `shown` (what the model holds and a
 * download would otherwise write; null for no value); undefined when it does not. Only text is
 * kept: a number or a missing value writes the same either way.
 */
export function writtenAs(raw: unknown, shown: string | null): WrittenText | undefined {
  if (typeof raw !== 'string' || raw === (shown ?? '')) return undefined;
  if (shown) {
    const start = raw.indexOf(shown);
    if (start !== -1 && raw.slice(0, start).trim() === '' && raw.slice(start + shown.length).trim() === '') {
      const after = raw.slice(start + shown.length);
      return [raw.slice(0, start), after];
    }
  }
  return raw;
}

/** The source's text of a field: `shown` itself when the source writes it so. */
export function asWrittenText(written: WrittenText | undefined, shown: string | null): string | null {
  if (written === undefined) return shown;
  return typeof written === 'string' ? written : `${written[0]}${shown ?? ''}${written[1]}`;
}
