/**
 * Reading an OSCAL 1.x JSON catalog of NIST SP 800-53 (rev4 or rev5, as NIST publishes them)
 * into render-ready control descriptions (control-text.ts): statements as labelled item trees
 * with their parameters written out ("[Assignment: organization-defined frequency]"), the
 * discussion, related controls, and where a withdrawn control went.
 *
 * A shape that breaks the catalog's structure is a problem (the catalog is not used); something
 * a real catalog holds and Mapscope shows as best it can is a warning. Both name the file and the
 * JSON pointer.
 */
import { describeValue, type DataProblem } from '../ingest/problems.ts';
import { isHttpUrl } from '../ingest/references.ts';
import { OSCAL_CONTROL_ID, oscalToDisplay } from '../baselines/control-ids.ts';
import { jsonSyntaxProblem } from '../io/json-syntax.ts';
import {
  segmentsText,
  type ControlCatalog,
  type ControlDescription,
  type ControlFamily,
  type Segment,
  type Statement,
  type StatementItem,
  type Withdrawal,
  type WithdrawalTarget,
} from './control-text.ts';
import { joinParagraphs, proseLine, proseParagraphs, tidySegments, type ProseResolver } from './oscal-prose.ts';
import { required } from '../core/lookups.ts';

/** What a warning is about, for the build to file it under a kind of its own. */
export type CatalogWarningCode =
  | 'param-unknown'
  | 'param-undescribed'
  | 'param-cycle'
  | 'selection-how-many'
  | 'insert-unknown'
  | 'item-unlabelled'
  | 'part-ignored'
  | 'statement-missing'
  | 'statement-repeated'
  | 'link-unresolved'
  | 'related-not-a-control'
  | 'withdrawn-target-unknown'
  | 'status-unknown'
  | 'family-mismatch';

/** Something Mapscope read and showed as best it could. */
export interface CatalogWarning {
  code: CatalogWarningCode;
  location: { file: string; pointer: string };
  field?: string;
  expected: string;
  found: string;
  /** What Mapscope did with it. */
  action: string;
  /** The control it is in, display form; null when it is in no control. */
  control: string | null;
}

export interface CatalogReading {
  /** Present when there are no problems. */
  catalog?: ControlCatalog;
  problems: DataProblem[];
  warnings: CatalogWarning[];
}

/** Parse and read one catalog's text; `file` is the name used in messages. */
export function readOscalCatalog(file: string, text: string): CatalogReading {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [jsonSyntaxProblem(file, text, error as Error, 'an OSCAL catalog (JSON)')], warnings: [] };
  }
  return describeOscalCatalog(file, data);
}

