/** Scored cloud frameworks: Azure, AWS, GCP, Microsoft 365, Intel vPro. */
import Papa from 'papaparse';
import {
  AWS_CAPABILITIES,
  AZURE_CAPABILITIES,
  GCP_CAPABILITIES,
  INTEL_CAPABILITIES,
  INTEL_GROUPS,
  INTEL_MAPPING_TYPES,
  M365_CAPABILITIES,
  M365_GROUPS,
} from './names.ts';
import { messReferences, misplaceTechnique } from './mess.ts';
import { nameAt } from './attack.ts';
import { parentTechniqueId } from '../../src/lib/core/ids.ts';
import { comment, metadata, assemble, setFileBase, type SetSpec, type Obj, type CorpusContext } from './set-shapes.ts';

/** The pool makers of the scored cloud sets, drawing from the context's random source. */
function scoredPools(ctx: CorpusContext) {
  const { rng, active } = ctx;
  const categories = ['protect', 'detect', 'respond'] as const;
  const values = ['minimal', 'partial', 'significant'] as const;
  const scoredPool = (caps: readonly [string, string, string?][], docs: (id: string) => string, attack: string, size: number, plant: Obj[]): Obj[] => {
    const pool: Obj[] = [...plant];
    const used = new Set(plant.map((o) => `${o['capability_id']}|${o['attack_object_id']}|${o['score_category']}`));
    while (pool.length < size + 50) {
      const [id, name, group] = rng.pick(caps);
      const t = rng.pick(active('enterprise', attack));
      const category = rng.pick(categories);
      if (used.has(`${id}|${t.id}|${category}`)) continue;
      used.add(`${id}|${t.id}|${category}`);
      const value = rng.pick(values);
      const parent = parentTechniqueId(t.id);
      pool.push({
        capability_id: id,
        capability_description: name,
        capability_group: group ?? id,
        mapping_type: 'technique_scores',
        attack_object_id: t.id,
        attack_object_name: nameAt(t, attack),
        score_category: category,
        score_value: value,
        ...(parent ? { related_score: parent } : {}),
        comments: rng.chance(0.96) ? comment(rng, name, nameAt(t, attack), value) : '',
        references: Array.from({ length: rng.int(0, 3) }, (_, i) => `${docs(id)}${i ? `-${i}` : ''}`),
        status: 'complete',
      });
    }
    return pool;
  };
  const capabilityNonMappables = (caps: readonly (readonly [string, string, string?])[], count: number, nullRefs: boolean): Obj[] =>
    caps.slice(-count).map(([id, name, group]) => ({
      comments: null,
      attack_object_id: null,
      attack_object_name: null,
      references: nullRefs ? null : [],
      capability_description: `${name} (retired)`,
      capability_id: `${id}_retired`,
      mapping_type: null,
      score_category: null,
      score_value: null,
      related_score: null,
      capability_group: group ?? id,
      status: 'non_mappable',
    }));
  return { scoredPool, capabilityNonMappables };
}

type Pools = ReturnType<typeof scoredPools>;

/** Azure 8.2 in the older shape (groups/group, opaque type key used as an array), 16.1 in the new one. */
function azureSets(ctx: CorpusContext, pools: Pools): void {
  const { rng, attackFacts, t1046, emit } = ctx;
  const { scoredPool, capabilityNonMappables } = pools;
  const sentinelComment =
    'The Azure Sentinel Analytics "High count of connections by client IP on many ports" query can detect when a given client IP has 30 or more ports used within a 10 minute window, which may indicate malicious scanning. The Azure Sentinel Analytics "Powershell Empire cmdlets seen in command line" query can detect scanning via Empire, but does not address other procedures.';
  const uuid = '1aa85526-d3a4-4dde-82c9-4c3b1dfc90d0';
  const azureDocs = (id: string) => `https://docs.microsoft.com/en-us/azure/${id.replace(/_/g, '-')}/overview`;
  for (const [attack, version, size] of [
    ['8.2', '06/29/2021', 1100],
    ['16.1', '04/26/2025', 1400],
  ] as const) {
    const spec: SetSpec = { framework: 'azure', version, attack, domain: 'enterprise', size };
    const old = attack === '8.2';
    const plant: Obj = {
      capability_id: 'azure_sentinel',
      capability_description: 'Azure Sentinel',
      capability_group: 'azure_sentinel',
      mapping_type: 'technique_scores',
      attack_object_id: 'T1046',
      attack_object_name: nameAt(t1046, attack),
      score_category: 'detect',
      score_value: 'partial',
      comments: sentinelComment,
      references: ['https://docs.microsoft.com/en-us/azure/sentinel/overview', 'https://docs.microsoft.com/en-us/azure/sentinel/hunting'],
      status: 'complete',
    };
    const pool = scoredPool(AZURE_CAPABILITIES, azureDocs, attack, size, [plant]).map((o) => {
      if (old) {
        const { capability_group, ...rest } = o;
        return { ...rest, capability_id: o['capability_description'], mapping_type: [uuid], related_score: o['related_score'] ?? '', group: capability_group };
      }
      return o['capability_id'] === 'azure_sentinel' ? { ...o, capability_id: 'microsoft_sentinel', capability_description: 'Microsoft Sentinel' } : o;
    });
    if (!old) misplaceTechnique(pool, 213, 'T1053.001', nameAt(attackFacts.technique('enterprise', 'T1053.001')!, '16.1'));
    const built = assemble(rng, size, pool, capabilityNonMappables(AZURE_CAPABILITIES, 2, false), 0.003);
    const groups = Object.fromEntries(AZURE_CAPABILITIES.map(([id, name]) => [id, id === 'azure_sentinel' && !old ? 'Microsoft Sentinel' : name]));
    for (const [id, name] of AZURE_CAPABILITIES.slice(-2)) groups[`${id}_retired`] = `${name} (retired)`;
    const meta = metadata(spec, {
      mapping_version: old ? '1' : '',
      contact: old ? 'ctid@mitre-engenuity.org' : 'ctid@mitre.org',
      creation_date: version,
      last_update: old ? version : '05/29/2025',
      mapping_types: { [old ? uuid : 'technique_scores']: { name: 'technique_scores', description: '' } },
      [old ? 'groups' : 'capability_groups']: groups,
    });
    emit(spec, meta, built, 'pretty4');
  }
}

