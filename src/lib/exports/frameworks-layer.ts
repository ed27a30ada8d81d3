/**
 * The Navigator layer of /matrix/ for one ATT&CK domain (/matrix/layer-<domain>.json): each
 * technique scored by how many frameworks cover it, its comment and metadata saying per framework
 * how many capabilities, as the page's cells do. Written by navigatorLayer like every layer of the
 * site; pure, from the matrix's view.
 */
import type { FrameworksCell, FrameworksMatrix } from '../views/frameworks-matrix.ts';
import { attackVersionLabel } from '../core/labels.ts';
import { plural } from '../core/id-breaks.ts';
import { gradientColor, navigatorLayer } from './export-formats.ts';

/** Absolute URLs the layer links: the /matrix/ page and a technique's page. */
export interface FrameworksLayerPages {
  matrix: string;
  technique: (id: string) => string;
}

/** The layer (format 4.5) of one domain's matrix of every framework. */
export function frameworksLayer(view: FrameworksMatrix, pages: FrameworksLayerPages): object {
  const names = new Map(view.frameworks.map(({ framework }) => [framework.id, framework.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  // A technique of several tactics is in several columns: one entry each.
  const cells = new Map<string, FrameworksCell>();
  const parentOf = new Map<string, string>();
  for (const column of view.columns) {
    for (const cell of column.cells) {
      cells.set(cell.id, cell);
      for (const sub of cell.subtechniques) {
        cells.set(sub.id, sub);
        parentOf.set(sub.id, cell.id);
      }
    }
  }
  const coveredSubs = new Map<string, string[]>();
  for (const [id, cell] of cells) {
    const parent = parentOf.get(id);
    if (parent && cell.counts.length > 0) coveredSubs.set(parent, [...(coveredSubs.get(parent) ?? []), id]);
  }
  const techniques = [...cells.values()]
    .filter((cell) => cell.counts.length > 0 || coveredSubs.has(cell.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((cell) => {
      const expand = coveredSubs.has(cell.id) ? { showSubtechniques: true } : {};
      if (cell.counts.length === 0) {
        return { techniqueID: cell.id, comment: `Sub-techniques covered: ${coveredSubs.get(cell.id)!.join(', ')}`, enabled: true, ...expand };
      }
      const per = cell.counts.map((c) => ({ name: nameOf(c.frameworkId), value: plural(c.capabilities, 'capability', 'capabilities') }));
      return {
        techniqueID: cell.id,
        score: cell.counts.length,
        comment: `Covered by ${plural(cell.counts.length, 'framework')}: ${per.map((p) => `${p.name} (${p.value})`).join('; ')}`,
        enabled: true,
        metadata: per,
        links: [{ label: `${cell.id} on Mapscope`, url: pages.technique(cell.id) }],
        ...expand,
      };
    });
  const maxValue = Math.max(1, view.frameworks.length);
  const scores = [...new Set(techniques.flatMap((t) => ('score' in t ? [t.score] : [])))].sort((a, b) => a - b);
  const attack = attackVersionLabel(view.domain, view.version);
  return navigatorLayer({
    name: `Every framework: ${attack}`,
    attackVersion: view.version,
    domain: view.domain,
    description: `Made by Mapscope from ${plural(view.frameworks.length, 'framework')}, each with its newest set in the domain. Score: how many frameworks map at least one capability to the technique; the comment and metadata say how many capabilities each. A technique revoked since a set's ATT&CK version counts for the one that replaced it. ${view.covered} of ${view.total} techniques and sub-techniques of ${attack} covered.`,
    techniques,
    minValue: 0,
    maxValue,
    legendItems: scores.map((n) => ({ label: plural(n, 'framework'), color: gradientColor(n / maxValue) })),
    metadata: view.frameworks.map(({ framework, setId, attackVersion }) => ({ name: framework.name, value: `${setId} (ATT&CK ${attackVersion})` })),
    links: [{ label: 'The matrix of every framework on Mapscope', url: pages.matrix }],
  });
}
