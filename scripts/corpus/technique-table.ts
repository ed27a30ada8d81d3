/** A technique table: invented descriptions of the techniques of ATT&CK 16.1 (the real ones are MITRE's text, given at build time with --attack, never copied here). */
import Papa from 'papaparse';
import { nameAt } from './attack.ts';
import { type CorpusContext } from './set-shapes.ts';

/** The technique table file. */
export function techniqueTable(ctx: CorpusContext): void {
  const { rng, active, files } = ctx;
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
}
