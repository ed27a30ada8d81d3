/**
 * The shapes every synthetic set shares: a set's spec, its file name and metadata, how its objects
 * are assembled, and the context the set makers draw from (random sources, ATT&CK facts, the output).
 */
import { ACTIVITIES } from './names.ts';
import { Random } from './random.ts';
import { loadCorpusAttack, type CorpusTechnique } from './attack.ts';

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

export type Domain = 'enterprise' | 'mobile' | 'ics';
export type Obj = Record<string, unknown>;

export type TechniqueEntry = CorpusTechnique;

/** A comment of about 430 characters about what a capability does against a technique. */
export function comment(rng: Random, product: string, technique: string, score: string): string {
  const sentences = [
    `${product} can ${rng.pick(['detect', 'alert on', 'block', 'restrict', 'log'])} ${rng.pick(ACTIVITIES)} associated with ${technique}.`,
    `It relies on ${rng.pick(ACTIVITIES)} and ${rng.pick(ACTIVITIES)} as signals, which covers ${rng.pick(['some', 'most', 'a few'])} of the procedure examples of this technique.`,
    `Because this coverage is specific to ${rng.pick(['cloud workloads', 'managed endpoints', 'web applications', 'identity providers', 'network boundaries'])} and not other platforms enumerated for this technique, it has been scored as ${score}.`,
    `The temporal factor is ${rng.pick(['high', 'moderate', 'low'])} because ${rng.pick(['detections run in near real time', 'most analytics run on a schedule', 'the data is collected in batches'])}.`,
  ];
  let text = sentences.join(' ');
  while (text.length < 380)
    text += ` ${rng.pick(['Tuning reduces false positives.', 'Coverage varies by configuration.', 'Administrators must enable this feature.'])}`;
  return text.slice(0, 520);
}

export interface SetSpec {
  framework: string;
  version: string;
  attack: string;
  domain: Domain;
  size: number;
}

const versionFolder = (v: string) => v.replace(/\//g, '.');

export function setFileBase(spec: SetSpec): string {
  const fw = `${spec.framework}-${versionFolder(spec.version)}`;
  return `${spec.framework}/attack-${spec.attack}/${fw}/${spec.domain}/${fw}_attack-${spec.attack}-${spec.domain}`;
}

export function metadata(spec: SetSpec, extra: Obj): Obj {
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
export function assemble(
  rng: Random,
  size: number,
  pool: readonly Obj[],
  nonMappables: readonly Obj[],
  dupRate: number,
): {
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

/** What every set maker draws from and writes to. */
export interface CorpusContext {
  rng: Random;
  /** The published files' irregularities draw from their own source, so the rest stays as it was. */
  messRng: Random;
  attackFacts: ReturnType<typeof loadCorpusAttack>;
  /** Real ATT&CK techniques active in every one of `versions` of a domain. */
  active: (domain: Domain, ...versions: string[]) => TechniqueEntry[];
  t1046: TechniqueEntry;
  /** Write a set as a JSON file, with its summary. */
  emit: (spec: SetSpec, meta: Obj, built: ReturnType<typeof assemble>, style: 'pretty2' | 'pretty4' | 'compact') => void;
  summary: (file: string, built: ReturnType<typeof assemble>) => CorpusSetSummary;
  files: CorpusFile[];
  sets: CorpusSetSummary[];
}

/** A context for `seed`, writing into fresh lists. */
export function corpusContext(seed: number): CorpusContext {
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
  return { rng, messRng, attackFacts, active, t1046, emit, summary, files, sets };
}
