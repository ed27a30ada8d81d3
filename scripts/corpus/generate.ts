/**
 * A deterministic synthetic corpus shaped like the public Mappings Explorer data: 33 sets over
 * 10 frameworks, 67,000 mapping objects, sets from 8 to 5,400 objects, ~15% of them with
 * comments of ~430 characters, sub-techniques, non-mappables of both shapes, padded and
 * spaced ids, renamed mapping types, older file shapes, CSV exports and exact duplicates.
 * The same seed always yields byte-identical files.
 */
import Papa from 'papaparse';
import {
  ACTIVITIES,
  ADJECTIVES,
  AWS_CAPABILITIES,
  AZURE_CAPABILITIES,
  CRI_GROUPS,
  CSA_GROUPS,
  GCP_CAPABILITIES,
  INTEL_CAPABILITIES,
  INTEL_GROUPS,
  INTEL_MAPPING_TYPES,
  KEV_GROUPS,
  M365_CAPABILITIES,
  M365_GROUPS,
  NIST_CONTROLS,
  NIST_FAMILIES,
  NOUNS,
  VENDORS,
  VERIS_ACTIONS,
} from './names.ts';

import { parentTechniqueId } from '../../src/lib/core/ids.ts';
import { Random } from './random.ts';
import { messReferences, misdescribe, misplaceTechnique } from './mess.ts';
import { loadCorpusAttack, nameAt, type CorpusTechnique } from './attack.ts';

export interface CorpusFile {
  path: string;
  content: string;
}

export interface CorpusSetSummary {
  file: string;
  objects: number;
  nonMappable: number;
  duplicates: number;
  withComments: number;
}

export interface Corpus {
  files: CorpusFile[];
  sets: CorpusSetSummary[];
}

type Domain = 'enterprise' | 'mobile' | 'ics';
type Obj = Record<string, unknown>;

type TechniqueEntry = CorpusTechnique;

/** A comment of about 430 characters about what a capability does against a technique. */
function comment(rng: Random, product: string, technique: string, score: string): string {
  const sentences = [
    `${product} can ${rng.pick(['detect', 'alert on', 'block', 'restrict', 'log'])} ${rng.pick(ACTIVITIES)} associated with ${technique}.`,
    `It relies on ${rng.pick(ACTIVITIES)} and ${rng.pick(ACTIVITIES)} as signals, which covers ${rng.pick(['some', 'most', 'a few'])} of the procedure examples of this technique.`,
    `Because this coverage is specific to ${rng.pick(['cloud workloads', 'managed endpoints', 'web applications', 'identity providers', 'network boundaries'])} and not other platforms enumerated for this technique, it has been scored as ${score}.`,
    `The temporal factor is ${rng.pick(['high', 'moderate', 'low'])} because ${rng.pick(['detections run in near real time', 'most analytics run on a schedule', 'the data is collected in batches'])}.`,
  ];
  let text = sentences.join(' ');
  while (text.length < 380) text += ` ${rng.pick(['Tuning reduces false positives.', 'Coverage varies by configuration.', 'Administrators must enable this feature.'])}`;
  return text.slice(0, 520);
}

interface SetSpec {
  framework: string;
  version: string;
  attack: string;
  domain: Domain;
  size: number;
}

