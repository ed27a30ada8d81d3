/**
 * The matrix of everything (/matrix/): per ATT&CK domain, the newest version any set maps to,
 * every technique shaded by how many frameworks cover it (each framework with its newest set in
 * the domain, its techniques carried to the matrix's version through revoked-by), each cell saying
 * per framework how many capabilities. The answer to "where is ATT&CK thin across all of these?".
 */
import type { ModelIndex } from '../model/model-index.ts';
import type { Framework } from '../model/schema.ts';
import { coverageVersion } from '../coverage/coverage-data.ts';
import { carriedTechniqueId, matrixView, type MatrixCell } from './attack-views.ts';
import { FRAMEWORK_SHADE_LEGEND, frameworkShade } from '../core/matrix-shades.ts';
import { DOMAIN_IDS, type Domain } from '../core/vocabulary.ts';
import { orInsert } from '../core/multimap.ts';

export interface FrameworksCell {
  id: string;
  name: string;
  /** Per framework that covers it, in the matrix's framework order: distinct capabilities mapped. */
  counts: { frameworkId: string; capabilities: number }[];
  shade: number;
  subtechniques: FrameworksCell[];
}

export interface FrameworksMatrix {
  domain: Domain;
  version: string;
  /** The frameworks counted, each with the set it counts with (its newest in the domain). */
  frameworks: { framework: Framework; setId: string; attackVersion: string }[];
  columns: { tacticId: string; name: string; cells: FrameworksCell[]; covered: number; total: number }[];
  /** Techniques and sub-techniques covered by at least one framework, and in the version. */
  covered: number;
  total: number;
  legend: { shade: number; label: string }[];
}

/** The all-frameworks matrix of each domain the catalog has a version of. */
export function frameworksMatrices(index: ModelIndex): FrameworksMatrix[] {
  return DOMAIN_IDS.flatMap((domain) => {
    const version = coverageVersion(index, domain);
    const skeleton = version ? matrixView(index, domain, version, []) : null;
    if (!version || !skeleton) return [];
    const frameworks = [...index.frameworks.values()].flatMap((framework) => {
      const set = framework.setIds.map((id) => index.sets.get(id)).find((s) => s?.domain === domain);
      return set ? [{ framework, setId: set.id, attackVersion: set.attackVersion }] : [];
    });
    // technique id (in the matrix's version) -> framework id -> capabilities. A set of an older
    // version counts for the technique that replaced one it maps, as in the coverage builder.
    const carried = new Map<string, string | null>();
    const carry = (id: string) => {
      if (!carried.has(id)) carried.set(id, carriedTechniqueId(index, domain, version, id));
      return carried.get(id)!;
    };
    const byTechnique = new Map<string, Map<string, Set<string>>>();
    for (const { framework, setId } of frameworks) {
      for (const m of index.mappingsBySet.get(setId) ?? []) {
        const techniqueId = carry(m.techniqueId);
        if (techniqueId === null) continue;
        orInsert(
          orInsert(byTechnique, techniqueId, () => new Map()),
          framework.id,
          () => new Set<string>(),
        ).add(m.capabilityId);
      }
    }
    const cell = (c: MatrixCell): FrameworksCell => {
      const per = byTechnique.get(c.id);
      const counts = frameworks.flatMap(({ framework }) => {
        const n = per?.get(framework.id)?.size ?? 0;
        return n > 0 ? [{ frameworkId: framework.id, capabilities: n }] : [];
      });
      return { id: c.id, name: c.name, counts, shade: frameworkShade(counts.length), subtechniques: c.subtechniques.map(cell) };
    };
    const coveredIds = new Set<string>();
    const columns = skeleton.columns.map((column) => {
      const cells = column.cells.map(cell);
      let covered = 0;
      let total = 0;
      for (const c of cells) {
        for (const x of [c, ...c.subtechniques]) {
          total += 1;
          if (x.shade > 0) {
            covered += 1;
            coveredIds.add(x.id);
          }
        }
      }
      return { tacticId: column.tacticId, name: column.name, cells, covered, total };
    });
    return [
      {
        domain,
        version,
        frameworks,
        columns,
        covered: coveredIds.size,
        total: skeleton.total,
        legend: [{ shade: 0, label: 'no framework' }, ...FRAMEWORK_SHADE_LEGEND],
      },
    ];
  });
}
