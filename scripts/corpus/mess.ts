/**
 * The irregularities of the published mapping files, put into the synthetic corpus at about
 * the rates the real files have them, so that the build, the bench and the budgets meet a
 * corpus as messy as the real one: references with stray spaces, tabs and quotes, several URLs in
 * one entry, URLs split at a comma, "[]" and "Ref:" entries, viewer-wrapped URLs, "URL word"
 * and broken URLs; capabilities described in several ways within a set; a row naming a
 * technique of another domain, or one its ATT&CK version revoked.
 */
import { parentTechniqueId } from '../../src/lib/core/ids.ts';
import type { Random } from './random.ts';

type Obj = Record<string, unknown>;

/** One kind of mess, as it appears in the published files, with its weight among them. */
const REFERENCE_MESS: readonly { weight: number; apply: (rng: Random, refs: string[]) => string[] }[] = [
  // 216 of 291 real cases: a space, a tab (real or written "\t") or an apostrophe around a URL.
  { weight: 74, apply: (rng, refs) => refs.map((r, i) => (i === 0 ? rng.pick([` ${r}`, `${r} `, `\t${r}`, ` \\t${r} `, `'${r}`]) : r)) },
  // 29: two URLs in one entry, by a space or "; ".
  { weight: 10, apply: (rng, refs) => [`${refs[0]}${rng.pick([' ', '; '])}${refs[0]!.replace(/\/?$/, '/details')}`, ...refs.slice(1)] },
  // 33: a URL with a text fragment split at its comma.
  {
    weight: 11,
    apply: (rng, refs) => [
      `${refs[0]}#:~:text=${rng.pick(['The%20advisory', 'Exploitation%20of'])}`,
      rng.pick(['and%20the%20fix.', 'of%20the%20host.']),
      ...refs.slice(1),
    ],
  },
  // 8: "[]" as an entry, or a "Ref:" label.
  { weight: 3, apply: (rng, refs) => (rng.chance(0.7) ? ['[]'] : [...refs.slice(0, -1), `Ref: ${refs[refs.length - 1]}`]) },
  // 2: a URL inside a PDF viewer's address.
  { weight: 1, apply: (_rng, refs) => [`chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${refs[0]}`, ...refs.slice(1)] },
  // 3: "URL word", or a URL broken beyond repair.
  {
    weight: 1,
    apply: (rng, refs) => [rng.chance(0.6) ? `${refs[0]} licensing` : `https://%20https//${refs[0]!.replace(/^https?:\/\//, '')}`, ...refs.slice(1)],
  },
];
const TOTAL_WEIGHT = REFERENCE_MESS.reduce((n, m) => n + m.weight, 0);

/** Mess up the references of about `share` of the objects that have some (in place). */
export function messReferences(rng: Random, objects: Obj[], share: number): void {
  for (const object of objects) {
    const refs = object['references'];
    if (!Array.isArray(refs) || refs.length === 0 || !rng.chance(share)) continue;
    let pick = rng.float() * TOTAL_WEIGHT;
    const mess = REFERENCE_MESS.find((m) => (pick -= m.weight) < 0) ?? REFERENCE_MESS[0]!;
    object['references'] = mess.apply(rng, refs as string[]);
  }
}

/**
 * Describe about `share` of the objects otherwise than the rest of their capability's rows,
 * the ways the published NIST files do: a word capitalized, an older title.
 */
export function misdescribe(rng: Random, objects: Obj[], share: number): void {
  for (const object of objects) {
    const description = object['capability_description'];
    if (typeof description !== 'string' || !rng.chance(share)) continue;
    object['capability_description'] = rng.chance(0.5)
      ? description.replace(/\b(of|and|for)\b/, (w) => w[0]!.toUpperCase() + w.slice(1))
      : `${description} (former title)`;
  }
}

/**
 * Make one row of a pool name another technique (in place): as NIST SP 800-53 rev5 @ 16.1 maps a
 * mobile technique, and the 16.1 AWS and Azure files a revoked one. The first row from `from` on
 * whose capability does not already map that technique is changed; its index is returned.
 */
export function misplaceTechnique(objects: Obj[], from: number, id: string, name: string): number {
  const taken = new Set(objects.filter((o) => o['attack_object_id'] === id).map((o) => o['capability_id']));
  for (let i = from; i < objects.length; i++) {
    const object = objects[i]!;
    if (taken.has(object['capability_id']) || object['attack_object_id'] == null) continue;
    object['attack_object_id'] = id;
    object['attack_object_name'] = name;
    // A scored row names a sub-technique's parent as its related score.
    if (object['score_value'] !== undefined) {
      const parent = parentTechniqueId(id);
      if (parent) object['related_score'] = parent;
      else delete object['related_score'];
    }
    return i;
  }
  throw new Error(`no row from ${from} on can name ${id}`);
}
