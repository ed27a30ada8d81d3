import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { renderAttackMarkdown } from '../../../src/lib/views/markdown.ts';

describe('ATT&CK descriptions', () => {
  it('render the markdown subset ATT&CK writes: paragraphs, lists, code, emphasis, links', () => {
    const { html } = renderAttackMarkdown(
      'First paragraph with <code>net view</code> and `whoami`.\n\nSecond with <b>bold</b>:\n\n* one [docs](https://docs.example.org/a)\n* two',
    );
    const doc = parse(html);
    expect(doc.querySelectorAll('p').map((p) => p.text)).toEqual(['First paragraph with net view and whoami.', 'Second with bold:']);
    expect(doc.querySelectorAll('code').map((c) => c.text)).toEqual(['net view', 'whoami']);
    expect(doc.querySelector('strong')!.text).toBe('bold');
    expect(doc.querySelectorAll('li')).toHaveLength(2);
    expect(doc.querySelector('a')!.getAttribute('href')).toBe('https://docs.example.org/a');
    expect(doc.querySelector('a')!.getAttribute('rel')).toBe('noreferrer');
  });

  it('stay inert: no script, no event handler, no link but to http(s), no image', () => {
    const { html } = renderAttackMarkdown(
      '<script>alert(\'x\')</script> <img src=x onerror="alert(\'y\')"> [bad](javascript:alert(1)) [data](data:text/html,x) ![pic](https://img.example.org/a.png) <a href="javascript:alert(2)">raw</a>',
    );
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, iframe, svg')).toEqual([]);
    for (const element of doc.querySelectorAll('*')) {
      for (const name of Object.keys(element.attributes)) expect(name.startsWith('on'), name).toBe(false);
    }
    expect(doc.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['https://img.example.org/a.png']);
    // The raw markup is shown as the text it is.
    expect(doc.text).toContain("<script>alert('x')</script>");
    expect(doc.text).toContain('[bad](javascript:alert(1))');
  });

  it('keeps placeholders that look like tags as text', () => {
    expect(parse(renderAttackMarkdown('net user <username> /domain').html).text.trim()).toBe('net user <username> /domain');
  });

  it('turns citations into numbered footnotes, each source once, links only when http(s)', () => {
    const { html, footnotes } = renderAttackMarkdown(
      'A.(Citation: One) B.(Citation: Two)(Citation: One)',
      {
        One: { description: 'First source.', url: 'https://one.example.org/' },
        Two: { description: 'Second source.', url: 'javascript:alert(1)' },
      },
      'source-T1',
    );
    const doc = parse(html);
    expect(doc.text).not.toContain('Citation');
    expect(doc.querySelectorAll('sup.cite a').map((a) => [a.text, a.getAttribute('href')])).toEqual([
      ['[1]', '#source-T1-1'],
      ['[2]', '#source-T1-2'],
      ['[1]', '#source-T1-1'],
    ]);
    expect(footnotes).toEqual([
      { n: 1, name: 'One', description: 'First source.', url: 'https://one.example.org/' },
      { n: 2, name: 'Two', description: 'Second source.', url: null },
    ]);
  });
});
