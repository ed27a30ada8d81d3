/**
 * ATT&CK descriptions, rendered safely: the markdown subset ATT&CK writes (paragraphs, lists, code,
 * emphasis, links) through markdown-it with raw HTML off, links only to http(s) URLs, no images.
 * The few HTML tags the descriptions use for formatting (<code>, <b>, <i>, <br>) become their
 * markdown equals first; anything else that looks like a tag (<username>) stays text.
 * "(Citation: Name)" markers become numbered footnotes that list the cited sources.
 */
import MarkdownIt from 'markdown-it';
import { isHttpUrl } from '../ingest/references.ts';
import { anchorHref } from '../core/urls.ts';

/** A cited source, numbered in the order the description first cites it. */
export interface Footnote {
  n: number;
  name: string;
  description: string | null;
  /** http(s) only; null otherwise. */
  url: string | null;
}

export interface RenderedDescription {
  html: string;
  footnotes: Footnote[];
}

type Citations = Readonly<Record<string, { description: string | null; url: string | null }>>;

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['image']);
md.validateLink = (url: string) => isHttpUrl(url.trim());

// External links open as every other external link of the site does.
md.renderer.rules['link_open'] = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('rel', 'noreferrer');
  return self.renderToken(tokens, idx, options);
};

// Citations are swapped for markers (private-use characters, which the input may not hold)
// before rendering, and for footnote references after it.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;

/** The formatting tags ATT&CK writes inside its markdown, turned into markdown. */
function untag(markdown: string): string {
  return markdown
    .replace(/<code>([\s\S]*?)<\/code>/gi, (_m, code: string) => {
      const text = code.replace(/\s*\n\s*/g, ' ');
      const ticks = '`'.repeat((text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0) + 1);
      return `${ticks}${text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text}${ticks}`;
    })
    .replace(/<(b|strong)>([\s\S]*?)<\/\1>/gi, '**$2**')
    .replace(/<(i|em)>([\s\S]*?)<\/\1>/gi, '_$2_')
    .replace(/<br\s*\/?>/gi, '  \n');
}

/** Render a description; `prefix` names its footnote anchors ("src-T1046"). */
export function renderAttackMarkdown(markdown: string, citations: Citations = {}, prefix = 'src'): RenderedDescription {
  const footnotes: Footnote[] = [];
  const marked = untag(markdown.replace(/[\uE000\uE001]/g, '')).replace(/\(Citation:\s*([^)]+)\)/g, (_m, raw: string) => {
    const name = raw.trim();
    let note = footnotes.find((f) => f.name === name);
    if (!note) {
      const cited = citations[name];
      note = { n: footnotes.length + 1, name, description: cited?.description ?? null, url: cited?.url && isHttpUrl(cited.url) ? cited.url : null };
      footnotes.push(note);
    }
    return `${OPEN}${note.n}${CLOSE}`;
  });
  const anchor = md.utils.escapeHtml(prefix);
  const html = md
    .render(marked)
    .replace(MARKER, (_m, n: string) => `<sup class="cite"><a href="${anchorHref(`${anchor}-${n}`)}" aria-label="Source ${n}">[${n}]</a></sup>`);
  return { html, footnotes };
}
