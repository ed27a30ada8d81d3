import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/ingest/problems.ts';
import { segmentsText, statementText, type ControlDescription } from '../../../src/lib/descriptions/control-text.ts';
import { describeOscalCatalog, readOscalCatalog } from '../../../src/lib/descriptions/oscal-catalog.ts';
import { fixture, shared } from '../../support/paths.ts';

// Invented catalogs in the shapes of NIST's rev5 and rev4 OSCAL catalogs (no NIST text).
const read = (...parts: string[]) => readOscalCatalog(parts[parts.length - 1]!, readFileSync(fixture('descriptions', 'oscal', ...parts), 'utf8'));

function controls(...parts: string[]): Map<string, ControlDescription> {
  const { catalog, problems } = read(...parts);
  expect(problems).toEqual([]);
  return new Map(catalog!.controls.map((control) => [control.id, control]));
}

const rev5 = () => controls('acme_rev5-shape_catalog.json');

describe('reading an OSCAL catalog: statements', () => {
  it("keeps the statement's items as a tree, each with its label (a., 1., (a))", () => {
    const ac1 = rev5().get('AC-1')!;
    const labels = (items: NonNullable<ControlDescription['statement']>['items']): unknown[] =>
      items.map((item) => (item.items.length ? [item.label, labels(item.items)] : item.label));
    expect(labels(ac1.statement!.items)).toEqual([['a.', [['1.', ['(a)', '(b)']], '2.']], 'b.']);
    expect(segmentsText(ac1.statement!.items[0]!.items[0]!.items[1]!.text)).toBe('Agrees with the widget handbook; and');
    expect(statementText(ac1.statement!)).toBe(
      'a. Write and share with [Assignment: organization-defined widget wranglers]: ' +
        '1. [Selection (one or more): Organization-level; Workshop-level; Widget-level] widget policy that: ' +
        '(a) Names who may turn each crank; and (b) Agrees with the widget handbook; and ' +
        '2. Procedures that put the widget policy to work; and ' +
        'b. Review the policy [Assignment: organization-defined polishing interval].',
    );
  });

  it('writes out each kind of parameter as NIST prints it, as a parameter segment', () => {
    const all = rev5();
    const ac1 = all.get('AC-1')!.statement!.items[0]!;
    // assignment, from the label
    expect(ac1.text).toEqual([
      'Write and share with ',
      { kind: 'param', param: 'ac-1_prm_1', text: '[Assignment: organization-defined widget wranglers]' },
      ':',
    ]);
    // selection of one or more
    expect(ac1.items[0]!.text[0]).toEqual({
      kind: 'param',
      param: 'ac-1_prm_2',
      text: '[Selection (one or more): Organization-level; Workshop-level; Widget-level]',
    });
    const [a, b] = all.get('AC-2')!.statement!.items;
    expect(a!.text).toEqual([
      'Automatically ',
      // no how-many: a selection of one
      { kind: 'param', param: 'ac-2_prm_1', text: '[Selection: lock; retire]' },
      ' idle crank accounts ',
      // how-many "one", and a choice that inserts another parameter
      { kind: 'param', param: 'ac-2_prm_2', text: '[Selection: hourly; daily; [Assignment: organization-defined interval]]' },
      ';',
    ]);
    // guidelines only: the guideline is the assignment
    expect(b!.text).toContainEqual({ kind: 'param', param: 'ac-2_prm_4', text: '[Assignment: the people who count the cranks]' });
  });

  it('links a mention of a statement item to its control, with the text as written', () => {
    const b = rev5().get('AC-2')!.statement!.items[1]!;
    expect(b.text.slice(0, 3)).toEqual(['Report the accounts named in ', { kind: 'control', control: 'AC-1', text: 'AC-1a' }, ' to ']);
  });

  it('keeps the lead-in of a rev4 statement and leaves assessment objectives out', () => {
    const ac1 = controls('acme_rev4-shape_catalog.json').get('AC-1')!;
    expect(statementText(ac1.statement!)).toBe(
      'The organization: a. Writes a widget policy; and b. Reviews the widget policy [Assignment: organization-defined frequency].',
    );
    expect(ac1.discussion).toEqual([['This control sets the rules for widgets.']]);
  });
});

