import { describe, expect, it } from 'vitest';
import { baselineToJson, mergeBaselines, parseBaseline, readBaselines } from '../../../src/lib/baselines/baseline-file.ts';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import type { BaselineFile } from '../../../src/lib/model/schema.ts';
import { fixture } from '../../support/paths.ts';

const baseline = (id: string, controls = ['AC-2']): BaselineFile => ({
  format: 'mapscope-baseline/1',
  id,
  title: `Acme ${id}`,
  version: null,
  frameworkId: 'nist_800_53',
  frameworkVersion: 'rev5',
  source: `${id}.json`,
  controls,
});

describe('baseline files', () => {
  it('write and read back unchanged, one control a line', () => {
    const file = baseline('nist_800_53-rev5-acme', ['AC-2', 'AC-2(1)']);
    const json = baselineToJson(file);
    expect(json).toContain('\n    "AC-2(1)"\n');
    expect(parseBaseline('x.json', json)).toEqual({ baseline: file, problems: [] });
  });

  it('name the file and JSON pointer of what is wrong', () => {
    const bad = JSON.stringify({ ...baseline('Nope'), controls: ['AC-2', 'AC-02'], version: 3 });
    expect(parseBaseline('b.json', bad).problems.map(formatProblem)).toEqual([
      'b.json#/id: id: expected a baseline id: lower-case letters and digits separated by ".", "_" or "-", got "Nope"',
      'b.json#/version: version: expected text, got 3',
      'b.json#/controls/1: controls[1]: expected a control in NIST\'s form, such as AC-2 or AC-2(1), got "AC-02"',
    ]);
    const repeated = JSON.stringify(baseline('a', ['AC-2', 'AC-2']));
    expect(parseBaseline('r.json', repeated).problems.map(formatProblem)).toEqual([
      'r.json#/controls: controls: expected each control listed once, got a list of 2 entries',
    ]);
    expect(parseBaseline('s.json', '{').problems.map(formatProblem)[0]).toMatch(/^s\.json(:\d+)?: expected a baseline file \(JSON\), got a syntax error/);
  });

  it('are read from a folder by file name; a missing folder holds none', async () => {
    const read = await readBaselines(fixture('oscal', 'baselines'), 'fx');
    expect(read.problems).toEqual([]);
    expect(read.baselines.map((b) => [b.file, b.baseline.id])).toEqual([
      ['fx/acme_ccm-1-core.json', 'acme_ccm-1-core'],
      ['fx/nist_800_53-rev5-acme.json', 'nist_800_53-rev5-acme'],
    ]);
    expect(await readBaselines(fixture('oscal', 'no-such-folder'))).toEqual({ baselines: [], problems: [] });
  });

  it("among the inputs stand for the folder's of the same id; one id twice in one place is an error", () => {
    const folder = [
      { file: 'd/a.json', baseline: baseline('a') },
      { file: 'd/b.json', baseline: baseline('b') },
    ];
    const merged = mergeBaselines(folder, [{ file: 'in/a.json', baseline: baseline('a', ['AC-4']) }]);
    expect(merged.problems).toEqual([]);
    expect(merged.baselines.map((b) => [b.id, b.controls])).toEqual([
      ['a', ['AC-4']],
      ['b', ['AC-2']],
    ]);
    const twice = mergeBaselines(
      [],
      [
        { file: 'x/a.json', baseline: baseline('a') },
        { file: 'y/a.json', baseline: baseline('a') },
      ],
    );
    expect(twice.problems.map(formatProblem)).toEqual(['y/a.json#/id: id: expected an id no other baseline file has (x/a.json has it), got "a"']);
  });
});
