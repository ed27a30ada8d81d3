import { describe, expect, it } from 'vitest';
import type { DataWarning } from '../../../src/lib/model/schema.ts';
import { warningsByKind, warningTotal, warningTotalsBySet } from '../../../src/lib/model/warnings.ts';

const warning = (setId: string, kind: DataWarning['kind'], rows: number) =>
  ({
    setId,
    kind,
    occurrences: Array.from({ length: rows }, (_, i) => ({ source: `f.json#/mapping_objects/${i}`, techniqueId: null, rowId: null })),
  }) as unknown as DataWarning;

const warnings = [warning('a', 'reference-trimmed', 3), warning('b', 'reference-split', 1), warning('a', 'reference-split', 2)];

describe('warning totals', () => {
  it('count each occurrence of a warning', () => {
    expect(warningTotal(warnings)).toBe(6);
    expect(warningTotal([])).toBe(0);
  });
  it("total each set's warnings", () => {
    expect(warningTotalsBySet(warnings)).toEqual(
      new Map([
        ['a', 5],
        ['b', 1],
      ]),
    );
  });
  it('group warnings by kind in their given order', () => {
    const byKind = warningsByKind(warnings);
    expect([...byKind.keys()]).toEqual(['reference-trimmed', 'reference-split']);
    expect(byKind.get('reference-split')!.map((w) => w.setId)).toEqual(['b', 'a']);
  });
});
