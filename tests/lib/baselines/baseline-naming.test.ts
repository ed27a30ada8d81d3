import { describe, expect, it } from 'vitest';
import { levelsInTitle, revisionFromTitle, toBaselineFile } from '../../../src/lib/baselines/baseline-naming.ts';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { baselineFileSchema } from '../../../src/lib/model/schema.ts';

const selection = (title: string) => ({ title, version: '1.0', controls: ['AC-2', 'AC-2(1)'] });

describe('naming a baseline', () => {
  it("reads the revision and the level from NIST's titles", () => {
    expect(revisionFromTitle('NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE')).toBe('rev5');
    expect(revisionFromTitle('NIST Special Publication 800-53 Revision 4 LOW IMPACT BASELINE')).toBe('rev4');
    expect(revisionFromTitle('SP 800-53 Rev. 5 tailored')).toBe('rev5');
    expect(revisionFromTitle('Acme Widgets Cloud Hosting Controls')).toBeNull();
    expect(levelsInTitle('NIST Special Publication 800-53 Revision 5.1.1 PRIVACY BASELINE')).toEqual(['privacy']);
    expect(levelsInTitle('Acme Moderate-High Hybrid')).toEqual(['moderate', 'high']);
    expect(levelsInTitle('Highlights of Lowland')).toEqual([]);
  });

  it('makes a valid baseline file with the id from the title', () => {
    const { baseline, problems } = toBaselineFile(selection('Acme Widgets Practice Profile Revision 5.0.9 HIGH IMPACT BASELINE'), 'in/p.json', 'p.json');
    expect(problems).toEqual([]);
    expect(baseline).toEqual({
      format: 'mapscope-baseline/1',
      id: 'nist_800_53-rev5-high',
      title: 'Acme Widgets Practice Profile Revision 5.0.9 HIGH IMPACT BASELINE',
      version: '1.0',
      frameworkId: 'nist_800_53',
      frameworkVersion: 'rev5',
      source: 'p.json',
      controls: ['AC-2', 'AC-2(1)'],
    });
    expect(baselineFileSchema.safeParse(baseline).success).toBe(true);
  });

  it('takes --id, --framework and --version over the title', () => {
    const { baseline } = toBaselineFile(selection('Acme Widgets Cloud Hosting Controls'), 'p.json', 'p.json', {
      id: 'acme-cloud',
      framework: 'nist_800_53',
      version: 'rev5',
    });
    expect(baseline).toMatchObject({ id: 'acme-cloud', frameworkId: 'nist_800_53', frameworkVersion: 'rev5' });
    const derived = toBaselineFile(selection('Acme MODERATE'), 'p.json', 'p.json', { version: 'Rev 5', framework: 'acme_ccm' });
    expect(derived.baseline).toMatchObject({ id: 'acme_ccm-rev-5-moderate', frameworkVersion: 'Rev 5' });
  });

  it('asks for --version when the title names no revision, and for --id when it names no single level', () => {
    expect(toBaselineFile(selection('Acme Widgets Cloud Hosting Controls'), 'org/p.json', 'p.json').problems.map(formatProblem)).toEqual([
      'org/p.json#/profile/metadata/title: title: expected a title naming the revision ("Revision 5"); for another profile pass --version with the framework version its mapping sets use (--version rev5), got "Acme Widgets Cloud Hosting Controls"',
      'org/p.json#/profile/metadata/title: title: expected a title naming one baseline level (LOW, MODERATE, HIGH, PRIVACY); for another profile pass --id (--id acme-cloud-moderate), got "Acme Widgets Cloud Hosting Controls"',
    ]);
    expect(toBaselineFile(selection('Acme Revision 5'), 'p.json', 'p.json', { id: 'Bad/Id' }).problems.map(formatProblem)).toEqual([
      'p.json: --id: expected lower-case letters and digits separated by ".", "_" or "-" (it names the file), got "Bad/Id"',
    ]);
    expect(toBaselineFile(selection('Acme Revision 5 LOW'), 'p.json', 'p.json', { framework: 'NIST 800-53' }).problems).toHaveLength(1);
  });
});
