import { describe, expect, it } from 'vitest';
import { DISPLAY_CONTROL_ID, displayToOscal, isSp80053Family, oscalToDisplay, SP800_53_FAMILIES } from '../../../src/lib/baselines/control-ids.ts';
import { capabilityKey } from '../../../src/lib/core/ids.ts';

describe('OSCAL ids and the display form', () => {
  it("writes OSCAL ids in NIST's display form", () => {
    expect(oscalToDisplay('ac-2')).toBe('AC-2');
    expect(oscalToDisplay('ac-2.1')).toBe('AC-2(1)');
    expect(oscalToDisplay('sc-7.18')).toBe('SC-7(18)');
    expect(oscalToDisplay('pm-30.1')).toBe('PM-30(1)');
  });

  it('rejects what a catalog never names: typos, padding, upper case, parts', () => {
    for (const bad of ['ac-x', 'ac-02', 'AC-2', 'ac2', 'ac-2.1.1', 'ac-2_smt', 'ac-2.', '', 'abc-2']) expect(oscalToDisplay(bad), bad).toBeNull();
  });

  it("reads the display form and the mapping files' spellings back as OSCAL ids", () => {
    expect(displayToOscal('AC-2')).toBe('ac-2');
    expect(displayToOscal('AC-2(1)')).toBe('ac-2.1');
    expect(displayToOscal('AC-02')).toBe('ac-2');
    expect(displayToOscal('SC-07 (05)')).toBe('sc-7.5');
    expect(displayToOscal(' ac-2.1 ')).toBe('ac-2.1');
    expect(displayToOscal('AC-x')).toBeNull();
    expect(displayToOscal('A&A-01')).toBeNull();
  });

  it("knows SP 800-53's families as a closed list: rev4's 18, and rev5's PT and SR", () => {
    expect(SP800_53_FAMILIES).toHaveLength(20);
    for (const family of ['ac', 'AC', 'pm', 'PT', 'sr']) expect(isSp80053Family(family), family).toBe(true);
    for (const family of ['zz', 'QQ', 'xx', '']) expect(isSp80053Family(family), family).toBe(false);
    // The display form's shape says nothing of the family: ZZ-1 has it; the schema checks both.
    expect(DISPLAY_CONTROL_ID.test('ZZ-1')).toBe(true);
    expect(displayToOscal('ZZ-1')).toBeNull();
    expect(displayToOscal('QQ-999(999)')).toBeNull();
  });

  it('round-trips, and the display form folds to the key of the padded spelling', () => {
    for (const id of ['ac-1', 'ac-2.13', 'si-4.24', 'sr-12']) expect(displayToOscal(oscalToDisplay(id)!)).toBe(id);
    // What baselines are matched by: the capability pages' folding.
    expect(capabilityKey('AC-2')).toBe(capabilityKey('AC-02'));
    expect(capabilityKey('AC-2(1)')).toBe(capabilityKey('AC-02(01)'));
    expect(capabilityKey('AC-2(1)')).not.toBe(capabilityKey('AC-2'));
  });
});