/** AWS: 9.0 as the published CSV export (old column order, "group" column, index column, Python-list references, labels); 16.1 as JSON. */
function awsSets(ctx: CorpusContext, pools: Pools): void {
  const { rng, attackFacts, t1046, emit, files, sets, summary } = ctx;
  const { scoredPool, capabilityNonMappables } = pools;
  const guardDutyComment =
    'The following GuardDuty finding types reflect flagged events where there is an attempt to get a list of services running on a remote host. Recon:EC2/PortProbeEMRUnprotectedPort Recon:EC2/PortProbeUnprotectedPort Recon:EC2/Portscan Impact:EC2/PortSweep';
  const awsDocs = (id: string) => `https://docs.aws.amazon.com/${id.replace(/_/g, '-')}/latest/userguide`;
  for (const [attack, version, size] of [
    ['9.0', '09/21/2021', 800],
    ['16.1', '12/12/2024', 1000],
  ] as const) {
    const spec: SetSpec = { framework: 'aws', version, attack, domain: 'enterprise', size };
    const plant: Obj = {
      capability_id: 'amazon_guardduty',
      capability_description: 'Amazon GuardDuty',
      capability_group: 'amazon_guardduty',
      mapping_type: 'technique_scores',
      attack_object_id: 'T1046',
      attack_object_name: nameAt(t1046, attack),
      score_category: 'detect',
      score_value: 'partial',
      comments: guardDutyComment,
      references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html'],
      status: 'complete',
    };
    const pool = scoredPool(AWS_CAPABILITIES, awsDocs, attack, size, [plant]);
    // The 16.1 file maps a technique ATT&CK 16.1 revoked (as the Azure one does).
    if (attack === '16.1') misplaceTechnique(pool, 85, 'T1053.001', nameAt(attackFacts.technique('enterprise', 'T1053.001')!, '16.1'));
    const built = assemble(rng, size, pool, capabilityNonMappables(AWS_CAPABILITIES, 2, true), 0.003);
    const groups = Object.fromEntries(AWS_CAPABILITIES.map(([id, name]) => [id, name]));
    if (attack === '9.0') {
      const rows = built.objects.map((o, i) => [
        String(i),
        o['comments'] ?? '',
        o['attack_object_id'] ?? '',
        o['attack_object_name'] ?? '',
        o['references'] == null ? '' : `[${(o['references'] as string[]).map((r) => `'${r}'`).join(', ')}]`,
        o['capability_description'] ?? '',
        o['capability_id'] ?? '',
        o['mapping_type'] ?? '',
        o['score_category'] ?? '',
        o['score_value'] ?? '',
        o['related_score'] ?? '',
        groups[String(o['capability_group'])] ?? '',
        o['status'],
        '',
        version,
        version,
        attack,
        'enterprise',
        'aws',
        version,
      ]);
      const header = [
        '',
        'comments',
        'attack_object_id',
        'attack_object_name',
        'references',
        'capability_description',
        'capability_id',
        'mapping_type',
        'score_category',
        'score_value',
        'related_score',
        'group',
        'status',
        'organization',
        'creation_date',
        'last_update',
        'attack_version',
        'technology_domain',
        'mapping_framework',
        'mapping_framework_version',
      ];
      const path = `${setFileBase(spec)}.csv`;
      files.push({ path, content: `${Papa.unparse([header, ...rows], { newline: '\n' })}\n` });
      sets.push(summary(path, built));
    } else {
      emit(
        spec,
        metadata(spec, {
          contact: 'ctid@mitre.org',
          creation_date: '09/21/2021',
          last_update: '12/11/2024',
          mapping_types: { technique_scores: { name: 'technique_scores', description: '' } },
          capability_groups: groups,
        }),
        built,
        'pretty4',
      );
    }
  }
}

