/** KEV: CVEs with impact types; mobile sets, one "[UNKNOWN_VERSION]" object. */
import { KEV_GROUPS, VENDORS } from './names.ts';
import { messReferences } from './mess.ts';
import { nameAt } from './attack.ts';
import { comment, metadata, assemble, type SetSpec, type Obj, type Domain, type CorpusContext } from './set-shapes.ts';

/** The KEV sets. */
export function kevSets(ctx: CorpusContext): void {
  const { rng, messRng, active, emit } = ctx;
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
    ['12/10/2024', '15.1', 'enterprise', 1150],
    ['12/10/2024', '15.1', 'mobile', 35],
    ['07/28/2025', '16.1', 'enterprise', 1400],
    ['07/28/2025', '16.1', 'mobile', 8],
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
        capability_id: cve.id,
        capability_description: cve.name,
        mapping_type: type,
        attack_object_id: t.id,
        attack_object_name: nameAt(t, attack),
        capability_group: cve.group,
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
    emit(
      spec,
      metadata(spec, {
        creation_date: version,
        last_update: version,
        mapping_types: Object.fromEntries(kevTypes.map((k) => [k, { name: k, description: '' }])),
        capability_groups: KEV_GROUPS,
      }),
      built,
      'pretty4',
    );
  }
}