describe('reading an OSCAL catalog: discussion and related controls', () => {
  it('gives the discussion as paragraphs of text, controls, and http(s) links only', () => {
    const ac1 = rev5().get('AC-1')!;
    expect(ac1.discussion).toEqual([
      [
        'Widget policy says who may touch which widget; accounts are in ',
        { kind: 'control', control: 'AC-2', text: 'AC-2' },
        ' and the rules are in ',
        // a back-matter resource: its http(s) address
        { kind: 'link', href: 'https://example.org/acme-handbook', text: 'the Acme handbook' },
        '.',
      ],
      // Markdown emphasis goes, angle brackets stay text, a javascript: link is its text only.
      ['A second paragraph, with <angle> words & an unsafe link.'],
    ]);
    expect(rev5().get('SC-3')!.discussion).toEqual([
      ['See ', { kind: 'link', href: 'https://example.org/sprockets', text: 'the sprocket site' }, ' and write to us (sprockets@example.org).'],
    ]);
  });

  it('lists related controls once each, from the control (rev5) or its discussion (rev4)', () => {
    expect(rev5().get('AC-1')!.related).toEqual(['AC-2', 'SC-3']);
    expect(rev5().get('AC-2(1)')!.related).toEqual(['SC-3']);
    const rev4 = controls('acme_rev4-shape_catalog.json');
    expect(rev4.get('AC-1')!.related).toEqual(['AC-3']);
    expect(rev4.get('AC-3')!.related).toEqual(['AC-1']);
  });
});

describe('reading an OSCAL catalog: enhancements and withdrawn controls', () => {
  it("lists a control's enhancements, each with its own statement and parent", () => {
    const all = rev5();
    expect(all.get('AC-2')!.enhancements).toEqual(['AC-2(1)', 'AC-2(2)', 'AC-2(3)']);
    const enhancement = all.get('AC-2(1)')!;
    expect(enhancement).toMatchObject({ title: 'Automated Crank Accounts', family: 'AC', parent: 'AC-2', withdrawn: null });
    expect(statementText(enhancement.statement!)).toBe('Manage crank accounts with [Assignment: organization-defined crank tools].');
    expect([...all.keys()]).toEqual(['AC-1', 'AC-2', 'AC-2(1)', 'AC-2(2)', 'AC-2(3)', 'AC-3', 'SC-3', 'SC-3(1)', 'SC-4', 'SC-5']);
  });

  it('says where a withdrawn control went: incorporated into controls, an item, a family; moved; or why', () => {
    const all = rev5();
    const summary = (id: string) => segmentsText(all.get(id)!.withdrawn!.summary);
    expect(all.get('AC-3')!.statement).toBeNull();
    expect(all.get('AC-3')!.withdrawn!.summary).toEqual([
      'Withdrawn: incorporated into ',
      { kind: 'control', control: 'AC-1', text: 'AC-1' },
      ' and ',
      { kind: 'control', control: 'SC-3', text: 'SC-3' },
      '.',
    ]);
    expect(all.get('AC-2(2)')!.withdrawn!.incorporatedInto).toEqual([{ control: 'AC-2', text: 'AC-2b' }]);
    expect(summary('AC-2(2)')).toBe('Withdrawn: incorporated into AC-2b.');
    expect(all.get('AC-2(3)')!.withdrawn!.movedTo).toEqual([{ control: 'SC-3(1)', text: 'SC-3(1)' }]);
    expect(summary('AC-2(3)')).toBe('Withdrawn: moved to SC-3(1).');
    expect(summary('SC-4')).toBe('Withdrawn: Left to each workshop.');
    expect(summary('SC-5')).toBe('Withdrawn: incorporated into the AC family.');
    expect(all.get('SC-3')!.withdrawn).toBeNull();
  });

  it('reads rev4\'s "Withdrawn" and links a withdrawn control\'s target outside the catalog, with a warning', () => {
    const { catalog, warnings } = read('acme_rev4-shape_catalog.json');
    const byId = new Map(catalog!.controls.map((c) => [c.id, c]));
    expect(segmentsText(byId.get('AC-2')!.withdrawn!.summary)).toBe('Withdrawn: incorporated into AC-1.');
    expect(byId.get('AC-3(1)')!.withdrawn!.summary).toEqual([
      'Withdrawn: incorporated into ',
      { kind: 'link', href: 'https://example.org/acme-publication', text: 'https://example.org/acme-publication' },
      '.',
    ]);
    expect(warnings.map((w) => [w.code, w.location.pointer, w.control])).toEqual([
      ['related-not-a-control', '/catalog/groups/0/controls/2/parts/1/links/1', 'AC-3'],
      ['withdrawn-target-unknown', '/catalog/groups/0/controls/2/controls/0/links/0', 'AC-3(1)'],
    ]);
  });

  it('names the catalog and its families', () => {
    const { catalog } = read('acme_rev5-shape_catalog.json');
    expect(catalog!.title).toBe('Acme Widgets Practice Catalog Revision 5');
    expect(catalog!.version).toBe('5.0.9-test');
    expect(catalog!.families).toEqual([
      { id: 'AC', title: 'Access to Widgets' },
      { id: 'SC', title: 'Sprocket Care' },
    ]);
  });
});

