/**
 * One ATT&CK domain's result in the coverage builder: heading, downloads, the matrix, and the
 * tables of covered techniques and gaps. The matrix (hundreds of cells) is built once; a change
 * of selection only touches the cells, counts and texts that changed, so it shows at once even
 * with a hundred capabilities chosen. The tables are made when opened.
 */
import { bestRank, describeScores, rankIn, subtechniquesOf, type CoverageData, type DomainCoverage } from '../../lib/coverage/coverage.ts';
import { compareNatural } from '../../lib/core/ids.ts';
import { pushTo } from '../../lib/core/multimap.ts';
import { plural } from '../../lib/core/id-breaks.ts';
import { attackVersionLabel } from '../../lib/core/labels.ts';
import { CAPABILITY_SHADE_LEGEND, capabilityShade, SCORE_SHADE_LEGEND } from '../../lib/core/matrix-shades.ts';
import { DOMAINS, SCORE_CATEGORIES, SCORE_CATEGORY_IDS } from '../../lib/core/vocabulary.ts';
import { SCORE_RANK_LABELS } from '../../lib/core/scores.ts';
import { THREAT_STATES, threatHeadline, threatState, type DomainThreat } from '../../lib/coverage/threat-profile.ts';
import { h } from '../elements/dom.ts';

/** The formats the coverage result is offered in besides the layer and the CSV: the registry's ids, and their buttons. */
const RESULT_FORMATS: readonly [string, string][] = [
  ['xlsx', 'Download the Excel workbook'],
  ['yaml', 'Download the YAML'],
  ['stix', 'Download the STIX 2.1 bundle'],
];

export interface CoverageLinks {
  technique(id: string): string;
  capability(c: number): string;
}

interface Cell {
  li: HTMLElement;
  marks: HTMLElement;
  said: HTMLElement;
  /** What the cell shows now, to skip cells a change leaves alone. */
  shown: string;
}

export class CoverageDomainView {
  readonly section: HTMLElement;
  /** A technique of several tactics has a cell in each of their columns. */
  private cells = new Map<number, Cell[]>();
  private subCounts = new Map<number, HTMLElement[]>();
  private columnCounts: HTMLElement[];
  private heading: HTMLElement;
  private legend: HTMLElement;
  private retired: HTMLElement;
  private threatLine: HTMLElement;
  private legendMode = '';
  private current: DomainCoverage | null = null;

  constructor(
    private data: CoverageData,
    readonly domainNumber: number,
    private links: CoverageLinks,
  ) {
    const domain = data.domains[domainNumber]!;
    const label = this.label();
    const prefix = `cov-${domain.domain}`;
    const subs = subtechniquesOf(domain);
    const link = (t: number) => {
      const [id, name] = domain.techniques[t]!;
      return h(
        'a',
        { href: links.technique(id) },
        h('code', {}, id),
        ` ${name}`,
        h('span', { class: 'cov', 'aria-hidden': 'true' }),
        h('span', { class: 'sr' }, ' (not covered)'),
      );
    };
    const cell = (t: number): HTMLElement => {
      const children = subs.get(t) ?? [];
      const details =
        children.length > 0 &&
        h(
          'details',
          {},
          h(
            'summary',
            {},
            h('span', { 'data-subs': t }, '0'),
            ` of ${plural(children.length, 'sub-technique')}`,
            h('span', { class: 'sr' }, ` of ${domain.techniques[t]![0]} covered`),
          ),
          h('ul', {}, ...children.map((s) => h('li', { 'data-t': s }, link(s)))),
        );
      return h('li', { 'data-t': t }, link(t), details);
    };
    const columns = domain.tactics.map((tactic) => {
      const id = `${prefix}-${tactic.id}`;
      return h(
        'div',
        { class: 'mx-col' },
        h('h3', { id }, `${tactic.name} `, h('small', { 'data-column': true })),
        tactic.parents.length > 0 && h('ul', { 'aria-labelledby': id }, ...tactic.parents.map(cell)),
      );
    });
    const tableDetails = (kind: string) => h('details', { 'data-table': kind }, h('summary'), h('div', { class: 'table-wrap' }));
    // The blocks are separated by line breaks, as the section has always been.
    this.section = h(
      'section',
      { class: 'coverage-domain', 'aria-labelledby': `${prefix}-title` },
      h('h2', { id: `${prefix}-title` }),
      '\n',
      h('p', { class: 'coverage-threat-line', hidden: true }),
      h(
        'p',
        {},
        `The matrix of ${label}, the newest version this site's sets map to. Each chosen capability counts with its newest set; a technique an older set maps that ATT&CK has since revoked counts as the technique that replaced it.`,
      ),
      '\n',
      h(
        'p',
        { class: 'coverage-downloads' },
        h('button', { type: 'button', 'data-download': 'layer' }, `Download the Navigator layer (${DOMAINS[domain.domain].label})`),
        ' ',
        h('button', { type: 'button', 'data-download': 'csv' }, 'Download the CSV'),
        // The registry's formats of a result (src/lib/exports/formats/), loaded on the first click.
        ...RESULT_FORMATS.flatMap(([id, text]) => [' ', h('button', { type: 'button', 'data-download': id }, text)]),
      ),
      '\n',
      h(
        'div',
        { class: 'matrix-frame' },
        h('ul', { class: 'matrix-legend', 'aria-label': 'Legend' }),
        '\n',
        h(
          'div',
          { class: 'matrix-scroll', role: 'region', 'aria-label': `ATT&CK matrix: ${label} coverage`, tabindex: '0' },
          h('div', { class: 'matrix' }, ...columns),
        ),
      ),
      '\n',
      h('p', { class: 'coverage-retired', hidden: true }),
      '\n',
      tableDetails('covered'),
      '\n',
      tableDetails('gaps'),
    );
    for (const li of this.section.querySelectorAll<HTMLElement>('li[data-t]')) {
      const a = li.firstElementChild!;
      pushTo(this.cells, Number(li.dataset['t']), { li, marks: a.querySelector('.cov')!, said: a.querySelector('.sr')!, shown: '' });
    }
    for (const count of this.section.querySelectorAll<HTMLElement>('[data-subs]')) pushTo(this.subCounts, Number(count.dataset['subs']), count);
    this.columnCounts = [...this.section.querySelectorAll<HTMLElement>('[data-column]')];
    this.heading = this.section.querySelector('h2')!;
    this.legend = this.section.querySelector('.matrix-legend')!;
    this.retired = this.section.querySelector('.coverage-retired')!;
    this.threatLine = this.section.querySelector('.coverage-threat-line')!;
    for (const details of this.section.querySelectorAll<HTMLDetailsElement>('details[data-table]')) {
      details.addEventListener('toggle', () => details.open && this.fillTable(details));
    }
  }

