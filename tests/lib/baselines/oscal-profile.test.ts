import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { readOscalProfile } from '../../../src/lib/baselines/oscal-profile.ts';
import { fixture, shared } from '../../support/paths.ts';

const read = (...parts: string[]) => readOscalProfile(parts[parts.length - 1]!, readFileSync(fixture('oscal', ...parts), 'utf8'));
const messages = (...parts: string[]) => read(...parts).problems.map(formatProblem);

describe('reading an OSCAL profile', () => {
  it("lists the controls in the profile's order, in display form, each once, less the excluded", () => {
    const { profile, problems } = read('profiles', 'acme_rev5_MODERATE-baseline_profile.json');
    expect(problems).toEqual([]);
    expect(profile).toEqual({
      title: 'Acme Widgets Practice Profile Revision 5.0.9 MODERATE IMPACT BASELINE',
      version: '5.0.9-test',
      // ac-1 is included, then excluded; ac-2 and ac-4 are listed twice.
      controls: ['AC-2', 'AC-2(1)', 'AC-4', 'SC-7(5)', 'SI-4', 'CM-2(1)', 'CA-7'],
    });
  });

  it("applies an import's exclusions to that import only; a missing version is null", () => {
    const { profile } = read('profiles', 'acme_rev4_LOW-baseline_profile.json');
    expect(profile!.controls).toEqual(['AC-2', 'SI-4', 'IA-2(1)', 'SI-10']);
    expect(profile!.version).toBeNull();
  });

  const nist = shared('oscal', 'NIST_SP-800-53_rev5_MODERATE-baseline_profile.json');
  it.skipIf(!nist)(
    "reads NIST's own profiles (needs ../shared/oscal)",
    () => {
      const { profile, problems } = readOscalProfile('x.json', readFileSync(nist!, 'utf8'));
      expect(problems).toEqual([]);
      expect(profile!.controls).toHaveLength(287);
      expect(profile!.controls.slice(0, 4)).toEqual(['AC-1', 'AC-2', 'AC-2(1)', 'AC-2(2)']);
    },
    20_000,
  );

  it('names the file and place of every problem', () => {
    expect(messages('broken', 'not-json.json')).toEqual([
      expect.stringMatching(/^not-json\.json(:\d+)?: expected an OSCAL profile \(JSON\), got a syntax error: \S[^\n]*$/),
    ]);
    expect(messages('broken', 'not-json.json')[0]).toContain("Unexpected token '}'");
    expect(messages('broken', 'no-profile.json')).toEqual([
      'no-profile.json: expected an OSCAL profile (a JSON object with "profile"), got an OSCAL catalog (give the profiles that select from it)',
    ]);
    expect(messages('broken', 'include-all.json')).toEqual([
      'include-all.json#/profile/imports/0/include-all: include-all: expected include-controls with with-ids (include-all selects the whole catalog, which needs the catalog the profile imports; list the controls with include-controls/with-ids instead), got include-all',
    ]);
    expect(messages('broken', 'bad-id.json')).toEqual([
      'bad-id.json#/profile/imports/0/include-controls/0/with-ids/1: with-ids: expected an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1", got "ac-x"',
    ]);
    expect(messages('broken', 'matching.json')).toEqual([
      expect.stringMatching(/^matching\.json#\/profile\/imports\/0\/exclude-controls\/0\/matching: matching: expected with-ids \(matching selects by pattern/),
    ]);
  });

  it('reports every problem of a profile at once', () => {
    const text = JSON.stringify({
      profile: {
        metadata: { version: 5 },
        imports: [{ href: '#x', 'include-controls': [{ 'with-child-controls': 'yes', 'with-ids': ['ac-2', 7] }] }, { href: '#y' }, 'ac-2'],
      },
    });
    expect(readOscalProfile('p.json', text).problems.map(formatProblem)).toEqual([
      "p.json#/profile/metadata: title: expected the baseline's title, got nothing",
      'p.json#/profile/metadata: version: expected a string, got 5',
      'p.json#/profile/imports/0/include-controls/0/with-child-controls: with-child-controls: expected "no", with each enhancement listed in with-ids (which enhancements a control has is known only to the catalog the profile imports), got "yes"',
      'p.json#/profile/imports/0/include-controls/0/with-ids/1: with-ids: expected an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1", got 7',
      'p.json#/profile/imports/1: include-controls: expected the controls the import selects, got nothing',
      'p.json#/profile/imports/2: expected an import (an object with include-controls), got "ac-2"',
    ]);
  });

  it('refuses a profile that selects nothing', () => {
    const text = JSON.stringify({
      profile: { metadata: { title: 'T' }, imports: [{ 'include-controls': [{ 'with-ids': ['ac-2'] }], 'exclude-controls': [{ 'with-ids': ['ac-2'] }] }] },
    });
    expect(readOscalProfile('p.json', text).problems.map(formatProblem)).toEqual([
      'p.json#/profile/imports: expected at least one control selected, got none: every control included is excluded',
    ]);
  });
});