describe('reading an OSCAL catalog: what it cannot read', () => {
  it('warns, with the file and JSON pointer, where it shows what it can', () => {
    const { catalog, problems, warnings } = read('warnings_catalog.json');
    expect(problems).toEqual([]);
    expect(warnings.every((w) => w.location.file === 'warnings_catalog.json')).toBe(true);
    expect(warnings.map((w) => [w.code, w.location.pointer, w.found])).toEqual([
      ['family-mismatch', '/catalog/groups/1/controls/0', '"ac-9"'],
      ['status-unknown', '/catalog/groups/0/controls/0/props/0', '"retired"'],
      ['selection-how-many', '/catalog/groups/0/controls/0/params/0/select', '"two-or-three"'],
      ['param-cycle', '/catalog/groups/0/controls/0/params/1', '"ac-1_prm_2"'],
      ['param-undescribed', '/catalog/groups/0/controls/0/params/2', 'none'],
      ['param-unknown', '/catalog/groups/0/controls/0/parts/0/prose', '"ac-1_prm_9"'],
      ['insert-unknown', '/catalog/groups/0/controls/0/parts/0/prose', '"{{ insert: widget, ac-1_prm_1 }}"'],
      ['item-unlabelled', '/catalog/groups/0/controls/0/parts/0/parts/0', 'none'],
      ['part-ignored', '/catalog/groups/0/controls/0/parts/0/parts/1', '"note"'],
      ['link-unresolved', '/catalog/groups/0/controls/0/parts/1/prose', '"#nowhere-at-all"'],
      ['statement-missing', '/catalog/groups/0/controls/1', 'none'],
      ['statement-repeated', '/catalog/groups/0/controls/2/parts/1', '2 statement parts'],
      ['withdrawn-target-unknown', '/catalog/groups/0/controls/3/links/0', '"#zz-99"'],
    ]);
    const byId = new Map(catalog!.controls.map((c) => [c.id, c]));
    expect(statementText(byId.get('AC-1')!.statement!)).toBe(
      'Paint widgets [Selection: red; blue] or [Selection: itself: [Assignment: ac-1_prm_2]; other] for [Assignment: ac-1_prm_3] ' +
        'using [Assignment: ac-1_prm_9] and {{ insert: widget, ac-1_prm_1 }}. An item without a label.',
    );
    expect(byId.get('AC-1')!.withdrawn).toBeNull();
    expect(byId.get('AC-9')!.family).toBe('AC');
    expect(segmentsText(byId.get('AC-4')!.withdrawn!.summary)).toBe('Withdrawn: moved to #zz-99.');
  });

  it('names the file and place of every problem, all at once, and gives no catalog', () => {
    const messages = (name: string) => {
      const reading = read('broken', name);
      expect(reading.catalog).toBeUndefined();
      return reading.problems.map(formatProblem);
    };
    expect(messages('not-json.json')).toEqual([
      expect.stringMatching(/^not-json\.json(:\d+)?: expected an OSCAL catalog \(JSON\), got a syntax error: \S[^\n]*$/),
    ]);
    expect(messages('profile.json')).toEqual([
      'profile.json: expected an OSCAL catalog (a JSON object with "catalog"), got an OSCAL profile (give the catalog it imports)',
    ]);
    expect(messages('bad-shapes.json')).toEqual([
      'bad-shapes.json#/catalog/groups/0/controls/0/params/0/select/choice/1: choice: expected text, got 7',
      "bad-shapes.json#/catalog/groups/0/controls/0/params/1: id: expected the parameter's id, got nothing",
      'bad-shapes.json#/catalog/groups/0/controls/0/parts/0/parts/1: expected a part (an object with name and prose or parts), got "not a part"',
      'bad-shapes.json#/catalog/groups/0/controls/1: parts: expected a list, got an object',
      'bad-shapes.json#/catalog/groups/0/controls/2: id: expected an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1", got "ac-x"',
      'bad-shapes.json#/catalog/groups/0/controls/3/controls/0: id: expected an enhancement of AC-3 ("ac-3.1", "ac-3.2", ...), got "sc-3.1"',
      "bad-shapes.json#/catalog/groups/0/controls/4: title: expected the control's title, got nothing",
      'bad-shapes.json#/catalog/groups/0/controls/4/parts/0: prose: expected text, got a list of 2 entries',
    ]);
  });

  it('never throws: any value anywhere in a catalog gives a catalog or problems', () => {
    const good = JSON.parse(readFileSync(fixture('descriptions', 'oscal', 'acme_rev5-shape_catalog.json'), 'utf8'));
    // Every place in the fixture, by its path of keys.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, at: (string | number)[]) => {
      paths.push(at);
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    };
    walk(good, []);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue({ maxDepth: 2 }), (index, replacement) => {
        const data = structuredClone(good);
        const at = paths[index]!;
        let owner = data;
        for (const key of at.slice(0, -1)) owner = owner[key];
        owner[at[at.length - 1]!] = replacement;
        const reading = describeOscalCatalog('mutant.json', data);
        expect(reading.catalog !== undefined || reading.problems.length > 0).toBe(true);
        for (const problem of reading.problems) expect(formatProblem(problem)).toMatch(/^mutant\.json/);
      }),
      { numRuns: 200 },
    );
  });
});

