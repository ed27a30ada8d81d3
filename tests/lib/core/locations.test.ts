import { describe, expect, it } from 'vitest';
import { formatLocation } from '../../../src/lib/core/locations.ts';

describe('source locations, written out', () => {
  it('name the file with the line or the JSON pointer', () => {
    expect(formatLocation({ file: 'mappings/x.csv', line: 14 })).toBe('mappings/x.csv:14');
    expect(formatLocation({ file: 'mappings/x.json', pointer: '/mapping_objects/12' })).toBe('mappings/x.json#/mapping_objects/12');
    expect(formatLocation({ file: 'mappings/x.json' })).toBe('mappings/x.json');
  });

  it('say only where within a file already named', () => {
    expect(formatLocation({ file: 'mappings/x.csv', line: 14 }, { file: false })).toBe('line 14');
    expect(formatLocation({ file: 'mappings/x.json', pointer: '/mapping_objects/12' }, { file: false })).toBe('#/mapping_objects/12');
    expect(formatLocation({ file: 'mappings/x.json' }, { file: false })).toBe('');
  });
});
