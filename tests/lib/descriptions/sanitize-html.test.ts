import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../src/lib/descriptions/sanitize-html.ts';
import { looksLikeHtml, renderDescriptionText } from '../../../src/lib/descriptions/description-text.ts';

/** Every element of the output, and every attribute on it. */
function inventory(html: string): { tags: string[]; attributes: string[]; root: HTMLElement } {
  const root = parse(html);
  const elements = root.querySelectorAll('*');
  return {
    tags: elements.map((e) => e.tagName.toLowerCase()),
    attributes: elements.flatMap((e) => Object.keys(e.attributes).map((a) => `${e.tagName.toLowerCase()}[${a}]`)),
    root,
  };
}

describe('the HTML sanitizer', () => {
  it('keeps paragraphs, line breaks, quotes, emphasis, lists and http(s) links', () => {
    const { html, text } = sanitizeHtml(
      '<p>One <em>a</em> <strong>b</strong> <i>c</i> <b>d</b><br>two</p><blockquote>Said <q>so</q></blockquote><ul><li>x</li></ul><ol><li>y</li></ol><p><a href="https://example.org/a?b=1&amp;c=2">link</a> <a href="http://example.org/">plain</a></p>',
    );
    expect(html).toBe(
      '<p>One <em>a</em> <strong>b</strong> <i>c</i> <b>d</b><br>two</p><blockquote>Said <q>so</q></blockquote><ul><li>x</li></ul><ol><li>y</li></ol><p><a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer">link</a> <a href="http://example.org/" rel="noreferrer">plain</a></p>',
    );
    expect(text).toBe('One a b c d two Said so x y link plain');
  });

  it('removes scripts, styles and embedded documents with their content', () => {
    const { html, text, removed } = sanitizeHtml(
      '<p>Before</p><script>alert("x")</script><style>p{color:red}</style><iframe src="https://evil.example/"></iframe><svg><script>alert(1)</script></svg><noscript><p title="</noscript><img src=x onerror=alert(2)>"></noscript><p>After</p>',
    );
    const { tags, attributes } = inventory(html);
    expect(tags).toEqual(['p', 'p']);
    expect(attributes).toEqual([]);
    // As a browser parses it, the noscript ends inside the title: the img after it is an element, and goes.
    expect(text).toBe('Before "> After');
    expect(html).not.toMatch(/alert|color:red|evil|onerror/);
    expect(Object.keys(removed.dropped).sort()).toEqual(['iframe', 'img', 'noscript', 'script', 'style', 'svg']);
  });

  it('strips event handlers and inline styles, and every other attribute', () => {
    const { html, removed } = sanitizeHtml(
      '<p style="color:red" onclick="alert(1)" class="MsoNormal" id="x"><em onmouseover="alert(2)">hi</em></p><img src=x onerror="alert(3)">',
    );
    expect(html).toBe('<p><em>hi</em></p>');
    expect(removed.attributes).toEqual({ style: 1, onclick: 1, class: 1, id: 1, onmouseover: 1 });
    expect(removed.dropped).toEqual({ img: 1 });
  });

  it('makes javascript:, data: and other non-http links inert: the link becomes its text', () => {
    const { html, removed } = sanitizeHtml(
      '<p><a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt&colon;alert(2)">b</a> <a href="java&#x09;script:alert(3)">c</a> <a href="data:text/html,<script>alert(4)</script>">d</a> <a href="vbscript:x">e</a> <a href="/relative">f</a> <a href="\\\\mailto:x@example.org">g</a> <a>h</a></p>',
    );
    const { tags, attributes } = inventory(html);
    expect(tags).toEqual(['p']);
    expect(attributes).toEqual([]);
    expect(parse(html).text).toBe('a b c d e f g h');
    expect(removed.links).toHaveLength(7);
  });

  it('keeps markup-looking text as text: escaped, never parsed again', () => {
    const { html } = sanitizeHtml('<p>Type &lt;script&gt;alert(1)&lt;/script&gt; and "quotes" &amp; more</p>');
    expect(html).toBe('<p>Type &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot; &amp; more</p>');
    expect(inventory(html).tags).toEqual(['p']);
  });

  it('writes an href escaped, so a quote cannot end the attribute', () => {
    const { html } = sanitizeHtml('<a href=\'https://example.org/"onmouseover="alert(1)\'>x</a>');
    expect(html).toBe('<a href="https://example.org/&quot;onmouseover=&quot;alert(1)" rel="noreferrer">x</a>');
    expect(inventory(html).attributes).toEqual(['a[href]', 'a[rel]']);
  });

  it('unwraps unknown elements but keeps their words apart', () => {
    const { html, removed } = sanitizeHtml('<div>one</div><div>two <span>three</span></div><h2>four</h2>');
    expect(parse(html).text.replace(/\s+/g, ' ').trim()).toBe('one two three four');
    expect(removed.unwrapped).toEqual({ div: 2, span: 1, h2: 1 });
  });
});

describe('description text', () => {
  it('is HTML only when it holds a tag of a real HTML element', () => {
    expect(looksLikeHtml('<p>x</p>')).toBe(true);
    expect(looksLikeHtml('before <a href="https://example.org">x</a>')).toBe(true);
    expect(looksLikeHtml('<br/>')).toBe(true);
    expect(looksLikeHtml('SECRET = <YOUR_OWN_KEY>')).toBe(false);
    expect(looksLikeHtml('if a < b and c > d')).toBe(false);
    expect(looksLikeHtml('net user <username> /domain')).toBe(false);
  });

  it('plain text becomes escaped paragraphs; a text holding a script is HTML and loses it', () => {
    const rendered = renderDescriptionText('First <b line\n\nIt has three tasks:\r\nLight the lamp.\nWind the clock, and\nring the bell.\n- one item');
    expect(rendered.format).toBe('text');
    // A break after a sentence or a colon, or before a list item, stays; a wrapped line joins its sentence.
    expect(rendered.html).toBe('<p>First &lt;b line</p><p>It has three tasks:<br>Light the lamp.<br>Wind the clock, and ring the bell.<br>- one item</p>');
    expect(renderDescriptionText('<script>alert(1)</script> then text').html).toBe(' then text');
  });
});
