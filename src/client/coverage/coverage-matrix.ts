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
import { DOMAINS, SCORE_CATEGORIES, SCORE_CATEGORY_IDS, SCORE_VALUES } from '../../lib/core/vocabulary.ts';

export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const RANK_LABEL = Object.fromEntries(Object.values(SCORE_VALUES).map((v) => [v.rank, v.label])) as Record<number, string>;

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
      return `<a href="${esc(links.technique(id))}"><code>${esc(id)}</code> ${esc(name)}<span class="cov" aria-hidden="true"></span><span class="sr"> (not covered)</span></a>`;
    };
    const cell = (t: number) => {
      const children = subs.get(t) ?? [];
      const details = children.length
        ? `<details><summary><span data-subs="${t}">0</span> of ${plural(children.length, 'sub-technique')}<span class="sr"> of ${esc(domain.techniques[t]![0])} covered</span></summary><ul>${children.map((s) => `<li data-t="${s}">${link(s)}</li>`).join('')}</ul></details>`
        : '';
      return `<li data-t="${t}">${link(t)}${details}</li>`;
    };
    const columns = domain.tactics
      .map((tactic) => `<div class="mx-col"><h3 id="${prefix}-${esc(tactic.id)}">${esc(tactic.name)} <small data-column></small></h3>${tactic.parents.length ? `<ul aria-labelledby="${prefix}-${esc(tactic.id)}">${tactic.parents.map(cell).join('')}</ul>` : ''}</div>`)
      .join('');
    this.section = document.createElement('section');
    this.section.className = 'coverage-domain';
    this.section.setAttribute('aria-labelledby', `${prefix}-title`);
    this.section.innerHTML = `<h2 id="${prefix}-title"></h2>
<p>The matrix of ${esc(label)}, the newest version this site's sets map to. Each chosen capability counts with its newest set; a technique an older set maps that ATT&amp;CK has since revoked counts as the technique that replaced it.</p>
<p class="coverage-downloads"><button type="button" data-download="layer">Download the Navigator layer (${esc(DOMAINS[domain.domain].label)})</button> <button type="button" data-download="csv">Download the CSV</button></p>
<div class="matrix-frame"><ul class="matrix-legend" aria-label="Legend"></ul>
<div class="matrix-scroll" role="region" aria-label="ATT&amp;CK matrix: ${esc(label)} coverage" tabindex="0"><div class="matrix">${columns}</div></div></div>
<p class="coverage-retired" hidden></p>
<details data-table="covered"><summary></summary><div class="table-wrap"></div></details>
<details data-table="gaps"><summary></summary><div class="table-wrap"></div></details>`;
    for (const li of this.section.querySelectorAll<HTMLElement>('li[data-t]')) {
      const a = li.firstElementChild!;
      pushTo(this.cells, Number(li.dataset['t']), { li, marks: a.querySelector('.cov')!, said: a.querySelector('.sr')!, shown: '' });
    }
    for (const count of this.section.querySelectorAll<HTMLElement>('[data-subs]')) pushTo(this.subCounts, Number(count.dataset['subs']), count);
    this.columnCounts = [...this.section.querySelectorAll<HTMLElement>('[data-column]')];
    this.heading = this.section.querySelector('h2')!;
    this.legend = this.section.querySelector('.matrix-legend')!;
    this.retired = this.section.querySelector('.coverage-retired')!;
    for (const details of this.section.querySelectorAll<HTMLDetailsElement>('details[data-table]')) {
      details.addEventListener('toggle', () => details.open && this.fillTable(details));
    }
  }

  label(): string {
    const domain = this.data.domains[this.domainNumber]!;
    return attackVersionLabel(domain.domain, domain.version);
  }

  /** Show a new result: only what changed is written. */
  update(d: DomainCoverage, byScore: boolean): void {
    this.current = d;
    const domain = this.data.domains[this.domainNumber]!;
    this.heading.textContent = `${this.label()}: covers ${d.covered} of ${d.total} techniques and sub-techniques`;
    const mode = byScore ? 'score' : 'count';
    if (mode !== this.legendMode) {
      this.legendMode = mode;
      const legend = [{ shade: 0, label: 'not covered' }, ...(byScore ? SCORE_SHADE_LEGEND : CAPABILITY_SHADE_LEGEND)];
      this.legend.innerHTML = legend.map(({ shade, label }) => `<li><span class="mx-swatch s${shade}" aria-hidden="true"></span>${label}</li>`).join('');
    }
    for (const [t, cell] of [...this.cells].flatMap(([t, cells]) => cells.map((cell) => [t, cell] as const))) {
      const coverage = d.byTechnique.get(t);
      const shown = coverage ? `${mode}|${coverage.capabilities.length}|${coverage.scores}` : '';
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
      cell.marks.innerHTML = `${count}${SCORE_CATEGORY_IDS.filter((c) => rankIn(coverage.scores, c))
        .map((c) => `<abbr class="v${rankIn(coverage.scores, c)}" title="${SCORE_CATEGORIES[c].label}: ${RANK_LABEL[rankIn(coverage.scores, c)]}">${SCORE_CATEGORIES[c].label[0]}</abbr>`)
        .join('')}`;
      const scores = describeScores(coverage.scores);
      cell.said.textContent = ` (${plural(count, 'capability', 'capabilities')}${scores ? `, ${scores}` : ''})`;
    }
    const subs = subtechniquesOf(domain);
    for (const [parent, counts] of this.subCounts) {
      const covered = String((subs.get(parent) ?? []).filter((s) => d.byTechnique.has(s)).length);
      for (const count of counts) count.textContent = covered;
    }
    d.tactics.forEach((counts, i) => {
      this.columnCounts[i]!.textContent = `${counts.covered} of ${counts.total} covered`;
    });
    this.retired.hidden = d.retired.length === 0;
    this.retired.innerHTML = d.retired.length
      ? `Also mapped, but not in ${esc(this.label())}: ${d.retired.map((t) => `<a href="${esc(this.links.technique(domain.techniques[t]![0]))}">${esc(domain.techniques[t]![0])}</a>`).join(', ')} (deprecated, or revoked without a replacement).`
      : '';
    for (const details of this.section.querySelectorAll<HTMLDetailsElement>('details[data-table]')) {
      details.querySelector('summary')!.textContent =
        details.dataset['table'] === 'gaps'
          ? `Gaps: ${plural(d.gaps.length, 'technique or sub-technique', 'techniques and sub-techniques')} nothing chosen covers`
          : `Which chosen capabilities cover each technique (${d.byTechnique.size})`;
      details.querySelector('.table-wrap')!.replaceChildren();
      if (details.open) this.fillTable(details);
    }
  }

  private fillTable(details: HTMLDetailsElement): void {
    const wrap = details.querySelector('.table-wrap')!;
    if (this.current && !wrap.firstChild) wrap.innerHTML = this.tableHtml(details.dataset['table']!, this.current);
  }

  /** A result table: covered techniques with who covers them, or the gaps. */
  private tableHtml(kind: string, d: DomainCoverage): string {
    const domain = this.data.domains[this.domainNumber]!;
    const label = esc(this.label());
    const techniqueCells = (t: number) => `<th scope="row"><a href="${esc(this.links.technique(domain.techniques[t]![0]))}">${esc(domain.techniques[t]![0])}</a></th><td>${esc(domain.techniques[t]![1])}</td>`;
    if (kind === 'gaps') {
      return `<table><caption>Gaps in ${label}</caption><thead><tr><th scope="col">Technique</th><th scope="col">Name</th></tr></thead><tbody>${d.gaps.map((t) => `<tr>${techniqueCells(t)}</tr>`).join('')}</tbody></table>`;
    }
    const covered = [...d.byTechnique.entries()].sort(([a], [b]) => compareNatural(domain.techniques[a]![0], domain.techniques[b]![0]));
    const rows = covered.map(
      ([t, coverage]) =>
        `<tr>${techniqueCells(t)}<td>${coverage.capabilities.length}</td><td>${coverage.capabilities.map((c) => `<a href="${esc(this.links.capability(c))}">${esc(this.data.capabilities[c]![1])}</a>`).join(', ')}</td><td>${esc(describeScores(coverage.scores)) || '—'}</td></tr>`,
    );
    return `<table><caption>Covered techniques of ${label}</caption><thead><tr><th scope="col">Technique</th><th scope="col">Name</th><th scope="col">Capabilities</th><th scope="col">Chosen capabilities</th><th scope="col">Best scores</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  }
}
