import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/lib/descriptions/control-text.ts';
import { proseLine, proseParagraphs, type ProseResolver } from '../../../src/lib/descriptions/oscal-prose.ts';

// A resolver that shows what it was asked: inserts as {id}, links as <text|href>.
const resolver: ProseResolver = {
  insert: (type, id) => (type === 'param' ? { kind: 'param', param: id, text: `{${id}}` } : null),
  link: (href, text) => `<${text}|${href}>`,
};
const text = (segments: Segment[]) => segments.map((s) => (typeof s === 'string' ? s : s.text)).join('');

describe('OSCAL prose', () => {
  it('keeps parameter ids whole, though Markdown gives underscores a meaning', () => {
    expect(proseParagraphs('Tell {{ insert: param, ab-1_prm_1 }} and _{{insert:param,ab-1.2_prm_3}}_ now.', resolver)).toEqual([
      [
        'Tell ',
        { kind: 'param', param: 'ab-1_prm_1', text: '{ab-1_prm_1}' },
        ' and ',
        { kind: 'param', param: 'ab-1.2_prm_3', text: '{ab-1.2_prm_3}' },
        ' now.',
      ],
    ]);
  });

  it('keeps an insert of another type as written', () => {
    expect(proseLine('Use {{ insert: gizmo, x }} here', resolver)).toEqual(['Use {{ insert: gizmo, x }} here']);
  });

  it('splits paragraphs, drops emphasis, decodes entities, keeps code and tags as text', () => {
    const paragraphs = proseParagraphs('One **bold** and *soft* line\ncontinued.\n\nTwo `code_span` &amp; <b>tag</b>.\n\n- a listed\n- b listed', resolver);
    expect(paragraphs.map(text)).toEqual(['One bold and soft line continued.', 'Two code_span & <b>tag</b>.', 'a listed', 'b listed']);
  });

  it('hands every link to the resolver with its text, whatever its scheme', () => {
    expect(proseLine('See [AB-1](#ab-1), [this](javascript:alert(1)) and [{{ insert: param, p_1 }} list](https://example.org/x).', resolver)).toEqual([
      'See <AB-1|#ab-1>, <this|javascript:alert(1)> and ',
      { kind: 'param', param: 'p_1', text: '{p_1}' },
      '< list|https://example.org/x>.',
    ]);
  });

  it('trims the ends of a line and drops an empty one', () => {
    expect(proseLine('  {{ insert: param, p_1 }}  ', resolver)).toEqual([{ kind: 'param', param: 'p_1', text: '{p_1}' }]);
    expect(proseParagraphs('   \n\n  ', resolver)).toEqual([]);
  });
});