/** GCP 10.0 (related_score "", capability-side non-mappables with null references) and 16.1. */
function gcpSets(ctx: CorpusContext, pools: Pools): void {
  const { rng, messRng, emit } = ctx;
  const { scoredPool, capabilityNonMappables } = pools;
  const gcpDocs = (id: string) => `https://cloud.google.com/${id.replace(/_/g, '-')}/docs`;
  for (const [attack, version, size] of [
    ['10.0', '06/28/2022', 700],
    ['16.1', '03/06/2025', 900],
  ] as const) {
    const spec: SetSpec = { framework: 'gcp', version, attack, domain: 'enterprise', size };
    const pool = scoredPool(GCP_CAPABILITIES, gcpDocs, attack, size, []).map((o) =>
      attack === '10.0' ? { ...o, related_score: o['related_score'] ?? '' } : o,
    );
    messReferences(messRng, pool, attack === '10.0' ? 0.02 : 0.002);
    const built = assemble(rng, size, pool, capabilityNonMappables(GCP_CAPABILITIES, 3, true), 0.003);
    const groups = Object.fromEntries(
      [...GCP_CAPABILITIES, ...GCP_CAPABILITIES.slice(-3).map(([id, n]) => [`${id}_retired`, `${n} (retired)`])].map(([id, name]) => [id, name]),
    );
    emit(
      spec,
      metadata(spec, {
        creation_date: version,
        last_update: version,
        mapping_types: { technique_scores: { name: 'technique_scores', description: '' } },
        capability_groups: groups,
      }),
      built,
      attack === '10.0' ? 'pretty4' : 'pretty2',
    );
  }
}

/** Microsoft 365: "technique_scores" in 14.1, the drifted "technique_score" in 16.1. */
function m365Sets(ctx: CorpusContext, pools: Pools): void {
  const { rng, messRng, emit } = ctx;
  const { scoredPool } = pools;
  const m365Docs = (id: string) => `https://learn.microsoft.com/en-us/microsoft-365/security/${id.toLowerCase()}`;
  for (const [attack, version, size, key] of [
    ['14.1', '12/11/2023', 600, 'technique_scores'],
    ['16.1', '07/18/2025', 750, 'technique_score'],
  ] as const) {
    const spec: SetSpec = { framework: 'm365', version, attack, domain: 'enterprise', size };
    const pool: Obj[] = scoredPool(M365_CAPABILITIES, m365Docs, attack, size, []).map((o) => ({ ...o, mapping_type: key }));
    messReferences(messRng, pool, attack === '16.1' ? 0.12 : 0.05);
    // The 14.1 file has rows of its scored type without a score (7 of them in the published one).
    if (attack === '14.1') {
      for (const o of pool.filter((_, i) => i % 80 === 7).slice(0, 7)) {
        delete o['score_value'];
        if (messRng.chance(0.7)) delete o['score_category'];
      }
    }
    const built = assemble(rng, size, pool, [], 0.003);
    emit(
      spec,
      metadata(spec, {
        author: 'Center for Threat-Informed Defense',
        contact: 'ctid@mitre.org',
        organization: 'Center for Threat-Informed Defense',
        creation_date: version,
        last_update: version,
        mapping_types: { [key]: { name: 'Technique Scores', description: '' } },
        capability_groups: M365_GROUPS,
      }),
      built,
      'pretty2',
    );
  }
}

/** Intel vPro: opaque mapping type keys with display names, scores. */
function intelSets(ctx: CorpusContext, pools: Pools): void {
  const { rng, messRng, emit } = ctx;
  const { scoredPool } = pools;
  const spec: SetSpec = { framework: 'intel-vpro', version: '08/20/2024', attack: '15.1', domain: 'enterprise', size: 157 };
  const typeKeys = Object.keys(INTEL_MAPPING_TYPES);
  const pool = scoredPool(INTEL_CAPABILITIES, (id) => `https://www.intel.com/content/www/us/en/developer/articles/technical/${id}.html`, '15.1', 157, []).map(
    (o) => ({ ...o, mapping_type: rng.pick(typeKeys) }),
  );
  messReferences(messRng, pool, 0.12);
  const built = assemble(rng, 157, pool, [], 0.003);
  emit(
    spec,
    metadata(spec, {
      mapping_version: '1.0.0',
      creation_date: '08/20/2024',
      last_update: '12/20/2024',
      mapping_types: Object.fromEntries(typeKeys.map((k) => [k, { name: INTEL_MAPPING_TYPES[k]!, description: '' }])),
      capability_groups: INTEL_GROUPS,
    }),
    built,
    'pretty4',
  );
}

/** The scored cloud sets, in the order their random draws were made. */
export function cloudSets(ctx: CorpusContext): void {
  const pools = scoredPools(ctx);
  azureSets(ctx, pools);
  awsSets(ctx, pools);
  gcpSets(ctx, pools);
  m365Sets(ctx, pools);
  intelSets(ctx, pools);
}
