/**
 * One page of a static comparison (compare/site-comparisons.ts), ready to render: its titles, the
 * counts, the pages of a comparison too long for one, and this page's added, removed and changed
 * mappings with their links and labels; page 1 also the differences per capability (when the
 * comparison has several pages), the technique flags and the suggested capability renames.
 * A pure function of the model index, the site's URLs and the comparison.
 */
import { CHANGE_FIELD_NAMES, countsLabel, type CompareRow, type DiffCounts, type FieldChange } from '../compare/diff-sets.ts';
import { OVERVIEW_MAX_CAPABILITIES, type ComparisonPage } from '../compare/pagination.ts';
import type { StaticComparison } from '../compare/site-comparisons.ts';
import { attackVersionLabel, mappingTypeLabel, setTitle, setVersionLabel } from '../core/labels.ts';
import { formatCount } from '../core/id-breaks.ts';
import type { SiteUrls } from '../core/urls.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Framework, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

type Urls = Pick<SiteUrls, 'capability' | 'technique' | 'compare' | 'file'>;

/** A mapping only one set has, as its table shows it. */
export interface ComparisonRowView {
  row: CompareRow;
  /** The capability's page; undefined when the site has none. */
  capabilityHref: string | undefined;
  techniqueHref: string | undefined;
  /** The mapping type as its set labels it. */
  type: string;
  /** scoreLabel's. */
  score: string;
}

/** The added or the removed mappings of a page. */
export interface ComparisonSide {
  id: 'added' | 'removed';
  heading: string;
  caption: string;
  rows: ComparisonRowView[];
  /** "12" or, on one of several pages, "5 of 12 on this page". */
  countLabel: string;
}

/** One changed field of a mapping in both sets. */
export interface ChangedFieldView {
  /** The CSV's column name, for the row's data-field. */
  field: string;
  /** "Score", "Notes", "References". */
  label: string;
  old: string;
  new: string;
  row: CompareRow;
  capabilityHref: string | undefined;
  techniqueHref: string | undefined;
  /** " (protect)": the mapping's score category, when it has one. */
  category: string;
  type: string;
}

/** A capability's differences on page 1 of a comparison with several pages. */
export interface CapabilityDifferences {
  row: CompareRow;
  capabilityHref: string | undefined;
  added: number;
  removed: number;
  changed: number;
  /** The page that lists them: null for this one ("below"). */
  page: { href: string; label: string } | null;
}

export interface TechniqueFlagView {
  techniqueId: string;
  techniqueHref: string | undefined;
  kind: string;
  oldName: string;
  newName: string;
  /** A revoked technique's replacement, with the note on capabilities that map it instead; null for other notes. */
  revokedBy: { id: string; href: string | undefined; sameDefence: string | null } | null;
  /** The note when there is no replacement to link: "Renamed", "Deprecated in 17.1"... */
  note: string;
}

export interface RenameView {
  from: { label: string; href: string | undefined };
  to: { label: string; href: string | undefined };
  /** "4 of 5 and 6" */
  techniques: string;
  descriptions: string;
}

export interface ComparisonPageView {
  a: MappingSet;
  b: MappingSet;
  framework: Framework;
  /** 1-based. */
  pageNumber: number;
  /** "NIST SP 800-53 rev4 → rev5" */
  title: string;
  /** The breadcrumb's: "rev4 → rev5", with the page after page 1. */
  crumb: string;
  documentTitle: string;
  description: string;
  aTitle: string;
  bTitle: string;
  counts: DiffCounts;
  flagCount: number;
  renameCount: number;
  csv: { href: string; bytes: number } | null;
  /** Every page, when there are several (else none). */
  pages: { number: number; first: string; last: string; href: string | null; added: number; removed: number; changed: number }[];
  /** Page 1 of several: how many capabilities differ, and their differences unless they are too many to list. */
  overview: { capabilityCount: number; capabilities: CapabilityDifferences[] | null } | null;
  /** Whether the added and removed tables have a score column. */
  scored: boolean;
  sides: ComparisonSide[];
  changed: { countLabel: string; fields: ChangedFieldView[] };
  /** The sets' ATT&CK versions, "ATT&CK Enterprise 14.1". */
  attackVersions: { a: string; b: string };
  /** Page 1 only (else empty). */
  flags: TechniqueFlagView[];
  renames: RenameView[];
  next: { href: string; first: string; last: string } | null;
}

