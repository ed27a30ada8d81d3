import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../src/lib/io/csv-table.ts';

describe('parseCsvTable', () => {
  it('gives each row the line it starts on, across quoted newlines and blank lines', () => {
    const text = 'a,b\r\n1,"x\ny"\r\n\r\n3,4\r\n';
    const { table, problems } = parseCsvTable(text, 'f.csv');
    expect(problems).toEqual([]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(table.rows[0]!.cells).toEqual({ a: '1', b: 'x\ny' });
  });
  it('drops a leading unnamed index column and folds header case', () => {
    const { table } = parseCsvTable(',Capability_ID,attack_object_id\n0,AC-4,T1046\n', 'f.csv');
    expect(table.columns).toEqual(['capability_id', 'attack_object_id']);
    expect(table.rows[0]!.cells).toEqual({ capability_id: 'AC-4', attack_object_id: 'T1046' });
  });
  it('reports a column named twice, with both positions, counting a dropped index column', () => {
    expect(parseCsvTable('a,comments,b,Comments\n1,2,3,4\n', 'x.csv').problems).toEqual([
      {
        location: { file: 'x.csv', line: 1 },
        field: 'header',
        expected: 'one column named "comments" (a row\'s cells in both could not both be read)',
        found: 'it in columns 2 and 4',
      },
    ]);
    const indexed = parseCsvTable('\n,a,a\n0,1,2\n', 'x.csv');
    expect(indexed.table).toMatchObject({ columns: ['a', 'a'], headerLine: 2, firstColumn: 2 });
    expect(indexed.problems.map((p) => [p.location, p.found])).toEqual([[{ file: 'x.csv', line: 2 }, 'it in columns 2 and 3']]);
  });

  it('reports rows with the wrong number of cells, by line', () => {
    const { problems } = parseCsvTable('a,b\n1,2\n1,2,3\n', 'f.csv');
    expect(problems).toEqual([{ location: { file: 'f.csv', line: 3 }, expected: '2 cells', found: '3' }]);
  });
});

describe('parseCsvTable line numbers', () => {
  it('stay right after blank lines, lines of spaces and rows of empty cells', () => {
    const text = 'a,b\n1,2\n   \n,\n\n3,4\n5,6,7\n';
    const { table, problems } = parseCsvTable(text, 'f.csv');
    expect(table.rows.map((r) => [r.line, r.cells['a']])).toEqual([
      [2, '1'],
      [6, '3'],
    ]);
    expect(problems).toEqual([{ location: { file: 'f.csv', line: 7 }, expected: '2 cells', found: '3' }]);
  });
});
