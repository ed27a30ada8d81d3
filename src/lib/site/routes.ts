/**
 * The route table: which pages exist, as plain values computed from the model. Pages'
 * getStaticPaths return these; tests check them without a build.
 */
import { consecutivePairs } from '../compare/pairs.ts';
import type { SiteComparisons } from '../compare/site-comparisons.ts';
import type { Model } from '../model/schema.ts';
import type { AdversaryKind } from '../core/urls.ts';
import { adversaryKind } from '../attack/adversaries.ts';
import type { FrameworksMatrix } from '../views/frameworks-matrix.ts';

export const techniqueRoutes = (model: Model) => model.techniques.map((t) => ({ params: { id: t.id } }));

export const frameworkRoutes = (model: Model) => model.frameworks.map((f) => ({ params: { framework: f.id } }));

export const groupRoutes = (model: Model) => model.groups.map((g) => ({ params: { framework: g.frameworkId, group: g.slug }, props: { id: g.id } }));

export const capabilityRoutes = (model: Model) =>
  model.capabilities.map((c) => ({ params: { framework: c.frameworkId, capability: c.slug }, props: { id: c.id } }));

export const setRoutes = (model: Model) => model.sets.map((s) => ({ params: { set: s.id } }));

export const tacticRoutes = (model: Model) => model.tactics.map((t) => ({ params: { id: t.id } }));

/** One page per pair of consecutive sets (src/lib/compare/pairs.ts): /compare/<a>/<b>/. */
export const compareRoutes = (model: Model) => consecutivePairs(model.sets).map(({ a, b }) => ({ params: { a: a.id, b: b.id } }));

/** The further pages of comparisons too long for one: /compare/<a>/<b>/2/ ... */
export const comparePageRoutes = (comparisons: SiteComparisons) =>
  comparisons.all.flatMap((c) =>
    c
      .pages()
      .slice(1)
      .map((page) => ({ params: { a: c.a.id, b: c.b.id, page: String(page.number) } })),
  );

const adversaryIdsOf = (model: Model, list: 'groups' | 'campaigns' | 'software' | 'mitigations') =>
  [...new Set((model.adversaries ?? []).flatMap((a) => a.facts[list].map((o) => o.id)))].sort();

/** One page per ATT&CK group, campaign or software of the site's domains (an id in several domains has one page): /groups/G0016/. */
export const adversaryRoutes = (model: Model, kind: AdversaryKind) =>
  adversaryIdsOf(model, kind === 'group' ? 'groups' : kind === 'campaign' ? 'campaigns' : 'software')
    .filter((id) => adversaryKind(id) === kind)
    .map((id) => ({ params: { id } }));

/** One page per ATT&CK mitigation of the site's domains: /mitigations/M1030/. */
export const mitigationRoutes = (model: Model) => adversaryIdsOf(model, 'mitigations').map((id) => ({ params: { id } }));

/** One Navigator layer per domain of the matrix of every framework: /matrix/layer-<domain>.json. */
export const matrixLayerRoutes = (matrices: readonly FrameworksMatrix[]) => matrices.map((view) => ({ params: { domain: view.domain }, props: { view } }));