const versionFolder = (v: string) => v.replace(/\//g, '.');

function setFileBase(spec: SetSpec): string {
  const fw = `${spec.framework}-${versionFolder(spec.version)}`;
  return `${spec.framework}/attack-${spec.attack}/${fw}/${spec.domain}/${fw}_attack-${spec.attack}-${spec.domain}`;
}

function metadata(spec: SetSpec, extra: Obj): Obj {
  return {
    mapping_version: '',
    technology_domain: spec.domain,
    attack_version: spec.attack,
    mapping_framework: spec.framework,
    mapping_framework_version: spec.version,
    author: null,
    contact: null,
    organization: null,
    ...extra,
  };
}

/** Fill a set up to its size: rows from the pool, then non-mappables, then exact duplicates. */
function assemble(rng: Random, size: number, pool: readonly Obj[], nonMappables: readonly Obj[], dupRate: number): {
  objects: Obj[];
  nonMappable: number;
  duplicates: number;
} {
  const dupCount = Math.max(size >= 200 ? 1 : 0, Math.round(size * dupRate));
  const nmCount = Math.min(nonMappables.length, Math.max(0, size - dupCount - 1));
  const rowCount = size - dupCount - nmCount;
  if (pool.length < rowCount) throw new Error(`pool too small: ${pool.length} < ${rowCount}`);
  const rows = pool.slice(0, rowCount).map((o) => ({ ...o }));
  const objects: Obj[] = [...nonMappables.slice(0, nmCount).map((o) => ({ ...o })), ...rows];
  for (let i = 0; i < dupCount; i++) {
    const at = rng.int(nmCount, objects.length - 1);
    objects.splice(at + 1, 0, { ...objects[at]! });
  }
  return { objects, nonMappable: nmCount, duplicates: dupCount };
}

/** Generate the corpus. */
export function generateCorpus(seed = 20260101): Corpus {
  const rng = new Random(seed);
  // The published files' irregularities draw from their own source, so the rest stays as it was.
  const messRng = new Random(seed ^ 0x5eed);
  // Real ATT&CK techniques, each set drawing from those its version has.
  const attackFacts = loadCorpusAttack();
  const activeCache = new Map<string, TechniqueEntry[]>();
  const active = (domain: Domain, ...versions: string[]) => {
    const key = `${domain}|${versions.join('|')}`;
    let list = activeCache.get(key);
    if (!list) activeCache.set(key, (list = attackFacts.activeIn(domain, versions)));
    return list;
  };
  const t1046 = attackFacts.technique('enterprise', 'T1046')!;
  const files: CorpusFile[] = [];
  const sets: CorpusSetSummary[] = [];
  const json = (value: unknown, style: 'pretty2' | 'pretty4' | 'compact') =>
    `${JSON.stringify(value, null, style === 'compact' ? undefined : style === 'pretty2' ? 2 : 4)}\n`;

  const emit = (spec: SetSpec, meta: Obj, built: ReturnType<typeof assemble>, style: 'pretty2' | 'pretty4' | 'compact') => {
    const path = `${setFileBase(spec)}.json`;
    files.push({ path, content: json({ metadata: meta, mapping_objects: built.objects }, style) });
    sets.push(summary(path, built));
  };
  const summary = (file: string, built: ReturnType<typeof assemble>): CorpusSetSummary => ({
    file,
    objects: built.objects.length,
    nonMappable: built.nonMappable,
    duplicates: built.duplicates,
    withComments: built.objects.filter((o) => typeof o['comments'] === 'string' && (o['comments'] as string).length > 0).length,
  });

  // ---- NIST SP 800-53: 11 sets, rev4 and rev5, 4,200-5,400 objects each -----------------------
  const controls: [string, string][] = [];
  for (const [id, name] of NIST_CONTROLS) {
    controls.push([id, name]);
    if (rng.chance(0.6)) for (let e = 1; e <= rng.int(1, 5); e++) controls.push([`${id}(${e})`, `${name} | ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`]);
  }
  const rev5Only = (id: string) => id.startsWith('SR-') || id.startsWith('SC-46') || id.startsWith('RA-10') || id.startsWith('AC-25');
  const seedControls = ['AC-4', 'CA-7', 'CM-2', 'CM-6', 'CM-7', 'CM-8', 'RA-5', 'SC-46', 'SC-7', 'SI-3', 'SI-4'];
  const nistPairs: [string, TechniqueEntry][] = seedControls.map((c) => [c, t1046]);
  const seen = new Set(nistPairs.map(([c, t]) => `${c}|${t.id}`));
  // Techniques no control maps to: they appear as non-mappable entries.
  const nistTechniques = active('enterprise', '8.2', '9.0', '10.1', '12.1', '14.1', '16.1');
  const nistUnmapped = nistTechniques.filter((t) => t.id.endsWith('.002')).filter((_, i) => i % 4 === 0);
  const nistMappable = nistTechniques.filter((t) => !nistUnmapped.includes(t));
  while (nistPairs.length < 6000) {
    const [c] = rng.pick(controls);
    const t = rng.pick(nistMappable);
    if (!seen.has(`${c}|${t.id}`)) {
      seen.add(`${c}|${t.id}`);
      nistPairs.push([c, t]);
    }
  }
  const controlName = new Map(controls);
  // About 30 controls carry another title in rev4 than in rev5 (as AC-11 "Session Lock" / "Device Lock").
  const rev4Title = new Map(
    controls.filter(([id]) => !id.includes('(') && messRng.chance(0.35)).slice(0, 30).map(([id, name]) => [id, `${name.split(' ')[0]} ${messRng.pick(NOUNS)}`]),
  );
  const pad = (id: string) => id.replace(/-(\d)(?=$|\()/, '-0$1');
  const nistSets: [string, string, number][] = [
    ['rev4', '8.2', 4200], ['rev4', '9.0', 4300], ['rev4', '10.1', 4400], ['rev4', '12.1', 4500], ['rev4', '14.1', 4600],
    ['rev5', '8.2', 4700], ['rev5', '9.0', 4800], ['rev5', '10.1', 4900], ['rev5', '12.1', 5000], ['rev5', '14.1', 5200],
    ['rev5', '16.1', 5400],
  ];
  for (const [rev, attack, size] of nistSets) {
    const spec: SetSpec = { framework: 'nist_800_53', version: rev, attack, domain: 'enterprise', size };
    const type = attack === '16.1' ? 'mitigates' : 'protects';
    const declaresNonMappable = attack === '14.1';
    const pool = nistPairs
      .filter(([c]) => rev === 'rev5' || !rev5Only(c))
      .map(([c, t]): Obj => {
        let id = attack === '16.1' ? pad(c) : c;
        if (attack === '14.1' && rev === 'rev5' && rng.chance(0.02)) id = `${id} `;
        return {
          capability_id: id,
          capability_description: (rev === 'rev4' && rev4Title.get(c)) || controlName.get(c)!,
          capability_group: c.slice(0, 2),
          mapping_type: type,
          attack_object_id: t.id,
          attack_object_name: nameAt(t, attack),
          references: [],
          status: 'complete',
          ...(attack === '16.1' ? {} : { comments: '' }),
        };
      });
    const nonMappables = nistUnmapped.map((t, i): Obj => ({
      capability_id: null,
      capability_group: null,
      capability_description: null,
      mapping_type: declaresNonMappable ? 'non_mappable' : null,
      attack_object_id: t.id,
      attack_object_name: nameAt(t, attack),
      ...(i % 3 === 0 ? {} : { comments: 'No NIST control mitigates this technique.' }),
      references: (attack === '16.1' || attack === '14.1') && i % 3 === 1 ? [`https://controls.example.gov/sp800-53/unmapped/${t.id}`] : [],
      status: 'non_mappable',
    }));
    // The 12.1 files describe some controls in several ways.
    if (attack === '12.1') misdescribe(messRng, pool, 0.011);
    // The 16.1 rev5 file maps a mobile technique.
    if (attack === '16.1' && rev === 'rev5') misplaceTechnique(pool, 636, 'T1521.003', nameAt(attackFacts.technique('mobile', 'T1521.003')!, '16.1'));
    const built = assemble(rng, size, pool, nonMappables, 0.002);
    const meta = metadata(spec, {
      author: '',
      contact: '',
      organization: '',
      creation_date: '01/13/2022',
      last_update: attack === '16.1' ? '01/15/2025' : '01/13/2022',
      mapping_types: {
        [type]: { name: type === 'protects' ? 'Protects' : 'mitigates', description: '' },
        ...(declaresNonMappable ? { non_mappable: { name: 'Non-mappable', description: '' } } : {}),
      },
      capability_groups: Object.fromEntries(
        Object.entries(NIST_FAMILIES).filter(([k]) => rev === 'rev5' || k !== 'SR'),
      ),
    });
    emit(spec, meta, built, attack === '16.1' ? 'compact' : 'pretty2');
  }

  // ---- Scored cloud frameworks -----------------------------------------------------------
  const categories = ['protect', 'detect', 'respond'] as const;
  const values = ['minimal', 'partial', 'significant'] as const;
  const scoredPool = (
    caps: readonly [string, string, string?][],
    docs: (id: string) => string,
    attack: string,
    size: number,
    plant: Obj[],
  ): Obj[] => {
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

  // Azure 8.2 in the older shape (groups/group, opaque type key used as an array), 16.1 in the new one.
  const sentinelComment =
    'The Azure Sentinel Analytics "High count of connections by client IP on many ports" query can detect when a given client IP has 30 or more ports used within a 10 minute window, which may indicate malicious scanning. The Azure Sentinel Analytics "Powershell Empire cmdlets seen in command line" query can detect scanning via Empire, but does not address other procedures.';
  {
    const uuid = '1aa85526-d3a4-4dde-82c9-4c3b1dfc90d0';
    const azureDocs = (id: string) => `https://docs.microsoft.com/en-us/azure/${id.replace(/_/g, '-')}/overview`;
    for (const [attack, version, size] of [['8.2', '06/29/2021', 1100], ['16.1', '04/26/2025', 1400]] as const) {
      const spec: SetSpec = { framework: 'azure', version, attack, domain: 'enterprise', size };
      const old = attack === '8.2';
      const plant: Obj = {
        capability_id: 'azure_sentinel', capability_description: 'Azure Sentinel', capability_group: 'azure_sentinel',
        mapping_type: 'technique_scores', attack_object_id: 'T1046', attack_object_name: nameAt(t1046, attack),
        score_category: 'detect', score_value: 'partial', comments: sentinelComment,
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

  // AWS: 9.0 as the published CSV export (old column order, "group" column, index column,
  // Python-list references, labels); 16.1 as JSON.
  const guardDutyComment =
    'The following GuardDuty finding types reflect flagged events where there is an attempt to get a list of services running on a remote host. Recon:EC2/PortProbeEMRUnprotectedPort Recon:EC2/PortProbeUnprotectedPort Recon:EC2/Portscan Impact:EC2/PortSweep';
  {
    const awsDocs = (id: string) => `https://docs.aws.amazon.com/${id.replace(/_/g, '-')}/latest/userguide`;
    for (const [attack, version, size] of [['9.0', '09/21/2021', 800], ['16.1', '12/12/2024', 1000]] as const) {
      const spec: SetSpec = { framework: 'aws', version, attack, domain: 'enterprise', size };
      const plant: Obj = {
        capability_id: 'amazon_guardduty', capability_description: 'Amazon GuardDuty', capability_group: 'amazon_guardduty',
        mapping_type: 'technique_scores', attack_object_id: 'T1046', attack_object_name: nameAt(t1046, attack),
        score_category: 'detect', score_value: 'partial', comments: guardDutyComment,
        references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html'], status: 'complete',
      };
      const pool = scoredPool(AWS_CAPABILITIES, awsDocs, attack, size, [plant]);
      // The 16.1 file maps a technique ATT&CK 16.1 revoked (as the Azure one does).
      if (attack === '16.1') misplaceTechnique(pool, 85, 'T1053.001', nameAt(attackFacts.technique('enterprise', 'T1053.001')!, '16.1'));
      const built = assemble(rng, size, pool, capabilityNonMappables(AWS_CAPABILITIES, 2, true), 0.003);
      const groups = Object.fromEntries(AWS_CAPABILITIES.map(([id, name]) => [id, name]));
      if (attack === '9.0') {
        const rows = built.objects.map((o, i) => [
          String(i), o['comments'] ?? '', o['attack_object_id'] ?? '', o['attack_object_name'] ?? '',
          o['references'] == null ? '' : `[${(o['references'] as string[]).map((r) => `'${r}'`).join(', ')}]`,
          o['capability_description'] ?? '', o['capability_id'] ?? '', o['mapping_type'] ?? '', o['score_category'] ?? '',
          o['score_value'] ?? '', o['related_score'] ?? '', groups[String(o['capability_group'])] ?? '', o['status'],
          '', version, version, attack, 'enterprise', 'aws', version,
        ]);
        const header = ['', 'comments', 'attack_object_id', 'attack_object_name', 'references', 'capability_description', 'capability_id',
          'mapping_type', 'score_category', 'score_value', 'related_score', 'group', 'status', 'organization', 'creation_date',
          'last_update', 'attack_version', 'technology_domain', 'mapping_framework', 'mapping_framework_version'];
        const path = `${setFileBase(spec)}.csv`;
        files.push({ path, content: `${Papa.unparse([header, ...rows], { newline: '\n' })}\n` });
        sets.push(summary(path, built));
      } else {
        emit(spec, metadata(spec, {
          contact: 'ctid@mitre.org', creation_date: '09/21/2021', last_update: '12/11/2024',
          mapping_types: { technique_scores: { name: 'technique_scores', description: '' } }, capability_groups: groups,
        }), built, 'pretty4');
      }
    }
  }

  // GCP 10.0 (related_score "", capability-side non-mappables with null references) and 16.1.
  {
    const gcpDocs = (id: string) => `https://cloud.google.com/${id.replace(/_/g, '-')}/docs`;
    for (const [attack, version, size] of [['10.0', '06/28/2022', 700], ['16.1', '03/06/2025', 900]] as const) {
      const spec: SetSpec = { framework: 'gcp', version, attack, domain: 'enterprise', size };
      const pool = scoredPool(GCP_CAPABILITIES, gcpDocs, attack, size, []).map((o) =>
        attack === '10.0' ? { ...o, related_score: o['related_score'] ?? '' } : o,
      );
      messReferences(messRng, pool, attack === '10.0' ? 0.02 : 0.002);
      const built = assemble(rng, size, pool, capabilityNonMappables(GCP_CAPABILITIES, 3, true), 0.003);
      const groups = Object.fromEntries([...GCP_CAPABILITIES, ...GCP_CAPABILITIES.slice(-3).map(([id, n]) => [`${id}_retired`, `${n} (retired)`])]
        .map(([id, name]) => [id, name]));
      emit(spec, metadata(spec, {
        creation_date: version, last_update: version,
        mapping_types: { technique_scores: { name: 'technique_scores', description: '' } }, capability_groups: groups,
      }), built, attack === '10.0' ? 'pretty4' : 'pretty2');
    }
  }

  // Microsoft 365: "technique_scores" in 14.1, the drifted "technique_score" in 16.1.
  {
    const m365Docs = (id: string) => `https://learn.microsoft.com/en-us/microsoft-365/security/${id.toLowerCase()}`;
    for (const [attack, version, size, key] of [['14.1', '12/11/2023', 600, 'technique_scores'], ['16.1', '07/18/2025', 750, 'technique_score']] as const) {
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
      emit(spec, metadata(spec, {
        author: 'Center for Threat-Informed Defense', contact: 'ctid@mitre.org', organization: 'Center for Threat-Informed Defense',
        creation_date: version, last_update: version,
        mapping_types: { [key]: { name: 'Technique Scores', description: '' } }, capability_groups: M365_GROUPS,
      }), built, 'pretty2');
    }
  }

  // Intel vPro: opaque mapping type keys with display names, scores.
  {
    const spec: SetSpec = { framework: 'intel-vpro', version: '08/20/2024', attack: '15.1', domain: 'enterprise', size: 157 };
    const typeKeys = Object.keys(INTEL_MAPPING_TYPES);
    const pool = scoredPool(INTEL_CAPABILITIES, (id) => `https://www.intel.com/content/www/us/en/developer/articles/technical/${id}.html`, '15.1', 157, [])
      .map((o) => ({ ...o, mapping_type: rng.pick(typeKeys) }));
    messReferences(messRng, pool, 0.12);
    const built = assemble(rng, 157, pool, [], 0.003);
    emit(spec, metadata(spec, {
      mapping_version: '1.0.0', creation_date: '08/20/2024', last_update: '12/20/2024',
      mapping_types: Object.fromEntries(typeKeys.map((k) => [k, { name: INTEL_MAPPING_TYPES[k]!, description: '' }])),
      capability_groups: INTEL_GROUPS,
    }), built, 'pretty4');
  }

  // ---- KEV: CVEs with impact types; mobile sets, one "[UNKNOWN_VERSION]" object -------------
  {
    const kevTypes = ['primary_impact', 'secondary_impact', 'exploitation_technique', 'uncategorized'];
    const groupKeys = Object.keys(KEV_GROUPS);
    const cves = Array.from({ length: 700 }, (_, i) => {
      const year = 2014 + (i % 12);
      return {
        id: `CVE-${year}-${String(1000 + ((i * 7919) % 48000)).padStart(4, '0')}`,
        name: `${rng.pick(VENDORS)} ${rng.pick(['Improper Authentication', 'Remote Code Execution', 'Command Injection', 'Use-After-Free', 'Path Traversal', 'Privilege Escalation', 'Memory Corruption'])} Vulnerability`,
        group: rng.pick(groupKeys),
      };
    });
    const specs: [string, string, Domain, number][] = [
      ['12/10/2024', '15.1', 'enterprise', 1150], ['12/10/2024', '15.1', 'mobile', 35],
      ['07/28/2025', '16.1', 'enterprise', 1400], ['07/28/2025', '16.1', 'mobile', 8],
    ];
    for (const [version, attack, domain, size] of specs) {
      const spec: SetSpec = { framework: 'kev', version, attack, domain, size };
      const targets = active(domain, attack);
      const pool: Obj[] = [];
      const used = new Set<string>();
      while (pool.length < size + 20) {
        const cve = rng.pick(cves);
        const t = rng.pick(targets);
        const type = rng.pick(kevTypes);
        if (used.has(`${cve.id}|${t.id}|${type}`)) continue;
        used.add(`${cve.id}|${t.id}|${type}`);
        const o: Obj = {
          capability_id: cve.id, capability_description: cve.name, mapping_type: type, attack_object_id: t.id,
          attack_object_name: nameAt(t, attack), capability_group: cve.group,
          references: rng.chance(0.7) ? [`https://nvd.nist.gov/vuln/detail/${cve.id}`] : [],
          status: 'complete',
        };
        if (rng.chance(0.5)) o['comments'] = comment(rng, cve.name, nameAt(t, attack), 'exploited');
        if (version === '07/28/2025') o['mapping_framework_version'] = '7/28/2025';
        pool.push(o);
      }
      if (domain === 'mobile' && attack === '16.1') pool[1] = { ...pool[1]!, attack_version: '[UNKNOWN_VERSION]' };
      if (attack === '16.1') messReferences(messRng, pool, domain === 'mobile' ? 0.3 : 0.12);
      const built = assemble(rng, size, pool, [], size > 100 ? 0.002 : 0);
      emit(spec, metadata(spec, {
        creation_date: version, last_update: version,
        mapping_types: Object.fromEntries(kevTypes.map((k) => [k, { name: k, description: '' }])), capability_groups: KEV_GROUPS,
      }), built, 'pretty4');
    }
  }

  // ---- VERIS: ids with spaces and mixed case; 1.3.7 in the old compact shape, one ICS CSV -----
  {
    const veris: [string, string, string][] = [];
    for (const [group, names] of Object.entries(VERIS_ACTIONS)) {
      for (const name of names) {
        veris.push([`${group}.variety.${name}`, `${name} (${group.split('.')[1]})`, group]);
        if (group.startsWith('action.')) veris.push([`${group}.vector.${name}`, `${name} vector`, group]);
      }
      // Results every action lists, worded alike but for the action's name (as VERIS does).
      if (group.startsWith('action.')) {
        const action = group.split('.')[1];
        veris.push([`${group}.result.Deploy payload`, `The ${action} action deployed a payload, e.g. cryptomining or ransomware`, group]);
        veris.push([`${group}.result.Lateral movement`, `The ${action} action moved on through access it already held`, group]);
      }
    }
    const specs: [string, string, Domain, number][] = [
      ['1.3.7', '12.1', 'enterprise', 450], ['1.3.7', '12.1', 'ics', 90], ['1.3.7', '12.1', 'mobile', 60],
      ['1.4.0', '16.1', 'enterprise', 500], ['1.4.0', '16.1', 'ics', 100],
    ];
    for (const [version, attack, domain, size] of specs) {
      const spec: SetSpec = { framework: 'veris', version, attack, domain, size };
      const targets = active(domain, attack);
      const pool: Obj[] = [];
      const used = new Set<string>();
      while (pool.length < size + 20) {
        const [id, name, group] = rng.pick(veris);
        const t = rng.pick(targets);
        if (used.has(`${id}|${t.id}`) || id.endsWith('Prompt injection')) continue;
        used.add(`${id}|${t.id}`);
        const o: Obj = {
          capability_id: id, capability_description: name, mapping_type: 'related_to', attack_object_id: t.id,
          attack_object_name: rng.chance(0.05) ? ` ${nameAt(t, attack)}` : nameAt(t, attack), references: [], status: 'complete',
        };
        if (version === '1.3.7') o['group'] = group;
        else o['capability_group'] = group;
        pool.push(o);
      }
      if (version === '1.4.0' && domain === 'enterprise') {
        // One object repeats another but for its id's case and its description: both are kept.
        const [first] = pool;
        const id = String(first!['capability_id']).replace(/(^|\.)(\w)/g, (_m, dot: string, c: string) => dot + c.toUpperCase());
        pool.splice(1, 0, { ...first, capability_id: id, capability_description: `${String(first!['capability_description'])}: the longer description of an older enumeration` });
      }
      const nonMappables: Obj[] = version === '1.4.0' && domain === 'enterprise'
        ? [{ capability_id: 'action.hacking.variety.Prompt injection', capability_description: 'Malicious actions taken against an LLM model', mapping_type: null, attack_object_id: null, attack_object_name: null, capability_group: 'action.hacking', references: [], status: 'non_mappable' }]
        : [];
      const built = assemble(rng, size, pool, nonMappables, 0.003);
      const groups = Object.fromEntries(Object.keys(VERIS_ACTIONS).map((g) => [g, g]));
      const meta = metadata(spec, {
        mapping_version: version === '1.3.7' ? '2.0' : '', creation_date: '04/06/2023', last_update: '04/06/2023',
        mapping_types: { related_to: { name: version === '1.3.7' ? 'related-to' : 'Related To', description: '' } },
        [version === '1.3.7' ? 'groups' : 'capability_groups']: groups,
      });
      if (version === '1.3.7' && domain === 'ics') {
        const header = ['', 'comments', 'attack_object_id', 'attack_object_name', 'references', 'capability_description', 'capability_id',
          'mapping_type', 'capability_group', 'status', 'organization', 'creation_date', 'last_update', 'attack_version',
          'technology_domain', 'mapping_framework', 'mapping_framework_version'];
        const rows = built.objects.map((o, i) => [String(i), '', o['attack_object_id'], o['attack_object_name'], '[]',
          o['capability_description'], o['capability_id'], 'related-to', o['group'], o['status'], '', '04/06/2023', '04/06/2023',
          attack, domain, 'veris', version]);
        const path = `${setFileBase(spec)}.csv`;
        files.push({ path, content: `${Papa.unparse([header, ...rows], { newline: '\n' })}\n` });
        sets.push(summary(path, built));
      } else {
        emit(spec, meta, built, version === '1.3.7' ? 'compact' : 'pretty4');
      }
    }
  }

  // ---- CRI Profile and CSA CCM: control frameworks with "mitigates" and long comments --------
  const controlFramework = (
    framework: string,
    groups: Readonly<Record<string, string>>,
    idFor: (group: string, n: number, m: number) => string,
    specs: [string, string, number][],
    statementCount: number,
  ) => {
    const caps: [string, string, string][] = [];
    for (const group of Object.keys(groups)) {
      for (let n = 1; n <= rng.int(4, 9); n++) {
        for (let m = 1; m <= statementCount; m++) caps.push([idFor(group, n, m), `${groups[group]!.split(': ').pop()} ${rng.pick(['policy', 'monitoring', 'review', 'controls', 'baseline', 'testing'])}`, group]);
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
        capability_id: id, capability_description: name, mapping_type: 'mitigates', attack_object_id: t.id,
        attack_object_name: nameAt(t, attack), capability_group: group, ...(text ? { comments: text } : {}), references: [],
        status: framework === 'csa_ccm' && version === '4.1' && rng.chance(0.03) ? 'participant_review' : 'complete',
      }));
      const nonMappables = caps.slice(0, 4).map(([id, name, group]): Obj => ({
        capability_id: `${id}-X`, capability_description: `${name} (organizational)`, mapping_type: 'non_mappable',
        attack_object_id: null, attack_object_name: null, capability_group: group, comments: 'Organizational control; no ATT&CK technique applies.',
        references: [], status: 'non_mappable',
      }));
      const built = assemble(rng, size, pool, nonMappables, 0.002);
      emit(spec, metadata(spec, {
        creation_date: '02/24/2025', last_update: '07/10/2025',
        mapping_types: { mitigates: { name: 'Mitigates', description: '' }, non_mappable: { name: 'Non-Mappable', description: '' } },
        capability_groups: groups,
      }), built, 'pretty4');
    }
  };
  controlFramework('cri_profile', CRI_GROUPS, (g, n, m) => `${g}-${String(n).padStart(2, '0')}.${String(m).padStart(2, '0')}`, [['v2', '16.1', 1200], ['v2.1', '16.1', 1300]], 2);
  controlFramework('csa_ccm', CSA_GROUPS, (g, n) => `${g}-${String(n).padStart(2, '0')}`, [['v4', '16.1', 600], ['4.1', '17.1', 700]], 1);

  // ---- A technique table: invented descriptions of the techniques of ATT&CK 16.1 --------------
  // (the real ones are MITRE's text, given at build time with --attack, never copied here)
  const table: string[][] = [];
  for (const domain of ['enterprise', 'mobile', 'ics'] as const) {
    for (const t of active(domain, '16.1')) {
      const name = nameAt(t, '16.1');
      const description = `Adversaries may use ${name.toLowerCase()} to ${rng.pick(['gain a foothold', 'learn about the environment', 'evade defenses', 'move laterally', 'collect data', 'disrupt operations'])}. ${rng.pick(['Detection relies on process and network telemetry.', 'Mitigations include hardening and monitoring.', 'Procedures vary across platforms.'])}`;
      table.push([t.id, name, '16.1', domain, description]);
    }
  }
  files.push({
    path: 'attack/techniques.csv',
    content: `${Papa.unparse([['attack_object_id', 'attack_object_name', 'attack_version', 'technology_domain', 'description'], ...table], { newline: '\n' })}\n`,
  });

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, sets };
}
