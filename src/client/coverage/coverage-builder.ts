/**
 * <coverage-builder data-src=".../coverage/data.json" data-base="/"> (the site's base path):
 * choose capabilities (type-ahead, a framework's lists and groups, NIST baselines), see what
 * they cover of ATT&CK, what is left, and take it away as a Navigator layer or a CSV. The
 * selection lives in the page's URL. Loaded only on /coverage/; the logic is src/lib/coverage/coverage.ts.
 * Without JavaScript the element's own content (what the page does, the set matrices) stays.
 */
import {
  chosenCapabilities,
  computeCoverage,
  coverageCsv,
  coverageLayer,
  coverageResult,
  createLookup,
  emptySelection,
  findCapabilities,
  parseSelection,
  removeCapability,
  removeEntry,
  addCapabilities,
  chosenAlone,
  membersOf,
  selectionQuery,
  withDomains,
  type CoverageData,
  type CoverageLookup,
  type CoverageResult,
  type Selection,
  type TechniqueStixIds,
} from '../../lib/coverage/coverage.ts';
import { plural } from '../../lib/core/id-breaks.ts';
import { attackVersionLabel } from '../../lib/core/labels.ts';
import { createUrls, type SiteUrls } from '../../lib/core/urls.ts';
import { announce } from '../elements/announce.ts';
import { copyText } from '../elements/clipboard.ts';
import { CoverageDomainView } from './coverage-matrix.ts';
import {
  computeThreats,
  emptyThreats,
  findAdversaries,
  parseThreats,
  readThreatLayer,
  threatQuery,
  MAX_LAYER_BYTES,
  type DomainThreat,
  type FixPick,
  type ThreatChoice,
} from '../../lib/coverage/threat-profile.ts';
import { h } from '../elements/dom.ts';
import { typeAhead } from './type-ahead.ts';
import { KeyedElements, placeChildren } from './keyed-list.ts';
import { saveFile } from '../elements/save-file.ts';

class CoverageBuilder extends HTMLElement {
  private lookup!: CoverageLookup;
  private data!: CoverageData;
  private selection: Selection = emptySelection();
  private result: CoverageResult | null = null;
  private threats: ThreatChoice = emptyThreats();
  private threatResults: DomainThreat[] = [];
  /** Frameworks "what to fix next" picks from (none: all). */
  private fixFrameworks = new Set<number>();
  private threatList = h('ul', { class: 'coverage-threat-list' });
  private layerProblem = h('p', { class: 'coverage-layer-problem', role: 'alert', hidden: true });
  private fixPanel = h('section', { class: 'coverage-fix', hidden: true });
  private byScore = false;
  private chosenList = h('ul', { class: 'coverage-chosen' });
  /** The items of the chosen list and of the threat profile, kept while unchanged. */
  private chosenItems = new KeyedElements();
  private threatItems = new KeyedElements();
  private chosenHeading = h('h2', { id: 'coverage-selection' });
  private results = h('div', { class: 'coverage-results' });
  private notice = h('p', { class: 'coverage-notice', hidden: true });
  private shade = this.shadeChoice();
  private views = new Map<number, CoverageDomainView>();
  private urls!: SiteUrls;

  async connectedCallback(): Promise<void> {
    this.urls = createUrls(this.dataset['base'] ?? '/');
    const loading = h('p', { class: 'coverage-loading' }, 'Loading the coverage data…');
    this.prepend(loading);
    try {
      const response = await fetch(this.dataset['src']!);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.data = (await response.json()) as CoverageData;
    } catch (error) {
      loading.textContent = `Could not load the coverage data (${(error as Error).message}). Each set's page shows its matrix.`;
      return;
    }
    loading.remove();
    this.lookup = createLookup(this.data);
    const { selection, unknown: unknownCapabilities } = parseSelection(this.lookup, location.search);
    const { threats, unknown: unknownThreats } = parseThreats(this.data, location.search);
    const unknown = [...unknownCapabilities, ...unknownThreats];
    this.selection = selection;
    this.threats = threats;
    for (const old of this.querySelectorAll<HTMLElement>('[data-without-js]')) old.hidden = true;
    this.append(this.notice, this.pickers(), this.chosenHeading, this.chosenList, this.tools(), this.fixPanel, this.results);
    if (unknown.length) this.say(`Not in this site's data, left out: ${unknown.join(', ')}.`, true);
    this.update(false);
  }