  label(): string {
    const domain = this.data.domains[this.domainNumber]!;
    return attackVersionLabel(domain.domain, domain.version);
  }

  /** Show a new result: only what changed is written. With a threat profile, cells show its four states and the weight. */
  update(d: DomainCoverage, byScore: boolean, threat?: DomainThreat): void {
    this.current = d;
    const domain = this.data.domains[this.domainNumber]!;
    setText(this.heading, `${this.label()}: covers ${d.covered} of ${d.total} techniques and sub-techniques`);
    this.threatLine.hidden = !threat;
    setText(this.threatLine, threat ? `Against your threat profile: ${threatHeadline(threat)}.` : '');
    const mode = threat ? 'threat' : byScore ? 'score' : 'count';
    if (mode !== this.legendMode) {
      this.legendMode = mode;
      if (threat)
        this.legend.replaceChildren(
          ...THREAT_STATES.map(({ state, label }) => h('li', {}, h('span', { class: `mx-swatch th-${state}`, 'aria-hidden': 'true' }), label)),
        );
      else {
        const legend = [{ shade: 0, label: 'not covered' }, ...(byScore ? SCORE_SHADE_LEGEND : CAPABILITY_SHADE_LEGEND)];
        this.legend.replaceChildren(
          ...legend.map(({ shade, label }) => h('li', {}, h('span', { class: `mx-swatch s${shade}`, 'aria-hidden': 'true' }), label)),
        );
      }
    }
    // What a technique shows is worked out once, then written to those of its cells that show something else.
    for (const [t, cells] of this.cells) {
      const coverage = d.byTechnique.get(t);
      if (threat) {
        const weight = threat.weights.get(t) ?? 0;
        const state = threatState(threat, d, t);
        const shown = `threat|${state}|${weight}|${coverage?.capabilities.length ?? 0}`;
        for (const cell of cells) {
          if (shown === cell.shown) continue;
          cell.shown = shown;
          if (state === 'none') cell.li.removeAttribute('class');
          else cell.li.className = `th-${state}`;
          cell.marks.replaceChildren(
            ...(weight ? [h('span', { class: 'th-weight', title: `Threat weight ${weight}` }, `⚑${weight}`)] : []),
            ...(coverage ? [String(coverage.capabilities.length)] : []),
          );
          const count = coverage?.capabilities.length ?? 0;
          const used = weight ? `threat weight ${weight} (${(threat.users.get(t) ?? []).join(', ')})` : 'not used by your adversaries';
          cell.said.textContent = ` (${used}; ${count ? `covered by ${plural(count, 'capability', 'capabilities')}` : 'not covered'})`;
        }
        continue;
      }
      const shown = coverage ? `${mode}|${coverage.capabilities.length}|${coverage.scores}` : '';
      for (const cell of cells) {
        if (shown === cell.shown) continue;
        cell.shown = shown;
        if (!coverage) {
          cell.li.removeAttribute('class');
          cell.marks.textContent = '';
          cell.said.textContent = ' (not covered)';
          continue;
        }
        const count = coverage.capabilities.length;
        cell.li.className = `s${byScore ? bestRank(coverage.scores) || 1 : capabilityShade(count)}`;
        cell.marks.replaceChildren(
          String(count),
          ...SCORE_CATEGORY_IDS.filter((c) => rankIn(coverage.scores, c)).map((c) =>
            h(
              'abbr',
              { class: `v${rankIn(coverage.scores, c)}`, title: `${SCORE_CATEGORIES[c].label}: ${SCORE_RANK_LABELS[rankIn(coverage.scores, c)]}` },
              SCORE_CATEGORIES[c].label[0],
            ),
          ),
        );
        const scores = describeScores(coverage.scores);
        cell.said.textContent = ` (${plural(count, 'capability', 'capabilities')}${scores ? `, ${scores}` : ''})`;
      }
    }
    const subs = subtechniquesOf(domain);
    for (const [parent, counts] of this.subCounts) {
      const covered = String((subs.get(parent) ?? []).filter((s) => d.byTechnique.has(s)).length);
      for (const count of counts) setText(count, covered);
    }
    d.tactics.forEach((counts, i) => {
      setText(this.columnCounts[i]!, `${counts.covered} of ${counts.total} covered`);
    });
    this.retired.hidden = d.retired.length === 0;
    if (d.retired.length || this.retired.firstChild)
      this.retired.replaceChildren(
        ...(d.retired.length
          ? [
              `Also mapped, but not in ${this.label()}: `,
              ...separated(d.retired.map((t) => this.techniqueLink(domain.techniques[t]![0]))),
              ' (deprecated, or revoked without a replacement).',
            ]
          : []),
      );
    for (const details of this.section.querySelectorAll<HTMLDetailsElement>('details[data-table]')) {
      setText(
        details.querySelector('summary')!,
        details.dataset['table'] === 'gaps'
          ? `Gaps: ${plural(d.gaps.length, 'technique or sub-technique', 'techniques and sub-techniques')} nothing chosen covers`
          : `Which chosen capabilities cover each technique (${d.byTechnique.size})`,
      );
      const wrap = details.querySelector('.table-wrap')!;
      if (wrap.firstChild) wrap.replaceChildren();
      if (details.open) this.fillTable(details);
    }
  }

