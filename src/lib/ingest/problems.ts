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

/** Render one problem as a single line. */
export function formatProblem(problem: DataProblem): string {
  const where = formatLocation(problem.location);
  const field = problem.field ? ` ${problem.field}:` : '';
  const found = problem.found === undefined ? '' : `, got ${problem.found}`;
  return `${where}:${field} expected ${problem.expected}${found}`;
}

/** Show a found value the way a person reads it: strings quoted and shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
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
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  location: SourceLocation,
  input: unknown,
): DataProblem[] {
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
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value == null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function expectedFromIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.map((v) => (v === null ? 'empty' : String(v))).join('|');
    case 'invalid_type':
      return issue.expected === 'nonoptional' ? 'a value' : `a ${issue.expected}`;
    case 'invalid_format':
    case 'custom':
    case 'too_big':
    case 'too_small':
    default:
      return issue.message;
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