  // -------------------------------------------------------------------------------------------
  // Choosing
  // -------------------------------------------------------------------------------------------

  private pickers(): HTMLElement {
    const section = h('section', { class: 'coverage-pickers' });
    section.setAttribute('aria-labelledby', 'coverage-choose');
    section.append(h('h2', { id: 'coverage-choose' }, 'Choose capabilities'), this.typeAhead(), this.browser());
    if (this.data.baselines.length) section.append(this.baselinePicker());
    if (this.data.domains.some((d) => d.threats)) section.append(this.threatPicker());
    return section;
  }

  // -------------------------------------------------------------------------------------------
  // The threat profile: adversaries by name or alias, "with their software", a Navigator layer
  // -------------------------------------------------------------------------------------------

  private threatPicker(): HTMLElement {
    const fieldset = h('fieldset', { class: 'coverage-threats' }, h('legend', {}, 'Threat profile: the adversaries that target you'));
    fieldset.append(
      h(
        'p',
        { class: 'coverage-hint' },
        "A group's techniques are its own and those of the campaigns attributed to it; its software's techniques count only with “their software”. Sub-techniques count as themselves.",
      ),
    );
    const finder = typeAhead({
      id: 'coverage-find-threat',
      label: 'Find a group, campaign or software by name or alias',
      listLabel: 'Matching adversaries',
      find: (query) => findAdversaries(this.data, query),
      option: (ref) => {
        const [id, name, aliases] = this.data.domains[ref.domain]!.threats!.adversaries[ref.adversary]!;
        return [h('strong', {}, id), ` ${name} `, h('small', {}, [this.data.domains[ref.domain]!.domain, ...aliases.slice(0, 4)].join(', '))];
      },
      choose: (ref) => {
        const [id, name] = this.data.domains[ref.domain]!.threats!.adversaries[ref.adversary]!;
        if (!this.threats.adversaries.includes(id)) this.threats = { ...this.threats, adversaries: [...this.threats.adversaries, id] };
        this.update(true, `${name} (${id}) added to the threat profile`);
      },
    });
    const software = h('input', { type: 'checkbox', id: 'coverage-threat-software' });
    software.checked = this.threats.withSoftware;
    software.addEventListener('change', () => {
      this.threats = { ...this.threats, withSoftware: software.checked };
      this.update(true, software.checked ? 'Their software counted' : 'Their software left out');
    });
    const file = h('input', { type: 'file', id: 'coverage-threat-layer', accept: '.json,application/json' });
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (chosen) void this.loadLayer(chosen);
      file.value = '';
    });
    fieldset.append(
      finder,
      h('p', {}, h('label', { for: software.id }, software, ' With their software (the techniques of the software they use)')),
      h('p', {}, h('label', { for: file.id }, 'Or load a Navigator layer (4.x) as the threat profile, read here and sent nowhere: '), file),
      this.layerProblem,
      this.threatList,
    );
    return fieldset;
  }

  private async loadLayer(file: File): Promise<void> {
    const shown = (problem: string) => {
      this.layerProblem.textContent = problem;
      this.layerProblem.hidden = false;
      this.say(problem);
    };
    if (file.size > MAX_LAYER_BYTES)
      return shown(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a layer file may be at most 10 MB. The selection is unchanged.`);
    const read = readThreatLayer(this.data, await file.text(), file.name, file.size);
    if ('problem' in read) return shown(`${read.problem} The selection is unchanged.`);
    this.layerProblem.hidden = true;
    this.threats = { ...this.threats, layers: [...this.threats.layers, read.layer] };
    this.update(false, `Layer ${read.layer.name} loaded: ${plural(read.layer.scores.size, 'technique')}`);
  }

  private renderThreatList(): void {
    const items: HTMLElement[] = [];
    for (const id of this.threats.adversaries) {
      items.push(
        this.threatItems.get(`a${id}`, () => {
          const found = this.data.domains.flatMap((d) => d.threats?.adversaries.find(([aid]) => aid === id) ?? []);
          const [, name, , techniques, software] = (found[0] ?? [id, id, [], [], []]) as [string, string, string[], number[], number[]];
          const text = h(
            'span',
            {},
            h('strong', {}, id),
            ` ${name} (${plural(techniques.length, 'technique')}${software.length ? `, ${plural(software.length, 'software', 'software')}` : ''})`,
          );
          return this.chosenItem(
            name,
            text,
            () => {
              this.threats = { ...this.threats, adversaries: this.threats.adversaries.filter((a) => a !== id) };
            },
            this.threatList,
          );
        }),
      );
    }
    this.threats.layers.forEach((layer, i) => {
      // The number is in the key: taking the layer out removes the i-th.
      items.push(
        this.threatItems.get(`l${i}|${layer.domain}|${layer.scores.size}|${layer.name}`, () => {
          const text = h(
            'span',
            {},
            h('strong', {}, 'Layer'),
            ` ${layer.name} (${plural(layer.scores.size, 'technique')}, ${this.data.domains[layer.domain]!.domain})`,
          );
          return this.chosenItem(
            `layer ${layer.name}`,
            text,
            () => {
              this.threats = { ...this.threats, layers: this.threats.layers.filter((_, j) => j !== i) };
            },
            this.threatList,
          );
        }),
      );
    });
    placeChildren(this.threatList, items);
    this.threatItems.prune();
  }

  /** "What to fix next": capabilities, then ATT&CK mitigations, ranked greedily by the threat weight they would cover. */
  private fixFrameworkChoice: HTMLElement | null = null;
  private fixShown = '';
  private fixHeading = h('h2', { id: 'coverage-fix' }, 'What to fix next');
  private fixHint = h('p', {}, 'Ranked greedily: each capability counts only the threat weight the ones above it leave uncovered.');
  private fixItems = new KeyedElements<{ li: HTMLElement; numbers: Text }>();
  private fixSections = new KeyedElements<{
    div: HTMLElement;
    heading: HTMLElement;
    capabilities: HTMLElement;
    noCapability: HTMLElement;
    mitigations: HTMLElement;
    noMitigation: HTMLElement;
    mitigationHeading: HTMLElement;
  }>();

  private renderFixNext(): void {
    this.fixPanel.hidden = this.threatResults.length === 0;
    // Rewritten only when the ranking changes: a change that leaves it alone costs nothing here.
    const key = this.threatResults
      .map((t) => `${t.domain}:${[...t.fixNext, ...t.mitigations].map((p) => `${p.item}/${p.gain}/${p.share}`).join(',')}`)
      .join('|');
    if (key === this.fixShown) return;
    this.fixShown = key;
    if (!this.threatResults.length) {
      this.fixItems.prune();
      this.fixSections.prune();
      return this.fixPanel.replaceChildren();
    }
    if (!this.fixFrameworkChoice) {
      const frameworks = h('fieldset', { class: 'coverage-fix-frameworks' }, h('legend', {}, 'Pick from (none ticked: every framework)'));
      this.data.frameworks.forEach((f, i) => {
        const box = h('input', { type: 'checkbox', id: `coverage-fix-f${i}` });
        box.addEventListener('change', () => {
          if (box.checked) this.fixFrameworks.add(i);
          else this.fixFrameworks.delete(i);
          this.update(false, 'Fix-next frameworks changed');
        });
        frameworks.append(h('label', { for: box.id }, box, ` ${f.name}`));
      });
      this.fixFrameworkChoice = frameworks;
    }
    const frameworks = this.fixFrameworkChoice;
    // A pick keeps its item while it adds the same techniques; only its numbers (the share
    // covered with those above, which moves when a pick above changes) are rewritten.
    const sections = this.threatResults.map((threat) => {
      const domain = this.data.domains[threat.domain]!;
      const numbers = (pick: FixPick) =>
        ` +${pick.gain} threat weight, ${plural(pick.techniques.length, 'technique')} (${Math.round(pick.share * 1000) / 10}% covered with those above): `;
      // The first dozen techniques linked, the rest counted: the list stays short to lay out.
      const techniqueLinks = (pick: FixPick) => [
        ...pick.techniques
          .slice(0, 12)
          .map((t) => domain.techniques[t]![0])
          .flatMap((id, i) => [...(i ? [', '] : []), h('a', { href: this.techniqueUrl(id) }, id)]),
        ...(pick.techniques.length > 12 ? [` and ${pick.techniques.length - 12} more`] : []),
      ];
      const item = (kind: string, pick: FixPick, make: (numbers: Text) => HTMLElement) => {
        const made = this.fixItems.get(`${threat.domain}|${kind}|${pick.item}|${pick.gain}|${pick.techniques.join(',')}`, () => {
          const text = document.createTextNode('');
          return { li: make(text), numbers: text };
        });
        const said = numbers(pick);
        if (made.numbers.data !== said) made.numbers.data = said;
        return made.li;
      };
      const capabilities = threat.fixNext.map((pick) =>
        item('c', pick, (text) => {
          const [f, id, , name] = this.data.capabilities[pick.item]!;
          const add = h('button', { type: 'button', class: 'coverage-fix-add' }, 'Add');
          add.setAttribute('aria-label', `Add ${id}`);
          add.addEventListener('click', () => this.add([pick.item], `${id} added`));
          return h(
            'li',
            {},
            h('a', { href: this.capabilityUrl(pick.item) }, h('strong', {}, id)),
            ` ${name} `,
            h('small', {}, this.data.frameworks[f]!.name),
            text,
            ...techniqueLinks(pick),
            ' ',
            add,
          );
        }),
      );
      const mitigations = threat.mitigations.map((pick) =>
        item('m', pick, (text) => {
          const [id, name] = domain.threats!.mitigations[pick.item]!;
          return h('li', {}, h('strong', {}, id), ` ${name}`, text, ...techniqueLinks(pick));
        }),
      );
      const section = this.fixSections.get(String(threat.domain), () => {
        const parts = {
          div: h('div', { class: 'coverage-fix-domain' }),
          heading: h('h3'),
          capabilities: h('ol', { class: 'coverage-fix-list', 'data-fix': 'capabilities' }),
          noCapability: h('p', {}, 'No further capability of those frameworks covers a technique your adversaries use that is still uncovered.'),
          mitigations: h('ol', { class: 'coverage-fix-list', 'data-fix': 'mitigations' }),
          noMitigation: h('p', {}, 'No mitigation adds uncovered threat weight.'),
          mitigationHeading: h('h4', {}, 'ATT&CK mitigations, ranked the same way'),
        };
        return parts;
      });
      const heading = `${attackVersionLabel(domain.domain, domain.version)}: what to fix next`;
      if (section.heading.textContent !== heading) section.heading.textContent = heading;
      placeChildren(section.capabilities, capabilities);
      placeChildren(section.mitigations, mitigations);
      placeChildren(section.div, [
        section.heading,
        capabilities.length ? section.capabilities : section.noCapability,
        section.mitigationHeading,
        mitigations.length ? section.mitigations : section.noMitigation,
      ]);
      return section.div;
    });
    this.fixItems.prune();
    this.fixSections.prune();
    placeChildren(this.fixPanel, [this.fixHeading, this.fixHint, frameworks, ...sections]);
  }

  /** A combobox over every capability: ids in any spelling, words of names. */
  private typeAhead(): HTMLElement {
    return typeAhead({
      id: 'coverage-find',
      label: 'Find a capability by id or name',
      listLabel: 'Matching capabilities',
      find: (query) => findCapabilities(this.data, query),
      option: (c) => {
        const [f, id, , name] = this.data.capabilities[c]!;
        return [h('strong', {}, id), ` ${name} `, h('small', {}, this.data.frameworks[f]!.name)];
      },
      choose: (c) => this.add([c], `${this.data.capabilities[c]![1]} added`),
    });
  }

  /** A framework's capabilities, narrowed to a group; add some, or the whole group. */
  private browser(): HTMLElement {
    const frameworks = h('select', { id: 'coverage-framework' });
    frameworks.append(...this.data.frameworks.map((f, i) => h('option', { value: String(i) }, f.name)));
    const groups = h('select', { id: 'coverage-group' });
    const capabilities = h('select', { id: 'coverage-capabilities', multiple: true, size: 8 });
    const addSelected = h('button', { type: 'button' }, 'Add selected');
    const addGroup = h('button', { type: 'button' }, 'Add the whole group');
    const fill = () => {
      const f = Number(frameworks.value);
      const group = groups.value === '' ? -1 : Number(groups.value);
      addGroup.disabled = group < 0;
      capabilities.replaceChildren(
        ...this.data.capabilities.flatMap(([cf, id, , name, , g], c) =>
          cf === f && (group < 0 || g === group) ? [h('option', { value: String(c) }, `${id} ${name}`)] : [],
        ),
      );
    };
    frameworks.addEventListener('change', () => {
      const f = Number(frameworks.value);
      groups.replaceChildren(
        h('option', { value: '' }, 'All groups'),
        ...this.data.groups.flatMap((g, i) => (g.f === f ? [h('option', { value: String(i) }, g.id === g.label ? g.label : `${g.id} ${g.label}`)] : [])),
      );
      fill();
    });
    groups.addEventListener('change', fill);
    addSelected.addEventListener('click', () => {
      const chosen = [...capabilities.selectedOptions].map((o) => Number(o.value));
      if (chosen.length) this.add(chosen, `${plural(chosen.length, 'capability', 'capabilities')} added`);
    });
    addGroup.addEventListener('click', () => {
      const g = Number(groups.value);
      this.selection.groups.add(g);
      this.update(true, `Group ${this.data.groups[g]!.label} added`);
    });
    frameworks.dispatchEvent(new Event('change'));
    const field = (label: string, control: HTMLElement) => h('div', {}, h('label', { for: control.id }, label), control);
    return h(
      'details',
      { class: 'coverage-browse' },
      h('summary', {}, 'Browse a framework'),
      h(
        'div',
        { class: 'coverage-browse-fields' },
        field('Framework', frameworks),
        field('Group', groups),
        field('Capabilities (select one or more)', capabilities),
      ),
      h('p', {}, addSelected, ' ', addGroup),
    );
  }

  private baselinePicker(): HTMLElement {
    const fieldset = h('fieldset', { class: 'coverage-baselines' }, h('legend', {}, 'NIST SP 800-53 baselines'));
    this.data.baselines.forEach((baseline, b) => {
      const button = h('button', { type: 'button' }, baseline.title);
      button.dataset['baseline'] = String(b);
      button.append(h('small', {}, ` ${plural(baseline.controls, 'control')}, ${baseline.caps.length} with mappings here`));
      button.addEventListener('click', () => {
        const on = this.selection.baselines.has(b);
        if (on) this.selection.baselines.delete(b);
        else this.selection.baselines.add(b);
        this.update(true, `${baseline.title} ${on ? 'removed' : 'added'}`);
      });
      fieldset.append(button);
    });
    return fieldset;
  }

  private tools(): HTMLElement {
    const copy = h('button', { type: 'button' }, 'Copy link');
    copy.addEventListener('click', async () => {
      this.writeUrl();
      const ok = await copyText(location.href);
      this.say(ok ? 'Link to this selection copied' : `Could not copy; the link is ${location.href}`);
    });
    const clear = h('button', { type: 'button' }, 'Clear');
    clear.addEventListener('click', () => {
      this.selection = emptySelection();
      this.threats = emptyThreats();
      this.update(true, 'Selection cleared');
    });
    return h('p', { class: 'coverage-tools' }, copy, ' ', clear);
  }

  private add(capabilities: number[], message: string): void {
    this.selection = addCapabilities(this.selection, capabilities);
    this.update(true, message);
  }

  private say(message: string, visible = false): void {
    announce(message);
    if (visible) {
      this.notice.textContent = message;
      this.notice.hidden = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Showing
  // -------------------------------------------------------------------------------------------

  /** Recompute and re-render; the time it takes is kept in data-render-ms (the bench reads it). */
  private update(pushUrl: boolean, message?: string): void {
    const started = performance.now();
    const chosen = chosenCapabilities(this.lookup, this.selection);
    const coverage = computeCoverage(this.data, chosen);
    this.threatResults = computeThreats(this.data, coverage, this.threats, { frameworks: this.fixFrameworks });
    this.result = withDomains(
      this.data,
      coverage,
      this.threatResults.map((t) => t.domain),
    );
    if (pushUrl) this.scheduleUrl();
    this.renderSelection(chosen);
    this.renderThreatList();
    this.renderFixNext();
    this.renderResults(this.result);
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-baseline]'))
      button.setAttribute('aria-pressed', String(this.selection.baselines.has(Number(button.dataset['baseline']))));
    this.dataset['renderMs'] = (performance.now() - started).toFixed(1);
    if (message) this.say(`${message}. ${this.summary(this.result)}`);
  }

  private urlPending = false;

  /**
   * Write the selection into the address once the change has been painted and the page is idle:
   * history.replaceState costs Chromium several milliseconds with a hundred capabilities in the
   * query, and the reader waits for the matrix, not for the address bar. Within a quarter of a
   * second at the latest; "Copy link" and the layer download write it first if still pending.
   */
  private scheduleUrl(): void {
    if (this.urlPending) return;
    this.urlPending = true;
    const write = () => this.writeUrl();
    if ('requestIdleCallback' in window) requestIdleCallback(write, { timeout: 250 });
    else {
      requestAnimationFrame(() => setTimeout(write, 0));
      // A hidden page paints no frame; the address is written anyway.
      setTimeout(write, 250);
    }
  }

  private writeUrl(): void {
    if (!this.urlPending) return;
    this.urlPending = false;
    const capabilities = selectionQuery(this.data, this.selection);
    const threats = threatQuery(this.threats);
    history.replaceState(null, '', `${this.urls.coverage()}${capabilities}${threats ? `${capabilities ? '&' : '?'}${threats}` : ''}`);
  }

  private summary(result: CoverageResult): string {
    if (!result.capabilities.length && !this.threatResults.length) return 'Nothing chosen yet.';
    return result.domains.map((d) => `Covers ${d.covered} of ${d.total} ${this.views.get(d.domain)!.label()} techniques`).join('; ');
  }

  private capabilityUrl(c: number): string {
    const [f, , , , slug] = this.data.capabilities[c]!;
    return this.urls.capability({ frameworkId: this.data.frameworks[f]!.id, slug });
  }

  private techniqueUrl(id: string): string {
    return this.urls.technique(id);
  }

  private renderSelection(chosen: number[]): void {
    this.chosenHeading.textContent = chosen.length ? `Your selection: ${plural(chosen.length, 'capability', 'capabilities')}` : 'Your selection';
    if (!chosen.length) {
      this.chosenList.replaceChildren(
        h('li', { class: 'coverage-empty' }, 'Nothing chosen yet: find capabilities above, browse a framework or add a baseline.'),
      );
      this.chosenItems.prune();
      return;
    }
    // A baseline or a whole group is one entry, opened to list (and take out) its capabilities;
    // capabilities chosen one by one follow, each an entry of its own. Items are kept while
    // they stay the same: taking one out of a hundred rebuilds nothing else.
    const open = new Set([...this.chosenList.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset['entry']));
    const items: HTMLElement[] = [];
    const entry = (key: string, label: string, members: number[], taken: number, remove: () => void) => {
      items.push(
        this.chosenItems.get(`${key}|${taken}|${members.join(',')}`, () => {
          const details = h(
            'details',
            { class: 'coverage-entry', open: open.has(key) },
            h('summary', {}, h('strong', {}, label), ` ${plural(members.length, 'capability', 'capabilities')}${taken ? ` (${taken} taken out)` : ''}`),
            h('ul', {}, ...members.map((c) => this.capabilityItem(c))),
          );
          details.dataset['entry'] = key;
          return this.chosenItem(label, details, remove);
        }),
      );
    };
    for (const b of this.selection.baselines) {
      const members = membersOf(this.lookup, this.selection, { baseline: b });
      entry(
        `b${b}`,
        this.data.baselines[b]!.title,
        members,
        this.data.baselines[b]!.caps.length - members.length,
        () => (this.selection = removeEntry(this.lookup, this.selection, { baseline: b })),
      );
    }
    for (const g of this.selection.groups) {
      const group = this.data.groups[g]!;
      const members = membersOf(this.lookup, this.selection, { group: g });
      const all = this.lookup.capabilitiesOfGroup.get(g)?.length ?? 0;
      entry(
        `g${g}`,
        `${this.data.frameworks[group.f]!.name} group ${group.label}`,
        members,
        all - members.length,
        () => (this.selection = removeEntry(this.lookup, this.selection, { group: g })),
      );
    }
    for (const c of chosenAlone(this.lookup, this.selection)) items.push(this.chosenItems.get(`c${c}`, () => this.capabilityItem(c)));
    placeChildren(this.chosenList, items);
    this.chosenItems.prune();
  }

  /** One capability: its id (linked), name and sets, and a button that takes it out. */
  private capabilityItem(c: number): HTMLElement {
    const [f, id, , name, , , sets] = this.data.capabilities[c]!;
    const where = sets.map(([, s]) => this.data.sets[s]!.label).join('; ') || `${this.data.frameworks[f]!.name}, no mappings`;
    const link = h('a', { href: this.capabilityUrl(c) }, h('strong', {}, id));
    return this.chosenItem(id, h('span', {}, link, ` ${name} (${where})`), () => (this.selection = removeCapability(this.lookup, this.selection, c)));
  }

  /** The remove buttons a reader can reach now (not those of a closed entry). */
  private removeButtons(list: HTMLElement = this.chosenList): HTMLButtonElement[] {
    // Told by the markup, not checkVisibility(): that forces style and layout of the whole list, twice a click.
    return [...list.querySelectorAll<HTMLButtonElement>('.coverage-remove')].filter((b) => !b.closest('details:not([open]), [hidden]'));
  }

  private chosenItem(label: string, content: HTMLElement, remove: () => void, list: HTMLElement = this.chosenList): HTMLElement {
    const button = h('button', { type: 'button', class: 'coverage-remove' }, '×');
    button.setAttribute('aria-label', `Remove ${label}`);
    button.addEventListener('click', () => {
      const at = this.removeButtons(list).indexOf(button);
      remove();
      this.update(true, `${label} removed`);
      // Keep the keyboard where it was: on the next item's button, else back on the find box.
      const buttons = this.removeButtons(list);
      (
        buttons[Math.min(at, buttons.length - 1)] ?? this.querySelector<HTMLInputElement>(list === this.chosenList ? '#coverage-find' : '#coverage-find-threat')
      )?.focus();
    });
    return h('li', {}, content, ' ', button);
  }

  private renderResults(result: CoverageResult): void {
    if (!result.capabilities.length && !this.threatResults.length) {
      this.results.replaceChildren();
      return;
    }
    const anyScored = result.capabilities.some((c) => this.data.frameworks[this.data.capabilities[c]![0]]!.scored);
    const byScore = anyScored && this.byScore;
    const sections: HTMLElement[] = [];
    for (const d of result.domains) {
      let view = this.views.get(d.domain);
      if (!view) {
        view = new CoverageDomainView(this.data, d.domain, { technique: (id) => this.techniqueUrl(id), capability: (c) => this.capabilityUrl(c) });
        view.section
          .querySelectorAll<HTMLButtonElement>('[data-download]')
          .forEach((button) => button.addEventListener('click', () => this.download(button.dataset['download']!, d.domain)));
        this.views.set(d.domain, view);
      }
      view.update(
        d,
        byScore,
        this.threatResults.find((t) => t.domain === d.domain),
      );
      sections.push(view.section);
    }
    this.shade.hidden = !anyScored;
    // Only moved when the domains shown change: a built matrix stays in place.
    const wanted = [this.shade, ...sections];
    if (wanted.some((node, i) => this.results.children[i] !== node) || this.results.children.length !== wanted.length) this.results.replaceChildren(...wanted);
  }

  private shadeChoice(): HTMLElement {
    const fieldset = h('fieldset', { class: 'coverage-shade' }, h('legend', {}, 'Shade the matrix by'));
    for (const [value, label] of [
      ['count', 'number of chosen capabilities'],
      ['score', 'best score (scored frameworks)'],
    ] as const) {
      const input = h('input', { type: 'radio', name: 'coverage-shade', value, id: `coverage-shade-${value}` });
      input.checked = value === 'count';
      input.addEventListener('change', () => {
        this.byScore = value === 'score';
        this.update(false);
      });
      fieldset.append(h('label', { for: input.id }, input, ` ${label}`));
    }
    return fieldset;
  }

  private stixIds: Promise<TechniqueStixIds> | null = null;

  /** A file of the result in a format of the registry (Excel, YAML, STIX), made with its writer; a message instead of an empty file. */
  private async downloadResult(formatId: string): Promise<void> {
    if (!this.result) return;
    const result = this.result;
    try {
      const { formatById } = await import('../../lib/exports/formats/index.ts');
      const format = formatById(formatId);
      const writer = format.scopes.result!;
      let stixIds: TechniqueStixIds | undefined;
      if (formatId === 'stix') {
        // The techniques' STIX ids are a file of their own, fetched once, on the first bundle.
        this.stixIds ??= fetch(new URL('stix-ids.json', new URL(this.dataset['src']!, location.href)))
          .then((r) => (r.ok ? (r.json() as Promise<{ domains: TechniqueStixIds }>) : Promise.reject(new Error(`HTTP ${r.status}`))))
          .then((file) => file.domains);
        stixIds = await this.stixIds.catch((error: Error) => {
          this.stixIds = null;
          throw new Error(`the techniques' STIX ids did not load (${error.message})`);
        });
      }
      const table = coverageResult(this.data, result, this.threatResults, stixIds);
      if (writer.offers && !writer.offers(table)) {
        this.say(
          formatId === 'stix'
            ? `No ${format.label} made: none of the chosen capabilities covers a technique that has an ATT&CK STIX id. Choose capabilities first.`
            : `No ${format.label} made: the result has no rows.`,
          true,
        );
        return;
      }
      const content = await writer.write(table);
      this.save(new Blob([content as BlobPart], { type: format.mediaType }), `coverage${format.suffix}`);
    } catch (error) {
      this.say(`Could not make the file: ${(error as Error).message}.`, true);
    }
  }

  private save(blob: Blob, file: string): void {
    saveFile(blob, file);
    this.say(`${file} downloaded`);
  }

  private download(kind: string, domain: number): void {
    if (!this.result) return;
    // The layer links back to the selection: the address must be the current one.
    this.writeUrl();
    if (kind !== 'layer' && kind !== 'csv') {
      void this.downloadResult(kind);
      return;
    }
    const dc = this.result.domains.find((d) => d.domain === domain);
    if (!dc) return;
    const name = this.data.domains[domain]!.domain;
    const [content, type, file] =
      kind === 'layer'
        ? [
            JSON.stringify(
              coverageLayer(
                this.data,
                this.result,
                dc,
                location.href,
                this.threatResults.find((t) => t.domain === domain),
              ),
              null,
              2,
            ),
            'application/json',
            `coverage_${name}_layer.json`,
          ]
        : [coverageCsv(this.data, this.result, this.threatResults), 'text/csv;charset=utf-8', 'coverage.csv'];
    this.save(new Blob([content], { type }), file);
  }
}

customElements.define('coverage-builder', CoverageBuilder);
