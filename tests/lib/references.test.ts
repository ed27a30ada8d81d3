import { describe, expect, it } from 'vitest';
import { isHttpUrl, parseReferenceCell, repairReferenceList } from '../../src/lib/references.ts';

describe('parseReferenceCell', () => {
  it('reads JSON arrays and Python list literals', () => {
    expect(parseReferenceCell('["https://a.example/x", "https://b.example/"]')).toEqual({
      ok: true,
      references: ['https://a.example/x', 'https://b.example/'],
    });
    expect(parseReferenceCell("['https://a.example/x', 'https://b.example/it\\'s']")).toEqual({
      ok: true,
      references: ['https://a.example/x', "https://b.example/it's"],
    });
    expect(parseReferenceCell('["https://a.example/it\'s"]')).toEqual({ ok: true, references: ["https://a.example/it's"] });
  });
  it('reads empty cells and empty lists as no references', () => {
    for (const cell of ['', '  ', '[]', 'None']) expect(parseReferenceCell(cell)).toEqual({ ok: true, references: [] });
  });
  it('rejects a list it cannot read', () => {
    expect(parseReferenceCell("['https://a.example/x', ")).toMatchObject({ ok: false });
  });
});

describe('repairReferenceList', () => {
  it('splits several URLs in one entry and trims stray spaces', () => {
    expect(repairReferenceList([' https://a.example/ https://b.example/x ', 'https://c.example/ '])).toEqual([
      'https://a.example/',
      'https://b.example/x',
      'https://c.example/',
    ]);
  });
  it('joins a URL that was split at a comma in its text fragment', () => {
    expect(repairReferenceList(['https://a.example/p#:~:text=one', 'two%20three.'])).toEqual([
      'https://a.example/p#:~:text=one,two%20three.',
    ]);
  });
  it('never turns another scheme into part of a link', () => {
    expect(repairReferenceList(['https://a.example/p#x', 'javascript:alert(1)'])).toEqual([
      'https://a.example/p#x',
      'javascript:alert(1)',
    ]);
  });
});

describe('isHttpUrl', () => {
  it('accepts http and https only', () => {
    expect(isHttpUrl('https://docs.microsoft.com/en-us/azure/firewall/overview')).toBe(true);
    expect(isHttpUrl('http://example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.example', '//x.example', 'https://', 'https://a b', 'mailto:a@b.c']) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });
});
