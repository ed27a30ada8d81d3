import { describe, expect, it } from 'vitest';
import { isHttpUrl, parseReferenceCell, repairReferences } from '../../../src/lib/ingest/references.ts';

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
  it('reads URLs separated by whitespace, one entry each', () => {
    expect(parseReferenceCell('https://a.example/x\nhttps://b.example/ https://c.example/')).toEqual({
      ok: true,
      references: ['https://a.example/x', 'https://b.example/', 'https://c.example/'],
    });
  });
  it('reads empty cells and empty lists as no references', () => {
    for (const cell of ['', '  ', '[]', 'None']) expect(parseReferenceCell(cell)).toEqual({ ok: true, references: [] });
  });
  it('hands back a list it cannot read whole, to be kept as text', () => {
    expect(parseReferenceCell("['https://a.example/x', ")).toEqual({ ok: false, text: "['https://a.example/x'," });
  });
});

describe('repairReferences', () => {
  it('leaves clean lists alone and reports nothing', () => {
    expect(repairReferences(['https://a.example/', 'http://b.example/x?y=1#z'])).toEqual({
      references: ['https://a.example/', 'http://b.example/x?y=1#z'],
      repairs: [],
    });
  });

  it('trims whitespace, tabs (also written "\\t") and stray quotes', () => {
    const { references, repairs } = repairReferences([
      ' https://a.example/one ',
      '\thttps://a.example/two',
      ' \\thttps://a.example/three ',
      "'https://a.example/four",
    ]);
    expect(references).toEqual(['https://a.example/one', 'https://a.example/two', 'https://a.example/three', 'https://a.example/four']);
    expect(repairs.map((r) => [r.kind, r.index])).toEqual([
      ['reference-trimmed', 0],
      ['reference-trimmed', 1],
      ['reference-trimmed', 2],
      ['reference-trimmed', 3],
    ]);
    expect(repairs[3]).toEqual({ kind: 'reference-trimmed', index: 3, found: "'https://a.example/four", action: 'trimmed; kept: "https://a.example/four"' });
  });

  it('drops "[]" and bare labels, saying so', () => {
    const { references, repairs } = repairReferences(['[]', 'https://a.example/', 'Ref:', 'Ref: https://b.example/x']);
    expect(references).toEqual(['https://a.example/', 'https://b.example/x']);
    expect(repairs).toEqual([
      { kind: 'reference-dropped', index: 0, found: '[]', action: 'dropped: it names no reference' },
      { kind: 'reference-dropped', index: 2, found: 'Ref:', action: 'dropped: a label, not a reference' },
      { kind: 'reference-dropped', index: 3, found: 'Ref: https://b.example/x', action: 'label "Ref:" dropped; kept: "https://b.example/x"' },
    ]);
  });

  it('splits several URLs in one entry, separated by spaces or "; "', () => {
    const { references, repairs } = repairReferences(['https://a.example/ https://b.example/x', 'https://c.example/poc; https://d.example/']);
    expect(references).toEqual(['https://a.example/', 'https://b.example/x', 'https://c.example/poc', 'https://d.example/']);
    expect(repairs.map((r) => r.kind)).toEqual(['reference-split', 'reference-split']);
  });

  it('splits "URL word" and keeps the word as plain text', () => {
    const { references, repairs } = repairReferences(['https://a.example/howto-apis2 licensing']);
    expect(references).toEqual(['https://a.example/howto-apis2', 'licensing']);
    expect(repairs).toEqual([
      {
        kind: 'reference-not-a-link',
        index: 0,
        found: 'https://a.example/howto-apis2 licensing',
        action: 'split into "https://a.example/howto-apis2", "licensing" (plain text, not a link)',
      },
    ]);
  });

  it('joins a URL that was split at a comma in its text fragment', () => {
    const { references, repairs } = repairReferences(['https://a.example/p#:~:text=one', 'two%20three.', 'Exploitation']);
    expect(references).toEqual(['https://a.example/p#:~:text=one,two%20three.,Exploitation']);
    expect(repairs.map((r) => [r.kind, r.index, r.found])).toEqual([
      ['reference-rejoined', 1, 'two%20three.'],
      ['reference-rejoined', 2, 'Exploitation'],
    ]);
  });

  it('unwraps a URL inside a viewer address only when the inner URL is a valid https URL', () => {
    const wrapped = 'chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/https://www.example.gov/fact-sheet.pdf';
    expect(repairReferences([wrapped])).toEqual({
      references: ['https://www.example.gov/fact-sheet.pdf'],
      repairs: [
        {
          kind: 'reference-unwrapped',
          index: 0,
          found: wrapped,
          action: 'the https URL inside a viewer address kept: "https://www.example.gov/fact-sheet.pdf"',
        },
      ],
    });
    // Neither a bad inner URL nor an inner URL of another scheme is unwrapped: the entry stays text.
    for (const entry of [
      'chrome-extension://x/https://%20https//bad.example/',
      'chrome-extension://x/javascript:alert(1)',
      'chrome-extension://x/http://plain.example/',
    ]) {
      const result = repairReferences([entry]);
      expect(result.references).toEqual([entry]);
      expect(result.repairs.map((r) => r.kind)).toEqual(['reference-not-a-link']);
    }
  });

  it('keeps every other scheme and every malformed URL as plain text, never joined to a link', () => {
    const others = [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://files.example/x',
      'https://%20https//www.example.com/blog',
    ];
    const { references, repairs } = repairReferences(['https://a.example/p#x', ...others]);
    expect(references).toEqual(['https://a.example/p#x', ...others]);
    expect(repairs.map((r) => r.kind)).toEqual(others.map(() => 'reference-not-a-link'));
    for (const entry of references.slice(1) as string[]) expect(isHttpUrl(entry), entry).toBe(false);
  });

  it('passes entries that are not strings to the schema untouched', () => {
    expect(repairReferences([42, null])).toEqual({ references: [42, null], repairs: [] });
  });
});

describe('isHttpUrl', () => {
  it('accepts http and https only', () => {
    expect(isHttpUrl('https://docs.microsoft.com/en-us/azure/firewall/overview')).toBe(true);
    expect(isHttpUrl('http://example.org')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.example',
      '//x.example',
      'https://',
      'https://a b',
      'mailto:a@b.c',
      'https://%20https//x.example/',
    ]) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });
});
