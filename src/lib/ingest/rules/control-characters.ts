/**
 * Text with control characters (NUL, and the other C0 controls and DEL; tab and line breaks
 * aside): no page, download or spreadsheet can show them, and some cut the text at a NUL. The
 * reader removes them from every text value of a mapping object (each reference entry too) and
 * of a file's metadata (its mapping types' names and descriptions and its group labels too),
 * keeping the rest of the text, and says so field by field. A key of the metadata's maps (an
 * id) holding one is an error instead (controlKeyProblem), as is a cell of a technique catalog.
 */
import type { DataProblem } from '../problems.ts';
import type { ReadRepair } from '../read-inputs.ts';
import type { SourceLocation } from '../../model/schema.ts';
import type { DataRule } from './data-rule.ts';

export const controlCharacters = {
  id: 'control-characters',
  kinds: {
    'control-characters': {
      title: 'Text with control characters (NUL and the like)',
      expected: 'text without control characters (tabs and line breaks aside)',
    },
  },
} satisfies DataRule;

/** C0 controls but tab, line feed and carriage return; and DEL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Whether a text holds a control character. */
export const hasControls = (text: string): boolean => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** A text as a message shows it: quoted, every control character written as \uXXXX. */
export function showControls(text: string): string {
  return JSON.stringify(text).replace(/\u007f/g, '\\u007f');
}

/** The names of the control characters in a text, each once: "U+0000", "U+0007". */
function controlNames(text: string): string[] {
  return [...new Set(text.match(CONTROL) ?? [])].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** The text without its control characters, and the warning saying so; null when it has none. */
export function withoutControls(field: string, text: string): { text: string; repair: ReadRepair } | null {
  if (!hasControls(text)) return null;
  const count = text.match(CONTROL)!.length;
  const names = controlNames(text);
  return {
    text: text.replace(CONTROL, ''),
    repair: {
      kind: 'control-characters',
      field,
      found: showControls(text),
      action: `${count === 1 ? 'the control character' : `${count} control characters`} (${names.join(', ')}) removed; the rest of the text kept`,
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * A record's values without control characters: texts, texts in lists ("references[2]") and in
 * maps ("mapping_types.protects.name"), each one removed said in `repairs`. Keys are left as they
 * are. Returns the record itself when nothing holds one.
 */
export function stripControls(record: Record<string, unknown>, repairs: ReadRepair[]): Record<string, unknown> {
  const clean = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      const stripped = withoutControls(field, value);
      if (!stripped) return value;
      repairs.push(stripped.repair);
      return stripped.text;
    }
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v, i) => {
        const c = clean(v, `${field}[${i}]`);
        changed ||= c !== v;
        return c;
      });
      return changed ? out : value;
    }
    if (isRecord(value)) {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const c = clean(v, `${field}.${key}`);
        changed ||= c !== v;
        // defineProperty: a key such as "__proto__" stays a key (the reader refuses it later, by name).
        Object.defineProperty(out, key, { value: c, enumerable: true, writable: true, configurable: true });
      }
      return changed ? out : value;
    }
    return value;
  };
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const c = clean(value, key);
    changed ||= c !== value;
    Object.defineProperty(out, key, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return changed ? out : record;
}

/** A key of a metadata map (an id) holding a control character: refused, since it names a type or group. */
export function controlKeyProblem(location: SourceLocation, field: string, key: string): DataProblem {
  return { location, field, expected: 'an id without control characters', found: showControls(key) };
}
