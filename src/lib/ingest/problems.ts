/**
 * Problems found in input data, each saying where (file, CSV line or JSON pointer), which field,
 * what was expected and what was found, e.g.
 *   data/x.csv:14: score_value: expected minimal|partial|significant, got "high"
 */
import type { z } from 'zod';
import type { DataWarning, SourceLocation } from '../model/schema.ts';
import { warningsByKind, warningTotal } from '../model/warnings.ts';
import { plural } from '../core/id-breaks.ts';
import { formatLocation } from '../core/locations.ts';
import { WARNING_KIND_IDS, WARNING_KINDS } from './rules/index.ts';

export interface DataProblem {
  location: SourceLocation;
  /** The field (column or JSON key, with index for arrays), if the problem is in one. */
  field?: string;
  /** What the reader expected, e.g. "minimal|partial|significant". */
  expected: string;
  /** What it found, already rendered (quoted strings, "nothing" for a missing value). */
  found?: string;
}

/**
 * Something an importer read past and went on (npm run attack: a revoked duplicate of an active
 * technique left out): where, which field, what was found and what was done.
 */
export interface ImportWarning {
  location: SourceLocation;
  field?: string;
  found: string;
  action: string;
}

/** One warning as one line: "warning: x.json#/objects/7: external_references: ...: left out: ...". */
export function formatImportWarning(warning: ImportWarning): string {
  const field = warning.field ? ` ${excerpt(warning.field)}:` : '';
  return `warning: ${excerpt(formatLocation(warning.location), 400)}:${field} ${excerpt(warning.found)}: ${excerpt(warning.action, 400)}`;
}

/**
 * The problems with the file named `name` renamed `shown`: readers name a file as pages do
 * (inputName), messages as the user gave it (shownPath).
 */
export function renameProblems(problems: readonly DataProblem[], name: string, shown: string): DataProblem[] {
  if (name === shown) return [...problems];
  return problems.map((p) => (p.location.file === name ? { ...p, location: { ...p.location, file: shown } } : p));
}

/** At most `max` characters of a text, cut with "…" when longer: what a message quotes of a file. */
export function excerpt(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Render one problem as a single line; each part is cut to a short excerpt, whatever the file holds. */
export function formatProblem(problem: DataProblem): string {
  const where = excerpt(formatLocation(problem.location), 400);
  const field = problem.field ? ` ${excerpt(problem.field)}:` : '';
  const found = problem.found === undefined ? '' : `, got ${excerpt(problem.found)}`;
  return `${where}:${field} expected ${excerpt(problem.expected, 400)}${found}`;
}

/** Show a found value the way a person reads it: strings quoted and shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${plural(value.length, 'entry', 'entries')}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** List problems one per line, capped at `limit`, saying how many more there are. */
export function formatProblems(problems: readonly DataProblem[], limit = 50): string {
  const shown = problems.slice(0, limit).map(formatProblem);
  const more = problems.length - shown.length;
  const head = `${plural(problems.length, 'problem')} in the input data:`;
  return [head, ...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('\n');
}

/** Turn zod issues for one record into problems located at that record. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], location: SourceLocation, input: unknown): DataProblem[] {
  return issues.map((issue) => {
    const field = formatPath(issue.path) || undefined;
    const found = describeValue(valueAt(input, issue.path));
    return {
      location,
      ...(field ? { field } : {}),
      expected: expectedFromIssue(issue),
      found,
    };
  });
}

/** ["references", 1] -> "references[1]"; ["a", "b"] -> "a.b". */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value == null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What a value of a zod type is called in a message. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  null: 'null',
  date: 'a date',
  nonoptional: 'a value',
};

const typeWords = (type: string): string => TYPE_WORDS[type] ?? `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type}`;

/** zod's own wording ("Invalid input: expected array", "Too small: ..."): never shown, said in words instead. */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Unrecognized)\b/;

function expectedFromIssue(issue: z.core.$ZodIssue): string {
  // A message the schema writes itself ("a date as MM/DD/YYYY") is already in a user's words.
  const own = issue.message && !ZOD_WORDING.test(issue.message) ? issue.message : null;
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.map((v) => (v === null ? 'empty' : String(v))).join('|');
    case 'invalid_type':
      return own ?? typeWords(issue.expected);
    case 'invalid_union': {
      if (own) return own;
      // Each alternative's type, once: "text or a number".
      const types = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [typeWords(i.expected)] : [])));
      return types.length ? [...new Set(types)].join(' or ') : 'a value of another kind';
    }
    case 'too_small':
    case 'too_big': {
      if (own) return own;
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const n = Number(bound);
      const least = small ? 'at least' : 'at most';
      if (issue.origin === 'string') return small && n === 1 ? 'a non-empty text' : `a text of ${least} ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return small && n === 1 ? 'a list of at least one entry' : `a list of ${least} ${plural(n, 'entry', 'entries')}`;
      return `a number ${least} ${String(bound)}`;
    }
    case 'invalid_format': {
      if (own) return own;
      const pattern = 'pattern' in issue && issue.pattern ? ` matching ${String(issue.pattern)}` : '';
      return issue.format === 'regex' ? `text${pattern}` : `text in the ${issue.format} format`;
    }
    case 'unrecognized_keys':
      return `no field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return own ?? 'a value of another kind';
  }
}

/** Long text cut for a terminal line; the model and /data-quality/ keep it whole. */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The warnings of a build by kind: a count and the first examples of each, in the kinds' order. */
export function formatWarningSummary(warnings: readonly DataWarning[], examplesPerKind = 3): string[] {
  const byKind = warningsByKind(warnings);
  const total = warningTotal(warnings);
  if (total === 0) return [];
  const lines = [`${plural(total, 'warning')} (the build goes on; --strict makes them errors; /data-quality/ lists every one):`];
  for (const kind of WARNING_KIND_IDS) {
    const list = byKind.get(kind);
    if (!list) continue;
    const count = warningTotal(list);
    lines.push(`  ${WARNING_KINDS[kind].title} [${kind}]: ${count}${list.length < count ? ` in ${list.length} groups` : ''}`);
    for (const w of list.slice(0, examplesPerKind)) {
      const more = w.occurrences.length > 1 ? ` (and ${w.occurrences.length - 1} more)` : '';
      lines.push(`    ${formatLocation(w.occurrences[0]!.location)}${more}: ${w.field}: ${shorten(w.found, 100)}: ${shorten(w.action, 200)}`);
    }
    if (list.length > examplesPerKind) lines.push(`    ... and ${list.length - examplesPerKind} more`);
  }
  return lines;
}