  private fillTable(details: HTMLDetailsElement): void {
    const wrap = details.querySelector('.table-wrap')!;
    if (this.current && !wrap.firstChild) wrap.append(this.table(details.dataset['table']!, this.current));
  }

  private techniqueLink(id: string): HTMLElement {
    return h('a', { href: this.links.technique(id) }, id);
  }

  /** A result table: covered techniques with who covers them, or the gaps. */
  private table(kind: string, d: DomainCoverage): HTMLElement {
    const domain = this.data.domains[this.domainNumber]!;
    const label = this.label();
    const techniqueCells = (t: number) => [h('th', { scope: 'row' }, this.techniqueLink(domain.techniques[t]![0])), h('td', {}, domain.techniques[t]![1])];
    const table = (caption: string, headers: string[], rows: HTMLElement[]) =>
      h(
        'table',
        {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, ...headers.map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, ...rows),
      );
    if (kind === 'gaps')
      return table(
        `Gaps in ${label}`,
        ['Technique', 'Name'],
        d.gaps.map((t) => h('tr', {}, ...techniqueCells(t))),
      );
    const covered = [...d.byTechnique.entries()].sort(([a], [b]) => compareNatural(domain.techniques[a]![0], domain.techniques[b]![0]));
    const rows = covered.map(([t, coverage]) =>
      h(
        'tr',
        {},
        ...techniqueCells(t),
        h('td', {}, String(coverage.capabilities.length)),
        h('td', {}, ...separated(coverage.capabilities.map((c) => h('a', { href: this.links.capability(c) }, this.data.capabilities[c]![1])))),
        h('td', {}, describeScores(coverage.scores) || '—'),
      ),
    );
    return table(`Covered techniques of ${label}`, ['Technique', 'Name', 'Capabilities', 'Chosen capabilities', 'Best scores'], rows);
  }
}

/** Set an element's text only when it changes: the same text written again would still be laid out again. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Nodes with ", " between them. */
const separated = (nodes: Node[]): (Node | string)[] => nodes.flatMap((node, i) => (i ? [', ', node] : [node]));
