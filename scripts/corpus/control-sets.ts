/** CRI Profile and CSA CCM: control frameworks with "mitigates" and long comments. */
import { CRI_GROUPS, CSA_GROUPS } from './names.ts';
import { nameAt } from './attack.ts';
import { comment, metadata, assemble, type SetSpec, type Obj, type TechniqueEntry, type CorpusContext } from './set-shapes.ts';

/** One control framework's sets: groups of numbered controls, each mapped with "mitigates". */
function controlFramework(
  ctx: CorpusContext,
  framework: string,
  groups: Readonly<Record<string, string>>,
  idFor: (group: string, n: number, m: number) => string,
  specs: [string, string, number][],
  statementCount: number,
): void {
  const { rng, active, emit } = ctx;
  const caps: [string, string, string][] = [];
  for (const group of Object.keys(groups)) {
    for (let n = 1; n <= rng.int(4, 9); n++) {
      for (let m = 1; m <= statementCount; m++)
        caps.push([
          idFor(group, n, m),
          `${groups[group]!.split(': ').pop()} ${rng.pick(['policy', 'monitoring', 'review', 'controls', 'baseline', 'testing'])}`,
          group,
        ]);
    }
  }
  const pairs: [string, string, string, TechniqueEntry, string | null][] = [];
  const used = new Set<string>();
  while (pairs.length < 2000) {
    const [id, name, group] = rng.pick(caps);
    const t = rng.pick(active('enterprise', ...specs.map(([, attack]) => attack)));
    if (used.has(`${id}|${t.id}`)) continue;
    used.add(`${id}|${t.id}`);
    pairs.push([id, name, group, t, rng.chance(0.58) ? `- ${comment(rng, name, nameAt(t, specs[0]![1]), 'partial').replace(/\. /g, '.\r\n- ')}` : null]);
  }
  for (const [version, attack, size] of specs) {
    const spec: SetSpec = { framework, version, attack, domain: 'enterprise', size };
    const pool = pairs.map(([id, name, group, t, text]): Obj => ({
      capability_id: id,
      capability_description: name,
      mapping_type: 'mitigates',
      attack_object_id: t.id,
      attack_object_name: nameAt(t, attack),
      capability_group: group,
      ...(text ? { comments: text } : {}),
      references: [],
      status: framework === 'csa_ccm' && version === '4.1' && rng.chance(0.03) ? 'participant_review' : 'complete',
    }));
    const nonMappables = caps.slice(0, 4).map(([id, name, group]): Obj => ({
      capability_id: `${id}-X`,
      capability_description: `${name} (organizational)`,
      mapping_type: 'non_mappable',
      attack_object_id: null,
      attack_object_name: null,
      capability_group: group,
      comments: 'Organizational control; no ATT&CK technique applies.',
      references: [],
      status: 'non_mappable',
    }));
    const built = assemble(rng, size, pool, nonMappables, 0.002);
    emit(
      spec,
      metadata(spec, {
        creation_date: '02/24/2025',
        last_update: '07/10/2025',
        mapping_types: { mitigates: { name: 'Mitigates', description: '' }, non_mappable: { name: 'Non-Mappable', description: '' } },
        capability_groups: groups,
      }),
      built,
      'pretty4',
    );
  }
}

/** The CRI Profile and CSA CCM sets. */
export function controlSets(ctx: CorpusContext): void {
  controlFramework(
    ctx,
    'cri_profile',
    CRI_GROUPS,
    (g, n, m) => `${g}-${String(n).padStart(2, '0')}.${String(m).padStart(2, '0')}`,
    [
      ['v2', '16.1', 1200],
      ['v2.1', '16.1', 1300],
    ],
    2,
  );
  controlFramework(
    ctx,
    'csa_ccm',
    CSA_GROUPS,
    (g, n) => `${g}-${String(n).padStart(2, '0')}`,
    [
      ['v4', '16.1', 600],
      ['4.1', '17.1', 700],
    ],
    1,
  );
}
