/** VERIS: ids with spaces and mixed case; 1.3.7 in the old compact shape, one ICS CSV. */
import Papa from 'papaparse';
import { VERIS_ACTIONS } from './names.ts';
import { nameAt } from './attack.ts';
import { metadata, assemble, setFileBase, type SetSpec, type Obj, type Domain, type CorpusContext } from './set-shapes.ts';

/** The VERIS sets. */
export function verisSets(ctx: CorpusContext): void {
  const { rng, active, emit, files, sets, summary } = ctx;
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
    ['1.3.7', '12.1', 'enterprise', 450],
    ['1.3.7', '12.1', 'ics', 90],
    ['1.3.7', '12.1', 'mobile', 60],
    ['1.4.0', '16.1', 'enterprise', 500],
    ['1.4.0', '16.1', 'ics', 100],
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
        capability_id: id,
        capability_description: name,
        mapping_type: 'related_to',
        attack_object_id: t.id,
        attack_object_name: rng.chance(0.05) ? ` ${nameAt(t, attack)}` : nameAt(t, attack),
        references: [],
        status: 'complete',
      };
      if (version === '1.3.7') o['group'] = group;
      else o['capability_group'] = group;
      pool.push(o);
    }
    if (version === '1.4.0' && domain === 'enterprise') {
      // One object repeats another but for its id's case and its description: both are kept.
      const [first] = pool;
      const id = String(first!['capability_id']).replace(/(^|\.)(\w)/g, (_m, dot: string, c: string) => dot + c.toUpperCase());
      pool.splice(1, 0, {
        ...first,
        capability_id: id,
        capability_description: `${String(first!['capability_description'])}: the longer description of an older enumeration`,
      });
    }
    const nonMappables: Obj[] =
      version === '1.4.0' && domain === 'enterprise'
        ? [
            {
              capability_id: 'action.hacking.variety.Prompt injection',
              capability_description: 'Malicious actions taken against an LLM model',
              mapping_type: null,
              attack_object_id: null,
              attack_object_name: null,
              capability_group: 'action.hacking',
              references: [],
              status: 'non_mappable',
            },
          ]
        : [];
    const built = assemble(rng, size, pool, nonMappables, 0.003);
    const groups = Object.fromEntries(Object.keys(VERIS_ACTIONS).map((g) => [g, g]));
    const meta = metadata(spec, {
      mapping_version: version === '1.3.7' ? '2.0' : '',
      creation_date: '04/06/2023',
      last_update: '04/06/2023',
      mapping_types: { related_to: { name: version === '1.3.7' ? 'related-to' : 'Related To', description: '' } },
      [version === '1.3.7' ? 'groups' : 'capability_groups']: groups,
    });
    if (version === '1.3.7' && domain === 'ics') {
      const header = [
        '',
        'comments',
        'attack_object_id',
        'attack_object_name',
        'references',
        'capability_description',
        'capability_id',
        'mapping_type',
        'capability_group',
        'status',
        'organization',
        'creation_date',
        'last_update',
        'attack_version',
        'technology_domain',
        'mapping_framework',
        'mapping_framework_version',
      ];
      const rows = built.objects.map((o, i) => [
        String(i),
        '',
        o['attack_object_id'],
        o['attack_object_name'],
        '[]',
        o['capability_description'],
        o['capability_id'],
        'related-to',
        o['group'],
        o['status'],
        '',
        '04/06/2023',
        '04/06/2023',
        attack,
        domain,
        'veris',
        version,
      ]);
      const path = `${setFileBase(spec)}.csv`;
      files.push({ path, content: `${Papa.unparse([header, ...rows], { newline: '\n' })}\n` });
      sets.push(summary(path, built));
    } else {
      emit(spec, meta, built, version === '1.3.7' ? 'compact' : 'pretty4');
    }
  }
}