/** Read an already parsed catalog; `file` is the name used in messages. */
export function describeOscalCatalog(file: string, data: unknown): CatalogReading {
  return new CatalogReader(file).read(data);
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

interface IndexedControl {
  oscalId: string;
  display: string;
  json: Json;
  pointer: string;
  parent: IndexedControl | null;
  group: IndexedGroup | null;
  params: Map<string, IndexedParam>;
  enhancements: IndexedControl[];
}

interface IndexedGroup {
  id: string;
  title: string;
  params: Map<string, IndexedParam>;
  parent: IndexedGroup | null;
}

interface IndexedParam {
  json: Json;
  pointer: string;
}

/** A place in the catalog: its pointer and the control it belongs to (for warnings). */
interface Place {
  pointer: string;
  control: IndexedControl | null;
}

const WITHDRAWN = 'withdrawn';
// The status values OSCAL catalogs use for controls that are in force.
const ACTIVE_STATUSES = new Set(['', 'active', 'operational']);

class CatalogReader {
  private readonly problems: DataProblem[] = [];
  private readonly warnings: CatalogWarning[] = [];
  private readonly controls: IndexedControl[] = [];
  private readonly controlsById = new Map<string, IndexedControl>();
  private readonly groupsById = new Map<string, IndexedGroup>();
  private readonly families = new Map<string, ControlFamily>();
  /** Part ids ("ac-2_smt.k") -> the control and the item labels down to the part. */
  private readonly parts = new Map<string, { control: IndexedControl; labels: string[] }>();
  /** Back-matter resource uuid -> its first http(s) link, or null. */
  private readonly resources = new Map<string, string | null>();
  private readonly catalogParams = new Map<string, IndexedParam>();
  private readonly paramTexts = new Map<string, string>();

  constructor(private readonly file: string) {}

  read(data: unknown): CatalogReading {
    if (!isObject(data) || !isObject(data['catalog'])) {
      this.problem('', undefined, 'an OSCAL catalog (a JSON object with "catalog")', describeTop(data));
      return this.result();
    }
    const catalog = data['catalog'];
    const metadata = catalog['metadata'];
    let title: string | null = null;
    let version: string | null = null;
    if (!isObject(metadata)) {
      this.problem('/catalog', 'metadata', 'an object with the title', describeValue(metadata));
    } else {
      title = nonEmpty(metadata['title']);
      if (title === null) this.problem('/catalog/metadata', 'title', "the catalog's title", describeValue(metadata['title']));
      version = nonEmpty(metadata['version']);
      if (version === null && metadata['version'] !== undefined) this.problem('/catalog/metadata', 'version', 'a string', describeValue(metadata['version']));
    }
    this.indexResources(catalog['back-matter']);
    this.indexParams(catalog, '/catalog', this.catalogParams);
    const groups = this.list(catalog, 'groups', '/catalog');
    const loose = this.list(catalog, 'controls', '/catalog');
    if (groups.length === 0 && loose.length === 0) {
      this.problem('/catalog', 'groups', 'the families (groups with controls) or controls', 'neither');
    }
    groups.forEach((group, i) => this.indexGroup(group, `/catalog/groups/${i}`, null));
    loose.forEach((control, i) => this.indexControl(control, `/catalog/controls/${i}`, null, null));
    if (this.problems.length) return this.result();

    const described = this.controls.map((control) => this.describe(control));
    if (this.problems.length || title === null) return this.result();
    return { catalog: { title, version, families: [...this.families.values()], controls: described }, ...this.result() };
  }

  private result(): { problems: DataProblem[]; warnings: CatalogWarning[] } {
    return { problems: this.problems, warnings: this.warnings };
  }

  // ---- index: every control, group, part and parameter, before any text is rendered (prose
  // refers forwards: a choice inserts a later parameter, a link names a later control).

  private indexGroup(group: unknown, pointer: string, parent: IndexedGroup | null): void {
    if (!isObject(group)) {
      this.problem(pointer, undefined, 'a group (a family, an object with id, title and controls)', describeValue(group));
      return;
    }
    const id = nonEmpty(group['id']);
    const title = nonEmpty(group['title']);
    if (title === null) this.problem(pointer, 'title', "the family's title", describeValue(group['title']));
    const indexed: IndexedGroup = { id: id ?? '', title: title ?? '', params: new Map(), parent };
    if (id !== null) {
      this.groupsById.set(id, indexed);
      if (!this.families.has(id.toUpperCase()) && title !== null) this.families.set(id.toUpperCase(), { id: id.toUpperCase(), title });
    }
    this.indexParams(group, pointer, indexed.params);
    this.list(group, 'groups', pointer).forEach((inner, i) => this.indexGroup(inner, `${pointer}/groups/${i}`, indexed));
    this.list(group, 'controls', pointer).forEach((control, i) => this.indexControl(control, `${pointer}/controls/${i}`, indexed, null));
  }

  private indexControl(control: unknown, pointer: string, group: IndexedGroup | null, parent: IndexedControl | null): void {
    if (!isObject(control)) {
      this.problem(pointer, undefined, 'a control (an object with id, title and parts)', describeValue(control));
      return;
    }
    const rawId = control['id'];
    const display = typeof rawId === 'string' ? oscalToDisplay(rawId) : null;
    if (typeof rawId !== 'string' || display === null) {
      this.problem(pointer, 'id', 'an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1"', describeValue(rawId));
      return;
    }
    const [, , , enhancement] = OSCAL_CONTROL_ID.exec(rawId)!;
    if (parent === null && enhancement) {
      this.problem(pointer, 'id', "a control id without an enhancement number here (enhancements sit in their control's controls)", describeValue(rawId));
      return;
    }
    if (parent !== null && !(enhancement && rawId.startsWith(`${parent.oscalId}.`))) {
      this.problem(pointer, 'id', `an enhancement of ${parent.display} ("${parent.oscalId}.1", "${parent.oscalId}.2", ...)`, describeValue(rawId));
      return;
    }
    if (this.controlsById.has(rawId)) {
      this.problem(pointer, 'id', `an id used once (${rawId} is also at ${required(this.controlsById, rawId, 'control').pointer})`, describeValue(rawId));
      return;
    }
    if (nonEmpty(control['title']) === null) this.problem(pointer, 'title', "the control's title", describeValue(control['title']));
    const indexed: IndexedControl = { oscalId: rawId, display, json: control, pointer, parent, group, params: new Map(), enhancements: [] };
    this.controls.push(indexed);
    this.controlsById.set(rawId, indexed);
    parent?.enhancements.push(indexed);
    const family = rawId.slice(0, 2);
    if (parent === null && group !== null && group.id && group.id !== family) {
      this.warn(
        'family-mismatch',
        { pointer, control: indexed },
        'id',
        `an id of its group's family ("${group.id}-...")`,
        describeValue(rawId),
        `lists it in family ${family.toUpperCase()}, as its id says`,
      );
    }
    this.indexParams(control, pointer, indexed.params);
    this.list(control, 'parts', pointer).forEach((part, i) => this.indexPart(part, `${pointer}/parts/${i}`, indexed, []));
    for (const key of ['props', 'links'] as const) {
      this.list(control, key, pointer).forEach((entry, i) => {
        if (!isObject(entry))
          this.problem(`${pointer}/${key}/${i}`, key, key === 'props' ? 'a property (name, value)' : 'a link (href, rel)', describeValue(entry));
      });
    }
    this.list(control, 'controls', pointer).forEach((inner, i) => {
      if (parent !== null) {
        this.problem(
          `${pointer}/controls/${i}`,
          'controls',
          'no controls inside an enhancement (SP 800-53 nests enhancements one level deep)',
          describeValue(inner),
        );
      } else {
        this.indexControl(inner, `${pointer}/controls/${i}`, group, indexed);
      }
    });
  }

  private indexPart(part: unknown, pointer: string, control: IndexedControl, labels: string[]): void {
    if (!isObject(part)) {
      this.problem(pointer, undefined, 'a part (an object with name and prose or parts)', describeValue(part));
      return;
    }
    if (typeof part['name'] !== 'string') this.problem(pointer, 'name', "the part's name (statement, item, guidance...)", describeValue(part['name']));
    if (part['prose'] !== undefined && typeof part['prose'] !== 'string') this.problem(pointer, 'prose', 'text', describeValue(part['prose']));
    const label = labelOf(part);
    const here = label ? [...labels, label] : labels;
    if (typeof part['id'] === 'string') this.parts.set(part['id'], { control, labels: here });
    for (const key of ['props', 'links'] as const) {
      this.list(part, key, pointer).forEach((entry, i) => {
        if (!isObject(entry))
          this.problem(`${pointer}/${key}/${i}`, key, key === 'props' ? 'a property (name, value)' : 'a link (href, rel)', describeValue(entry));
      });
    }
    this.list(part, 'parts', pointer).forEach((inner, i) => this.indexPart(inner, `${pointer}/parts/${i}`, control, here));
  }

  private indexParams(owner: Json, pointer: string, into: Map<string, IndexedParam>): void {
    this.list(owner, 'params', pointer).forEach((param, i) => {
      const here = `${pointer}/params/${i}`;
      if (!isObject(param)) {
        this.problem(here, 'params', 'a parameter (an object with id and a label or select)', describeValue(param));
        return;
      }
      const id = nonEmpty(param['id']);
      if (id === null) {
        this.problem(here, 'id', "the parameter's id", describeValue(param['id']));
        return;
      }
      if (into.has(id)) {
        this.problem(here, 'id', `a parameter id used once here (also at ${required(into, id, 'into').pointer})`, describeValue(id));
        return;
      }
      if (param['label'] !== undefined && typeof param['label'] !== 'string') this.problem(here, 'label', 'text', describeValue(param['label']));
      const select = param['select'];
      if (select !== undefined) {
        if (!isObject(select)) {
          this.problem(here, 'select', 'an object with choice and how-many', describeValue(select));
        } else {
          const choices = select['choice'];
          if (!Array.isArray(choices) || choices.length === 0) this.problem(`${here}/select`, 'choice', 'a list of choices', describeValue(choices));
          else
            choices.forEach((choice, j) => {
              if (typeof choice !== 'string') this.problem(`${here}/select/choice/${j}`, 'choice', 'text', describeValue(choice));
            });
        }
      }
      for (const key of ['guidelines', 'values'] as const) {
        this.list(param, key, here).forEach((entry, j) => {
          const ok = key === 'values' ? typeof entry === 'string' : isObject(entry) && typeof entry['prose'] === 'string';
          if (!ok) this.problem(`${here}/${key}/${j}`, key, key === 'values' ? 'text' : 'a guideline (an object with prose)', describeValue(entry));
        });
      }
      into.set(id, { json: param, pointer: here });
    });
  }

  private indexResources(backMatter: unknown): void {
    if (!isObject(backMatter) || !Array.isArray(backMatter['resources'])) return;
    for (const resource of backMatter['resources']) {
      if (!isObject(resource) || typeof resource['uuid'] !== 'string') continue;
      const rlinks = Array.isArray(resource['rlinks']) ? resource['rlinks'] : [];
      const href = rlinks.map((r) => (isObject(r) && typeof r['href'] === 'string' ? r['href'].trim() : '')).find(isHttpUrl) ?? null;
      this.resources.set(resource['uuid'], href);
    }
  }

  // ---- describe: each control's text, now that every id is known.

  private describe(control: IndexedControl): ControlDescription {
    const json = control.json;
    const place = (pointer: string): Place => ({ pointer, control });
    const parts = this.list(json, 'parts', control.pointer).map((part, i) => ({ part: part as Json, pointer: `${control.pointer}/parts/${i}` }));
    const statements = parts.filter(({ part }) => part['name'] === 'statement');
    const guidance = parts.filter(({ part }) => part['name'] === 'guidance');
    const withdrawn = this.isWithdrawn(control);

    let statement: Statement | null = null;
    let note: Segment[] = [];
    if (statements.length > 1) {
      this.warn('statement-repeated', place(statements[1]!.pointer), 'name', 'one statement part', `${statements.length} statement parts`, 'shows the first');
    }
    const first = statements[0];
    if (first) {
      const read = this.statement(first.part, first.pointer, control);
      if (withdrawn) note = statementLine(read);
      else statement = read;
    } else if (!withdrawn) {
      this.warn('statement-missing', place(control.pointer), 'parts', 'a statement part', 'none', 'shows no statement');
    }

    const discussion = guidance.flatMap(({ part, pointer }) =>
      typeof part['prose'] === 'string' ? proseParagraphs(part['prose'], this.resolver(place(`${pointer}/prose`))) : [],
    );

    return {
      id: control.display,
      title: (json['title'] as string).trim(),
      family: control.oscalId.slice(0, 2).toUpperCase(),
      parent: control.parent?.display ?? null,
      statement,
      discussion,
      related: this.related(control, parts),
      withdrawn: withdrawn ? this.withdrawal(control, note) : null,
      enhancements: control.enhancements.map((e) => e.display),
    };
  }

  private isWithdrawn(control: IndexedControl): boolean {
    let withdrawn = false;
    this.list(control.json, 'props', control.pointer).forEach((prop, i) => {
      if (!isObject(prop) || prop['name'] !== 'status') return;
      const value = typeof prop['value'] === 'string' ? prop['value'].trim().toLowerCase() : '';
      // rev5 writes "withdrawn", rev4 "Withdrawn".
      if (value === WITHDRAWN) withdrawn = true;
      else if (!ACTIVE_STATUSES.has(value)) {
        this.warn(
          'status-unknown',
          { pointer: `${control.pointer}/props/${i}`, control },
          'status',
          '"withdrawn" or no status',
          describeValue(prop['value']),
          'shows the control as in force',
        );
      }
    });
    return withdrawn;
  }

  private statement(part: Json, pointer: string, control: IndexedControl): Statement {
    const text = typeof part['prose'] === 'string' ? this.line(part['prose'], { pointer: `${pointer}/prose`, control }) : [];
    return { text, items: this.items(part, pointer, control) };
  }

  private items(part: Json, pointer: string, control: IndexedControl): StatementItem[] {
    const items: StatementItem[] = [];
    this.list(part, 'parts', pointer).forEach((inner, i) => {
      const here = `${pointer}/parts/${i}`;
      if (!isObject(inner)) return;
      if (inner['name'] !== 'item') {
        this.warn(
          'part-ignored',
          { pointer: here, control },
          'name',
          'an item of the statement',
          describeValue(inner['name']),
          'leaves the part out of the statement',
        );
        return;
      }
      const label = labelOf(inner);
      if (!label) this.warn('item-unlabelled', { pointer: here, control }, 'props', 'a label ("a.", "1.", "(a)")', 'none', 'shows the item without a label');
      const text = typeof inner['prose'] === 'string' ? this.line(inner['prose'], { pointer: `${here}/prose`, control }) : [];
      items.push({ label: label ?? '', text, items: this.items(inner, here, control) });
    });
    return items;
  }

  /** Statement prose: Markdown paragraphs as one line. */
  private line(prose: string, place: Place): Segment[] {
    return joinParagraphs(proseParagraphs(prose, this.resolver(place)));
  }

  private related(control: IndexedControl, parts: { part: Json; pointer: string }[]): string[] {
    // rev5 links related controls from the control, rev4 from its guidance part.
    const sources = [
      { owner: control.json, pointer: control.pointer },
      ...parts.filter(({ part }) => part['name'] === 'guidance').map(({ part, pointer }) => ({ owner: part, pointer })),
    ];
    const related: string[] = [];
    for (const { owner, pointer } of sources) {
      this.list(owner, 'links', pointer).forEach((link, i) => {
        if (!isObject(link) || link['rel'] !== 'related') return;
        const href = typeof link['href'] === 'string' ? link['href'] : '';
        const target = href.startsWith('#') ? oscalToDisplay(href.slice(1)) : null;
        if (target === null) {
          this.warn(
            'related-not-a-control',
            { pointer: `${pointer}/links/${i}`, control },
            'href',
            'a related control ("#ac-2")',
            describeValue(link['href']),
            'leaves it out of the related controls',
          );
        } else if (target !== control.display && !related.includes(target)) {
          related.push(target);
        }
      });
    }
    return related;
  }

  private withdrawal(control: IndexedControl, note: Segment[]): Withdrawal {
    const incorporatedInto: WithdrawalTarget[] = [];
    const movedTo: WithdrawalTarget[] = [];
    this.list(control.json, 'links', control.pointer).forEach((link, i) => {
      if (!isObject(link)) return;
      const into = link['rel'] === 'incorporated-into' ? incorporatedInto : link['rel'] === 'moved-to' ? movedTo : null;
      if (!into) return;
      const href = typeof link['href'] === 'string' ? link['href'] : '';
      const target = this.target(href);
      if (!target) {
        // rev4 points two withdrawn controls at the publication itself.
        const outside = isHttpUrl(href);
        this.warn(
          'withdrawn-target-unknown',
          { pointer: `${control.pointer}/links/${i}`, control },
          'href',
          'a control, an item of one, or a family of the catalog ("#ac-2")',
          describeValue(link['href']),
          outside ? 'links the address as the target' : 'shows the link as written',
        );
        into.push(outside ? { control: null, text: href, href } : { control: null, text: href });
      } else {
        into.push(target);
      }
    });
    const summary: Segment[] = ['Withdrawn'];
    const clauses: Segment[][] = [];
    if (incorporatedInto.length) clauses.push(['incorporated into ', ...targetList(incorporatedInto)]);
    if (movedTo.length) clauses.push(['moved to ', ...targetList(movedTo)]);
    if (clauses.length) summary.push(': ', ...clauses.flatMap((clause, i) => (i ? ['; ', ...clause] : clause)), '.');
    else if (note.length) summary.push(': ', ...note);
    else summary.push('.');
    return { incorporatedInto, movedTo, note, summary: tidySegments(summary) };
  }

  /** Where a withdrawn control's link points: "#ac-6", "#ac-2_smt.k", "#sr". */
  private target(href: string): WithdrawalTarget | null {
    if (!href.startsWith('#')) return null;
    const id = href.slice(1);
    const control = this.controlsById.get(id);
    if (control) return { control: control.display, text: control.display };
    const part = this.parts.get(id);
    if (part) return { control: part.control.display, text: part.control.display + labelPath(part.labels) };
    const group = this.groupsById.get(id);
    if (group) return { control: null, text: `the ${id.toUpperCase()} family` };
    return null;
  }

  // ---- prose: inserts and links.

  private resolver(place: Place, stack: readonly string[] = []): ProseResolver {
    return {
      insert: (type, id) => {
        if (type !== 'param') {
          this.warn(
            'insert-unknown',
            place,
            'prose',
            'a parameter insert ("{{ insert: param, id }}")',
            describeValue(`{{ insert: ${type}, ${id} }}`),
            'shows the placeholder as written',
          );
          return null;
        }
        return { kind: 'param', param: id, text: this.paramText(id, place, stack) };
      },
      link: (href, text) => this.link(href, text, place),
    };
  }

  private link(href: string, text: string, place: Place): Segment {
    if (isHttpUrl(href)) return { kind: 'link', href, text };
    if (!href.startsWith('#')) {
      // mailto: and the like stay text, with the address when the text does not say it.
      const address = href.replace(/^mailto:/i, '');
      return /^mailto:/i.test(href) && !text.includes(address) ? `${text} (${address})` : text;
    }
    let id = href.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // a stray % stays as written
    }
    const control = this.controlsById.get(id);
    if (control) return { kind: 'control', control: control.display, text };
    const part = this.parts.get(id);
    if (part) return { kind: 'control', control: part.control.display, text };
    const display = oscalToDisplay(id);
    if (display) return { kind: 'control', control: display, text };
    if (this.groupsById.has(id)) return text;
    if (this.resources.has(id)) {
      const url = this.resources.get(id);
      return url ? { kind: 'link', href: url, text } : text;
    }
    this.warn(
      'link-unresolved',
      place,
      'prose',
      'a link to a control, a part, a family or a back-matter resource of the catalog',
      describeValue(href),
      "shows the link's text only",
    );
    return text;
  }

  /** A parameter as NIST prints it: "[Assignment: ...]", "[Selection (one or more): a; b]". */
  private paramText(id: string, place: Place, stack: readonly string[]): string {
    const param = this.findParam(id, place.control);
    if (!param) {
      this.warn('param-unknown', place, 'prose', 'a parameter the control or catalog defines', describeValue(id), 'shows the parameter id as the assignment');
      return `[Assignment: ${id}]`;
    }
    const cached = this.paramTexts.get(param.pointer);
    if (cached !== undefined) return cached;
    if (stack.includes(param.pointer)) {
      this.warn(
        'param-cycle',
        { pointer: param.pointer, control: place.control },
        'select',
        'choices that do not insert the parameter itself',
        describeValue(id),
        'shows the parameter id as the assignment',
      );
      return `[Assignment: ${id}]`;
    }
    const inner = [...stack, param.pointer];
    const json = param.json;
    const here = (pointer: string): Place => ({ pointer, control: place.control });
    const flat = (text: string, pointer: string) => segmentsText(proseLine(text, this.resolver(here(pointer), inner)));
    let text: string;
    const select = json['select'];
    if (isObject(select) && Array.isArray(select['choice'])) {
      const howMany = select['how-many'];
      if (howMany !== undefined && howMany !== 'one' && howMany !== 'one-or-more') {
        this.warn(
          'selection-how-many',
          here(`${param.pointer}/select`),
          'how-many',
          '"one" or "one-or-more"',
          describeValue(howMany),
          'shows it as a selection of one',
        );
      }
      const choices = select['choice'].map((choice, j) => (typeof choice === 'string' ? flat(choice, `${param.pointer}/select/choice/${j}`) : ''));
      text = `[Selection${howMany === 'one-or-more' ? ' (one or more)' : ''}: ${choices.join('; ')}]`;
    } else if (typeof json['label'] === 'string' && json['label'].trim()) {
      text = `[Assignment: ${flat(json['label'], `${param.pointer}/label`)}]`;
    } else if (Array.isArray(json['guidelines']) && json['guidelines'].length) {
      const prose = json['guidelines'].map((g, j) =>
        isObject(g) && typeof g['prose'] === 'string'
          ? segmentsText(joinParagraphs(proseParagraphs(g['prose'], this.resolver(here(`${param.pointer}/guidelines/${j}/prose`), inner))))
          : '',
      );
      text = `[Assignment: ${prose.filter(Boolean).join(' ')}]`;
    } else if (Array.isArray(json['values']) && json['values'].length) {
      // A set value (a tailored catalog): the value is what the control now says.
      text = json['values'].filter((v): v is string => typeof v === 'string').join('; ');
    } else {
      this.warn('param-undescribed', here(param.pointer), 'label', 'a label, select, guidelines or values', 'none', 'shows the parameter id as the assignment');
      text = `[Assignment: ${id}]`;
    }
    this.paramTexts.set(param.pointer, text);
    return text;
  }

  /** A parameter in scope: the control's, its control's (for an enhancement), its groups', the catalog's. */
  private findParam(id: string, control: IndexedControl | null): IndexedParam | null {
    for (let c = control; c; c = c.parent) {
      const found = c.params.get(id);
      if (found) return found;
    }
    for (let g = control?.group ?? null; g; g = g.parent) {
      const found = g.params.get(id);
      if (found) return found;
    }
    return this.catalogParams.get(id) ?? null;
  }

  // ---- helpers

  /** owner[key] as a list; absent is empty, anything else a problem. */
  private list(owner: Json, key: string, pointer: string): unknown[] {
    const value = owner[key];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.problem(pointer, key, 'a list', describeValue(value));
    return [];
  }

  private problem(pointer: string, field: string | undefined, expected: string, found: string): void {
    this.problems.push({ location: pointer ? { file: this.file, pointer } : { file: this.file }, ...(field ? { field } : {}), expected, found });
  }

  private warn(code: CatalogWarningCode, place: Place, field: string, expected: string, found: string, action: string): void {
    this.warnings.push({
      code,
      location: { file: this.file, pointer: place.pointer },
      field,
      expected,
      found,
      action,
      control: place.control?.display ?? null,
    });
  }
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A part's label prop ("a.", "(1)"), if it has one. */
function labelOf(part: Json): string | null {
  const props = Array.isArray(part['props']) ? part['props'] : [];
  for (const prop of props) {
    if (isObject(prop) && prop['name'] === 'label' && typeof prop['value'] === 'string' && prop['value'].trim()) return prop['value'].trim();
  }
  return null;
}

/** Item labels as NIST cites an item: ["k."] -> "k", ["a.", "1."] -> "a.1", ["(a)", "(1)"] -> "(a)(1)". */
function labelPath(labels: readonly string[]): string {
  let path = '';
  for (const raw of labels) {
    const label = raw.replace(/\.$/, '');
    path += path && !label.startsWith('(') && !path.endsWith(')') ? `.${label}` : label;
  }
  return path;
}

/** "AC-6", "MP-4 and SC-28", "A, B, and C", with each control a mention. */
function targetList(targets: readonly WithdrawalTarget[]): Segment[] {
  const out: Segment[] = [];
  targets.forEach((target, i) => {
    if (i > 0) out.push(targets.length === 2 ? ' and ' : i === targets.length - 1 ? ', and ' : ', ');
    if (target.control) out.push({ kind: 'control', control: target.control, text: target.text });
    else if (target.href) out.push({ kind: 'link', href: target.href, text: target.text });
    else out.push(target.text);
  });
  return out;
}

/** A withdrawn control's statement (its reason) as one line. */
function statementLine(statement: Statement): Segment[] {
  const out: Segment[] = [...statement.text];
  const walk = (items: readonly StatementItem[]) => {
    for (const item of items) {
      out.push(' ', item.label ? `${item.label} ` : '', ...item.text);
      walk(item.items);
    }
  };
  walk(statement.items);
  return tidySegments(out);
}

function describeTop(data: unknown): string {
  if (isObject(data)) {
    if (isObject(data['profile'])) return 'an OSCAL profile (give the catalog it imports)';
    const keys = Object.keys(data)
      .slice(0, 5)
      .map((k) => JSON.stringify(k));
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return describeValue(data);
}