const FIELD_LABELS = { scoreValue: 'Score', comments: 'Notes', references: 'References' } as const;

/** Links to the site's pages of a comparison's capabilities and techniques, where it has them. */
function linker(index: ModelIndex, urls: Urls) {
  return {
    capability: (capabilityId: string) => {
      const capability = index.capabilities.get(capabilityId);
      return capability ? urls.capability(capability) : undefined;
    },
    technique: (id: string) => (index.techniques.has(id) ? urls.technique(id) : undefined),
  };
}
type Linker = ReturnType<typeof linker>;

/**
 * A row's score: "protect: significant", the value alone without a category, "" without either.
 * A category without a value is followed by "not scored" unseparated ("protectnot scored"), as
 * the comparison pages have always shown it.
 */
export function scoreLabel(row: CompareRow): string {
  if (!row.scoreCategory && !row.scoreValue) return '';
  return `${row.scoreCategory ?? ''}${row.scoreCategory && row.scoreValue ? ': ' : ''}${row.scoreValue ?? 'not scored'}`;
}

const rowView = (links: Linker, set: MappingSet, row: CompareRow): ComparisonRowView => ({
  row,
  capabilityHref: links.capability(row.capabilityId),
  techniqueHref: links.technique(row.techniqueId),
  type: mappingTypeLabel(set, row.mappingType),
  score: scoreLabel(row),
});

/** "12", or on one of several pages "5 of 12 on this page". */
const countOnPage = (onPage: number, total: number, pageCount: number) =>
  pageCount > 1 ? `${formatCount(onPage)} of ${formatCount(total)} on this page` : formatCount(total);

/** Per capability with differences, in page order: its counts and the first page that lists them. */
function capabilityDifferences(pages: readonly ComparisonPage[], pageNumber: number, links: Linker, pageHref: (n: number) => string): CapabilityDifferences[] {
  const byCapability = new Map<string, { row: CompareRow; added: number; removed: number; changed: number; page: number }>();
  for (const p of pages) {
    const note = (row: CompareRow, kind: 'added' | 'removed' | 'changed') => {
      let entry = byCapability.get(row.capabilityId);
      if (!entry) byCapability.set(row.capabilityId, (entry = { row, added: 0, removed: 0, changed: 0, page: p.number }));
      entry[kind]++;
    };
    p.added.forEach((r) => note(r, 'added'));
    p.removed.forEach((r) => note(r, 'removed'));
    p.changed.forEach((c) => note(c.new, 'changed'));
  }
  return [...byCapability.values()].map(({ row, added, removed, changed, page }) => ({
    row,
    capabilityHref: links.capability(row.capabilityId),
    added,
    removed,
    changed,
    page: page === pageNumber ? null : { href: pageHref(page), label: page === 1 ? 'first page' : `page ${page}` },
  }));
}

function changedFields(links: Linker, b: MappingSet, page: ComparisonPage): ChangedFieldView[] {
  return page.changed.flatMap((change) =>
    change.fields.map((f: FieldChange) => ({
      field: CHANGE_FIELD_NAMES[f.field],
      label: FIELD_LABELS[f.field],
      old: f.old,
      new: f.new,
      row: change.new,
      capabilityHref: links.capability(change.new.capabilityId),
      techniqueHref: links.technique(change.new.techniqueId),
      category: change.new.scoreCategory ? ` (${change.new.scoreCategory})` : '',
      type: mappingTypeLabel(b, change.new.mappingType),
    })),
  );
}

function flagViews(links: Linker, b: MappingSet, compared: StaticComparison): TechniqueFlagView[] {
  return compared.comparison().techniqueFlags.map((f) => {
    const sameDefence =
      f.sameDefence.length > 0
        ? `; ${f.sameDefence.join(', ')}: the same defence under a new id (the newer set maps ${f.revokedBy} to ${f.sameDefence.length === 1 ? 'it' : 'them'})`
        : null;
    const revokedBy = f.kind === 'revoked' && f.revokedBy ? { id: f.revokedBy, href: links.technique(f.revokedBy), sameDefence } : null;
    const note =
      f.kind === 'revoked'
        ? f.revokedBy
          ? ''
          : 'Revoked, with no replacement named'
        : f.kind === 'deprecated'
          ? `Deprecated in ${b.attackVersion}`
          : 'Renamed';
    return {
      techniqueId: f.techniqueId,
      techniqueHref: links.technique(f.techniqueId),
      kind: f.kind,
      oldName: f.oldName ?? '',
      newName: f.newName ?? '',
      revokedBy,
      note,
    };
  });
}

