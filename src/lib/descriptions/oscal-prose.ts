/**
 * OSCAL prose to text segments. OSCAL JSON writes prose as Markdown (NIST's rev5 catalog uses
 * links, bold and paragraphs) with `{{ insert: param, id }}` placeholders for parameters. The
 * Markdown is parsed (markdown-it, raw HTML off) and flattened: emphasis is dropped, links become
 * control mentions or http(s) links as the caller decides, anything else stays text.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Segment } from './control-text.ts';

/** How a catalog turns what the prose points at into segments. */
export interface ProseResolver {
  /** The segment `{{ insert: type, id }}` becomes; null keeps the placeholder as written. */
  insert(type: string, id: string): Segment | null;
  /** The segment a Markdown link `[text](href)` becomes. */
  link(href: string, text: string): Segment;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['image']);
// Every link is parsed as a link, so that its text shows without the Markdown around it; what
// a link may become (only http(s) stays a link) is the resolver's call, and no HTML is made.
md.validateLink = () => true;

const INSERT = /\{\{\s*insert\s*:\s*([A-Za-z][\w-]*)\s*,\s*([^\s{},]+)\s*\}\}/g;
// Inserts are swapped for numbered markers before the Markdown is parsed, so that Markdown
// cannot split or reinterpret them (parameter ids hold underscores); private-use characters,
// which NIST's text does not use, are dropped from the input first.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;
const MARKER = /\uE000(\d+)\uE001/g;

interface Prepared {
  source: string;
  inserts: { type: string; id: string; raw: string }[];
}

function prepare(prose: string): Prepared {
  const inserts: Prepared['inserts'] = [];
  const source = prose.replace(MARKERS, '').replace(INSERT, (raw, type: string, id: string) => {
    inserts.push({ type, id, raw });
    return `${OPEN}${inserts.length - 1}${CLOSE}`;
  });
  return { source, inserts };
}

// Most of NIST's prose is one plain sentence with inserts; without any character Markdown gives
// a meaning to, it reads as it stands, and skipping the parser halves the time to read a catalog.
const MARKDOWN_INLINE = /[\\`*_[\]!<>&~|\n\r\t]/;
const MARKDOWN_BLOCK_START = /^\s*(?:[#+-]|\d{1,9}[.)])/;
const isPlain = (source: string) => !MARKDOWN_INLINE.test(source) && !MARKDOWN_BLOCK_START.test(source);

/** Prose of several paragraphs (OSCAL markup-multiline: parts' prose, guidelines). */
export function proseParagraphs(prose: string, resolver: ProseResolver): Segment[][] {
  const prepared = prepare(prose);
  if (isPlain(prepared.source)) {
    const segments = tidySegments(restore(prepared.source, prepared, resolver));
    return segments.length ? [segments] : [];
  }
  const paragraphs: Segment[][] = [];
  for (const token of md.parse(prepared.source, {})) {
    let segments: Segment[] | null = null;
    if (token.type === 'inline') segments = inlineSegments(token.children ?? [], prepared, resolver);
    else if (token.type === 'code_block' || token.type === 'fence') segments = restore(token.content, prepared, resolver);
    if (segments) {
      const tidy = tidySegments(segments);
      if (tidy.length) paragraphs.push(tidy);
    }
  }
  return paragraphs;
}

/** Prose of one line (OSCAL markup-line: labels, choices). */
export function proseLine(prose: string, resolver: ProseResolver): Segment[] {
  const prepared = prepare(prose);
  if (isPlain(prepared.source)) return tidySegments(restore(prepared.source, prepared, resolver));
  const [token] = md.parseInline(prepared.source, {});
  return tidySegments(inlineSegments(token?.children ?? [], prepared, resolver));
}

/** Paragraphs run together into one line, for places that show one (statement items). */
export function joinParagraphs(paragraphs: readonly Segment[][]): Segment[] {
  return tidySegments(paragraphs.flatMap((paragraph, i) => (i === 0 ? paragraph : [' ', ...paragraph])));
}

function inlineSegments(tokens: readonly Token[], prepared: Prepared, resolver: ProseResolver): Segment[] {
  const out: Segment[] = [];
  // Segments inside a link are collected apart and handed to the resolver when it closes.
  const links: { href: string; start: number }[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'link_open':
        links.push({ href: token.attrGet('href') ?? '', start: out.length });
        break;
      case 'link_close': {
        const link = links.pop();
        if (!link) break;
        const inside = out.splice(link.start);
        // A link's text is normally plain; a parameter inside one stays a parameter.
        for (const piece of tidySegments(inside, false)) out.push(typeof piece === 'string' ? resolver.link(link.href, piece) : piece);
        break;
      }
      case 'softbreak':
      case 'hardbreak':
        out.push(' ');
        break;
      default:
        // text, code spans, and anything else that carries words; emphasis markers carry none.
        if (token.content) out.push(...restore(token.content, prepared, resolver));
        else if (token.children) out.push(...inlineSegments(token.children, prepared, resolver));
    }
  }
  return out;
}

/** Text with insert markers back as the segments the resolver gives them. */
function restore(text: string, prepared: Prepared, resolver: ProseResolver): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const insert = prepared.inserts[Number(match[1])];
    if (insert) out.push(resolver.insert(insert.type, insert.id) ?? insert.raw);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Adjacent strings merged, empty ones dropped, and (by default) the ends trimmed. */
export function tidySegments(segments: readonly Segment[], trim = true): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const previous = out[out.length - 1];
    if (typeof segment === 'string') {
      if (!segment) continue;
      if (typeof previous === 'string') out[out.length - 1] = previous + segment;
      else out.push(segment);
    } else {
      out.push(segment);
    }
  }
  if (trim) {
    const first = out[0];
    if (typeof first === 'string') {
      const trimmed = first.trimStart();
      if (trimmed) out[0] = trimmed;
      else out.shift();
    }
    const lastIndex = out.length - 1;
    const last = out[lastIndex];
    if (typeof last === 'string') {
      const trimmed = last.trimEnd();
      if (trimmed) out[lastIndex] = trimmed;
      else out.pop();
    }
  }
  return out;
}
