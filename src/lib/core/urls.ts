/**
 * The URL scheme, in one place. Every internal link is built here from the site's base path, so
 * a site deployed under a sub-path (e.g. /mapscope/ on GitHub Pages) works unchanged.
 *
 *   /                                         home
 *   /techniques/                              technique index
 *   /techniques/T1046/                        a technique (or sub-technique: /techniques/T1059.001/)
 *   /tactics/                                 tactic index (per ATT&CK domain)
 *   /tactics/TA0007/                          a tactic: its techniques and what maps to them
 *   /frameworks/                              framework index
 *   /frameworks/nist_800_53/                  a framework: its sets and capability groups
 *   /frameworks/nist_800_53/groups/ac/        a capability group
 *   /frameworks/nist_800_53/capabilities/ac-4/ a capability (control, product feature, CVE...)
 *   /sets/nist_800_53-rev5_attack-8.2-enterprise/  a mapping set
 *   /groups/, /groups/G0016/                  ATT&CK groups (adversaries); /campaigns/C0024/, /software/S0002/ alike
 *   /mitigations/, /mitigations/M1030/        ATT&CK mitigations and the capabilities mapped to what they mitigate
 *   /search/?q=...                            search
 *   /coverage/?c=azure:azure_firewall&b=...   the coverage builder (a selection of capabilities in the query)
 *   /data-quality/                            every warning of the build, by set (#<set id>) and kind
 *   /compare/                                 comparisons of sets: the static ones by framework, and a picker
 *   /matrix/                                  every technique shaded by how many frameworks cover it (#<domain>)
 *   /matrix/layer-enterprise.json             its Navigator layer of one domain
 *   /guide/                                   how to read Mapscope: mapping types, scores, scope, terms (#<section>)
 *   /compare/<set a>/<set b>/                 what changed from set a (older) to set b (newer); /2/, /3/... its further pages
 *
 * Row anchors: #<row id> on technique, capability and group pages; #set-<set id> narrows a page
 * to one set. Set pages: #matrix (the ATT&CK matrix), #gaps (what the set leaves uncovered).
 */

import type { Domain } from './vocabulary.ts';

export interface SiteUrls {
  home(): string;
  techniques(): string;
  technique(id: string): string;
  tactics(): string;
  tactic(id: string): string;
  frameworks(): string;
  framework(id: string): string;
  group(group: { frameworkId: string; slug: string }): string;
  capability(capability: { frameworkId: string; slug: string }): string;
  set(id: string): string;
  /** The list of an ATT&CK adversary kind: /groups/, /campaigns/, /software/. */
  adversaries(kind: AdversaryKind): string;
  /** An ATT&CK group, campaign or software: /groups/G0016/. */
  adversary(kind: AdversaryKind, id: string): string;
  mitigations(): string;
  mitigation(id: string): string;
  /** The coverage builder with adversaries as the threat profile (t=). */
  threatProfile(ids: readonly string[]): string;
  search(query?: string): string;
  /** The coverage builder, with capabilities chosen ("framework:id"). */
  coverage(capabilities?: readonly string[]): string;
  /** The data-quality page, or its section for one set, or that section's warnings of one kind. */
  dataQuality(setId?: string, kind?: string): string;
  /** The comparisons index, with the picker for any two sets. */
  compareIndex(): string;
  /** The static comparison of set a (older) with set b (newer), or one of its further pages (2, 3...). */
  compare(a: string, b: string, page?: number): string;
  /** The matrix of every framework. */
  matrix(): string;
  /** The Navigator layer of the matrix of every framework, for one domain. */
  matrixLayer(domain: Domain): string;
  /** The guide: how to read the site. */
  guide(): string;
  /** A file under public/ or a generated asset, e.g. "downloads/x.csv". */
  file(path: string): string;
}

/** The kinds of ATT&CK adversary pages, and their URL segment. */
export type AdversaryKind = 'group' | 'campaign' | 'software';
export const ADVERSARY_SEGMENTS: Readonly<Record<AdversaryKind, string>> = { group: 'groups', campaign: 'campaigns', software: 'software' };

/** A link to an element of the page itself: "#<id>". Every anchor link is built here or by withAnchor. */
export const anchorHref = (id: string) => `#${id}`;

/** A URL with an anchor: "<url>#<id>", the element of that page. */
export const withAnchor = (url: string, id: string) => `${url}#${id}`;

/** Anchor of the "only this set" filter on a page. */
export const setAnchor = (setId: string) => `set-${setId}`;

/** The id of the data-quality page's list of one set's warnings of one kind. */
export const warningKindAnchor = (setId: string, kind: string) => `${setId}-${kind}`;

/** Build the URL helpers for a base path ("/" or "/sub/path/"). */
export function createUrls(base: string): SiteUrls {
  const root = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const at = (...segments: string[]) => `${root}${segments.map(encodeURIComponent).join('/')}${segments.length ? '/' : ''}`;
  return {
    home: () => root,
    techniques: () => at('techniques'),
    technique: (id) => at('techniques', id),
    tactics: () => at('tactics'),
    tactic: (id) => at('tactics', id),
    frameworks: () => at('frameworks'),
    framework: (id) => at('frameworks', id),
    group: (g) => at('frameworks', g.frameworkId, 'groups', g.slug),
    capability: (c) => at('frameworks', c.frameworkId, 'capabilities', c.slug),
    set: (id) => at('sets', id),
    adversaries: (kind) => at(ADVERSARY_SEGMENTS[kind]),
    adversary: (kind, id) => at(ADVERSARY_SEGMENTS[kind], id),
    mitigations: () => at('mitigations'),
    mitigation: (id) => at('mitigations', id),
    threatProfile: (ids) => `${at('coverage')}${ids.length ? `?${ids.map((id) => `t=${encodeURIComponent(id)}`).join('&')}` : ''}`,
    coverage: (capabilities = []) =>
      `${at('coverage')}${capabilities.length ? `?${capabilities.map((c) => `c=${encodeURIComponent(c).replace(/%3A/gi, ':')}`).join('&')}` : ''}`,
    search: (query) => `${at('search')}${query ? `?q=${encodeURIComponent(query)}` : ''}`,
    dataQuality: (setId, kind) =>
      setId ? withAnchor(at('data-quality'), encodeURIComponent(kind ? warningKindAnchor(setId, kind) : setId)) : at('data-quality'),
    compareIndex: () => at('compare'),
    guide: () => at('guide'),
    matrix: () => at('matrix'),
    matrixLayer: (domain) => `${at('matrix')}layer-${encodeURIComponent(domain)}.json`,
    compare: (a, b, page) => (page && page > 1 ? at('compare', a, b, String(page)) : at('compare', a, b)),
    file: (path) => `${root}${path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`,
  };
}

/** The ATT&CK website page of a technique or sub-technique, current or as of a major version ("16"). */
export function attackTechniqueUrl(id: string, major?: string): string {
  return `https://attack.mitre.org/${major ? `versions/v${major}/` : ''}techniques/${id.replace('.', '/')}/`;
}

/** The ATT&CK website page of a tactic. */
export function attackTacticUrl(id: string): string {
  return `https://attack.mitre.org/tactics/${id}/`;
}

/** True for absolute http: or https: URLs with a host and no whitespace or control characters. */
export function isHttpUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