function renameViews(links: Linker, compared: StaticComparison): RenameView[] {
  return compared.comparison().renames.map((r) => ({
    from: { label: r.from.label, href: links.capability(r.from.capabilityId) },
    to: { label: r.to.label, href: links.capability(r.to.capabilityId) },
    techniques: `${r.sharedTechniques} of ${r.from.techniques} and ${r.to.techniques}`,
    descriptions: r.sameDescription ? `the same: ${r.to.description ?? ''}` : `${r.from.description ?? 'none'} → ${r.to.description ?? 'none'}`,
  }));
}

/** What one page of a comparison shows; `csv` is the comparison's CSV download, when the build wrote one. */
export function comparisonPageView(
  index: ModelIndex,
  urls: Urls,
  compared: StaticComparison,
  pageNumber: number,
  csv?: { path: string; bytes?: number },
): ComparisonPageView {
  const { a, b } = compared;
  const framework = required(index.frameworks, a.frameworkId, 'framework');
  const links = linker(index, urls);
  const { counts, techniqueFlags, renames } = compared.comparison();
  const pages = compared.pages();
  const page = required(new Map(pages.map((p) => [p.number, p])), pageNumber, 'comparison page');
  const pageHref = (n: number) => urls.compare(a.id, b.id, n);
  const pair = `${setVersionLabel(a)} → ${setVersionLabel(b)}`;
  const title = `${framework.name} ${pair}`;
  const differences = pageNumber === 1 && pages.length > 1 ? capabilityDifferences(pages, pageNumber, links, pageHref) : [];
  const following = pages[pageNumber];
  return {
    a,
    b,
    framework,
    pageNumber,
    title,
    crumb: pageNumber > 1 ? `${pair} (page ${pageNumber})` : pair,
    documentTitle: pageNumber > 1 ? `Compare ${title} (page ${pageNumber})` : `Compare ${title}`,
    description: `What changed from ${setTitle(a, framework)} to ${setTitle(b, framework)}: ${countsLabel(counts)}.`,
    aTitle: setTitle(a, framework),
    bTitle: setTitle(b, framework),
    counts,
    flagCount: techniqueFlags.length,
    renameCount: renames.length,
    csv: csv ? { href: urls.file(`downloads/${csv.path}`), bytes: csv.bytes ?? 0 } : null,
    pages:
      pages.length > 1
        ? pages.map((p) => ({
            number: p.number,
            first: p.first,
            last: p.last,
            href: p.number === pageNumber ? null : pageHref(p.number),
            added: p.added.length,
            removed: p.removed.length,
            changed: p.changed.length,
          }))
        : [],
    overview:
      differences.length > 0
        ? { capabilityCount: differences.length, capabilities: differences.length > OVERVIEW_MAX_CAPABILITIES ? null : differences }
        : null,
    scored: [...page.added, ...page.removed].some((r) => r.scoreCategory || r.scoreValue),
    sides: [
      {
        id: 'added',
        heading: 'Added',
        caption: 'Mappings only the newer set has',
        rows: page.added.map((r) => rowView(links, b, r)),
        countLabel: countOnPage(page.added.length, counts.added, pages.length),
      },
      {
        id: 'removed',
        heading: 'Removed',
        caption: 'Mappings only the older set has',
        rows: page.removed.map((r) => rowView(links, a, r)),
        countLabel: countOnPage(page.removed.length, counts.removed, pages.length),
      },
    ],
    changed: { countLabel: countOnPage(page.changed.length, counts.changed, pages.length), fields: changedFields(links, b, page) },
    attackVersions: { a: attackVersionLabel(a.domain, a.attackVersion), b: attackVersionLabel(b.domain, b.attackVersion) },
    flags: pageNumber === 1 ? flagViews(links, b, compared) : [],
    renames: pageNumber === 1 ? renameViews(links, compared) : [],
    next: following ? { href: pageHref(following.number), first: following.first, last: following.last } : null,
  };
}
