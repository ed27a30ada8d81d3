/** NIST SP 800-53: 11 sets, rev4 and rev5, 4,200-5,400 objects each. */
import { ADJECTIVES, NIST_CONTROLS, NIST_FAMILIES, NOUNS } from './names.ts';
import { misdescribe, misplaceTechnique } from './mess.ts';
import { nameAt } from './attack.ts';
import { metadata, assemble, type SetSpec, type Obj, type TechniqueEntry, type CorpusContext } from './set-shapes.ts';

/** The NIST SP 800-53 sets. */
export function nistSets(ctx: CorpusContext): void {
  const { rng, messRng, attackFacts, active, t1046, emit } = ctx;
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
    controls
      .filter(([id]) => !id.includes('(') && messRng.chance(0.35))
      .slice(0, 30)
      .map(([id, name]) => [id, `${name.split(' ')[0]} ${messRng.pick(NOUNS)}`]),
  );
  const pad = (id: string) => id.replace(/-(\d)(?=$|\()/, '-0$1');
  const nistSets: [string, string, number][] = [
    ['rev4', '8.2', 4200],
    ['rev4', '9.0', 4300],
    ['rev4', '10.1', 4400],
    ['rev4', '12.1', 4500],
    ['rev4', '14.1', 4600],
    ['rev5', '8.2', 4700],
    ['rev5', '9.0', 4800],
    ['rev5', '10.1', 4900],
    ['rev5', '12.1', 5000],
    ['rev5', '14.1', 5200],
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
      capability_groups: Object.fromEntries(Object.entries(NIST_FAMILIES).filter(([k]) => rev === 'rev5' || k !== 'SR')),
    });
    emit(spec, meta, built, attack === '16.1' ? 'compact' : 'pretty2');
  }
}