// NIST's own catalogs, which are not part of this repository: these read ../shared/oscal (next to
// the repository, as in the project's workspace; CI has it).
const REV5 = shared('oscal', 'NIST_SP-800-53_rev5_catalog-min.json') ?? '';
const REV4 = shared('oscal', 'NIST_SP-800-53_rev4_catalog-min.json') ?? '';

describe("reading NIST's catalogs (needs ../shared/oscal)", () => {
  it.skipIf(!REV5)(
    'reads the rev5 catalog whole, without problems or warnings',
    () => {
      const { catalog, problems, warnings } = readOscalCatalog('rev5.json', readFileSync(REV5, 'utf8'));
      expect(problems).toEqual([]);
      expect(warnings).toEqual([]);
      expect(catalog!.version).toBe('5.0.1');
      expect(catalog!.families).toHaveLength(20);
      const all = new Map(catalog!.controls.map((c) => [c.id, c]));
      expect(catalog!.controls.filter((c) => !c.parent)).toHaveLength(322);
      expect(catalog!.controls.filter((c) => c.parent)).toHaveLength(867);
      expect(catalog!.controls.filter((c) => c.withdrawn)).toHaveLength(182);
      expect(statementText(all.get('AC-2(1)')!.statement!)).toBe(
        'Support the management of system accounts using [Assignment: organization-defined automated mechanisms].',
      );
      expect(statementText(all.get('AC-4(4)')!.statement!)).toContain(
        '[Selection (one or more): decrypting the information; blocking the flow of the encrypted information; terminating communications sessions attempting to pass encrypted information; [Assignment: organization-defined procedure or method]]',
      );
      expect(segmentsText(all.get('AC-3(1)')!.withdrawn!.summary)).toBe('Withdrawn: incorporated into AC-6.');
      expect(segmentsText(all.get('AC-2(10)')!.withdrawn!.summary)).toBe('Withdrawn: incorporated into AC-2k.');
      expect(segmentsText(all.get('SA-12')!.withdrawn!.summary)).toBe('Withdrawn: incorporated into the SR family.');
      expect(all.get('AC-2')!.enhancements).toHaveLength(13);
      expect(all.get('AC-1')!.related).toEqual(['IA-1', 'PM-9', 'PM-24', 'PS-8', 'SI-12']);
    },
    30_000,
  );

  it.skipIf(!REV4)(
    'reads the rev4 catalog, warning where it points outside itself',
    () => {
      const { catalog, problems, warnings } = readOscalCatalog('rev4.json', readFileSync(REV4, 'utf8'));
      expect(problems).toEqual([]);
      expect(catalog!.controls.filter((c) => !c.parent)).toHaveLength(256);
      expect(catalog!.controls.filter((c) => c.parent)).toHaveLength(666);
      expect(catalog!.controls.filter((c) => c.withdrawn)).toHaveLength(96);
      expect(warnings.map((w) => [w.code, w.control])).toEqual([
        ['withdrawn-target-unknown', 'CP-10(3)'],
        ['withdrawn-target-unknown', 'PL-5'],
        ['withdrawn-target-unknown', 'PL-5'],
        ['related-not-a-control', 'PL-8'],
      ]);
      const ac1 = catalog!.controls.find((c) => c.id === 'AC-1')!;
      expect(statementText(ac1.statement!)).toMatch(
        /^The organization: a\. Develops, documents, and disseminates to \[Assignment: organization-defined personnel or roles\]: 1\. /,
      );
      expect(ac1.related).toEqual(['PM-9']);
    },
    30_000,
  );
});
