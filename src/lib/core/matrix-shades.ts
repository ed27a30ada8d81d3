/**
 * How an ATT&CK matrix says coverage, wherever it is drawn (set, capability and group pages at
 * build time; the coverage builder in the browser): the shades by number of capabilities or by
 * best score, and their legends. The version's label is attackVersionLabel in labels.ts.
 */
import { SCORE_VALUES } from './vocabulary.ts';

/** Shades by number of capabilities: 1, 2–3, 4–9, 10 or more. */
const CAPABILITY_SHADES = [
  { shade: 1, min: 1, label: '1 capability' },
  { shade: 2, min: 2, label: '2–3 capabilities' },
  { shade: 3, min: 4, label: '4–9 capabilities' },
  { shade: 4, min: 10, label: '10 or more capabilities' },
];

/** The shade (0: none) of a technique that `count` capabilities cover. */
export function capabilityShade(count: number): number {
  return CAPABILITY_SHADES.filter((s) => count >= s.min).at(-1)?.shade ?? 0;
}

export const CAPABILITY_SHADE_LEGEND = CAPABILITY_SHADES.map(({ shade, label }) => ({ shade, label }));

/** Shades by best score: a score value's rank. */
export const SCORE_SHADE_LEGEND = Object.values(SCORE_VALUES).map((v) => ({ shade: v.rank, label: `best score ${v.label.toLowerCase()}` }));

/** Shades by number of frameworks (the all-frameworks matrix, /matrix/): 1, 2–3, 4–6, 7 or more (the public corpus has 10). */
const FRAMEWORK_SHADES = [
  { shade: 1, min: 1, label: '1 framework' },
  { shade: 2, min: 2, label: '2–3 frameworks' },
  { shade: 3, min: 4, label: '4–6 frameworks' },
  { shade: 4, min: 7, label: '7 or more frameworks' },
];

/** The shade (0: none) of a technique that `count` frameworks cover. */
export function frameworkShade(count: number): number {
  return FRAMEWORK_SHADES.filter((s) => count >= s.min).at(-1)?.shade ?? 0;
}

export const FRAMEWORK_SHADE_LEGEND = FRAMEWORK_SHADES.map(({ shade, label }) => ({ shade, label }));
