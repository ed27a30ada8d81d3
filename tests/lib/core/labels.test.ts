import { describe, expect, it } from 'vitest';
import { attackVersionLabel, setListLabel, setTitle, setVersionLabel, variantSetsLabel } from '../../../src/lib/core/labels.ts';
import type { Framework, MappingSet } from '../../../src/lib/model/schema.ts';

const set = (id: string, frameworkVersion: string, attackVersion: string, domain: MappingSet['domain'] = 'enterprise') =>
  ({ id, frameworkId: 'f', frameworkVersion, attackVersion, domain }) as MappingSet;

describe('set labels', () => {
  it('name a set by its versions, with the domain when it is not Enterprise', () => {
    expect(setVersionLabel(set('a', 'rev5', '8.2'))).toBe('rev5 @ 8.2');
    expect(setVersionLabel(set('b', '1.3.7', '12.1', 'ics'))).toBe('1.3.7 @ 12.1 ICS');
  });

  it("group a row's sets by framework version, newest first", () => {
    expect(setListLabel([set('a', 'rev5', '16.1'), set('b', 'rev5', '14.1'), set('c', 'rev4', '14.1')])).toEqual(['rev5 @ 16.1, 14.1', 'rev4 @ 14.1']);
  });

  it("word a row's sets as each set is named elsewhere: the domain last", () => {
    const mobile = [set('a', '1.4.0', '16.1', 'mobile'), set('b', '1.4.0', '15.1', 'mobile')];
    expect(setListLabel(mobile.slice(0, 1))).toEqual([setVersionLabel(mobile[0]!)]);
    expect(setListLabel(mobile.slice(0, 1))).toEqual(['1.4.0 @ 16.1 Mobile']);
    expect(setListLabel([...mobile, set('c', '1.4.0', '16.1')])).toEqual(['1.4.0 @ 16.1, 15.1 Mobile', '1.4.0 @ 16.1']);
  });
});

describe('variant labels', () => {
  it("names a framework version alone when a variant holds all of the row's sets of that version", () => {
    const rev4a = set('a', 'rev4', '14.1');
    const rev4b = set('b', 'rev4', '12.1');
    const rev5 = set('c', 'rev5', '14.1');
    expect(variantSetsLabel([rev4a, rev4b], [rev5, rev4a, rev4b])).toBe('rev4');
    expect(variantSetsLabel([rev4a], [rev5, rev4a, rev4b])).toBe('rev4 @ 14.1');
  });
});

describe('ATT&CK version labels', () => {
  it("name a domain's version, alone and in a set's title", () => {
    expect(attackVersionLabel('enterprise', '16.1')).toBe('ATT&CK Enterprise 16.1');
    expect(attackVersionLabel('ics', '12.1')).toBe('ATT&CK ICS 12.1');
    expect(setTitle(set('a', 'rev5', '8.2'), { name: 'NIST SP 800-53' } as Framework)).toBe('NIST SP 800-53 rev5 → ATT&CK Enterprise 8.2');
  });
});
