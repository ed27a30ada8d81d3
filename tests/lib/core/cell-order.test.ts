import { describe, expect, it } from 'vitest';
import { compareKeys, nextDirection, rankKey, sortByKeys } from '../../../src/lib/core/cell-order.ts';
import { SCORE_RANK_LABELS } from '../../../src/lib/core/scores.ts';

const score = (text: string) => rankKey(text, SCORE_RANK_LABELS);

/** Keys sorted ascending by a type. */
const sorted = (type: Parameters<typeof compareKeys>[0], keys: string[]) => sortByKeys(keys, keys, type, 'ascending');

describe('natural order', () => {
  it('orders the numbers inside ids as numbers', () => {
    const ids = ['AC-10', 'AC-2', 'ac-3', 'AC-2(10)', 'AC-2(2)', 'AT-1'];
    expect(sorted('natural', ids)).toEqual(['AC-2', 'AC-2(2)', 'AC-2(10)', 'ac-3', 'AC-10', 'AT-1']);
  });

  it('puts a technique before its sub-techniques and those before the next technique', () => {
    expect(sorted('natural', ['T1110', 'T1059.010', 'T1059', 'T1059.002', 'T1046'])).toEqual(['T1046', 'T1059', 'T1059.002', 'T1059.010', 'T1110']);
  });

  it('compares versions and words the way people read them, whatever the case or surrounding space', () => {
    expect(sorted('natural', ['rev5 @ 14.1', 'rev4 @ 8.2', 'rev5 @ 8.2'])).toEqual(['rev4 @ 8.2', 'rev5 @ 8.2', 'rev5 @ 14.1']);
    expect(compareKeys('natural', ' azure_sentinel ', 'Azure_Sentinel')).toBe(0);
    expect(compareKeys('natural', 'Detect', 'protect')).toBeLessThan(0);
  });
});

describe('numeric order', () => {
  it('reads counts as the pages format them, with anything else below every number', () => {
    expect(sorted('number', ['1,204', '87', '–', '3', '', '12'])).toEqual(['–', '', '3', '12', '87', '1,204']);
    // Natural order would get the thousands separator wrong: "1,204" before "87".
    expect(compareKeys('natural', '1,204', '87')).toBeLessThan(0);
    expect(compareKeys('number', '1,204', '87')).toBeGreaterThan(0);
  });

  it('reads a count followed by words from the text, so such a cell needs no data-sort', () => {
    // A coverage cell's text: its count, then the best score ("12 Significant"), or "–".
    expect(sorted('number', ['12 Significant', '–', '3 Partial', '120', '9'])).toEqual(['–', '3 Partial', '9', '12 Significant', '120']);
  });
});

describe('score order', () => {
  it('ranks significant over partial over minimal over not scored over no score', () => {
    // As the cells read: a related score may follow the value.
    const keys = [score('Partial Related score: T1059'), score('Not scored'), score('Significant'), score(''), score(' Minimal ')];
    expect(keys).toEqual(['2', '0', '3', '', '1']);
    expect(sortByKeys(keys, keys, 'number', 'descending')).toEqual(['3', '2', '1', '0', '']);
  });

  it('differs from the order of the labels, where "Minimal" would come first and "Not scored" before "Partial"', () => {
    expect(sorted('natural', ['Significant', 'Partial', 'Not scored', 'Minimal'])).toEqual(['Minimal', 'Not scored', 'Partial', 'Significant']);
  });
});

describe('sorting rows', () => {
  const rows = [
    { id: 'a', score: score('Partial') },
    { id: 'b', score: score('Significant') },
    { id: 'c', score: score('Partial') },
    { id: 'd', score: score('Minimal') },
  ];
  const keys = rows.map((r) => r.score);

  it('keeps the server order between equal keys in both directions', () => {
    expect(sortByKeys(rows, keys, 'number', 'ascending').map((r) => r.id)).toEqual(['d', 'a', 'c', 'b']);
    expect(sortByKeys(rows, keys, 'number', 'descending').map((r) => r.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('returns a new array and leaves the given one in server order', () => {
    const result = sortByKeys(rows, keys, 'number', 'descending');
    expect(result).not.toBe(rows);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('steps a header through ascending, descending and back to the server order', () => {
    expect(nextDirection(null)).toBe('ascending');
    expect(nextDirection('ascending')).toBe('descending');
    expect(nextDirection('descending')).toBeNull();
  });
});
