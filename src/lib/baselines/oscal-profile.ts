/**
 * Reading an OSCAL 1.x JSON profile (such as NIST's SP 800-53 baselines) into what a baseline
 * needs: its title, its version and the controls it selects. Only selections that name their
 * controls can be resolved here; `include-all`, `matching` and child controls need the catalog
 * the profile imports, which Mapscope does not read, so they are errors rather than guesses.
 */
import { describeValue, type DataProblem } from '../ingest/problems.ts';
import { isSp80053Family, oscalToDisplay, SP800_53_FAMILIES } from './control-ids.ts';
import { jsonSyntaxProblem } from '../io/json-syntax.ts';

/** What a profile selects, controls in NIST's display form ("AC-2(1)"), in the profile's order. */
export interface ProfileSelection {
  title: string;
  version: string | null;
  controls: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

const NEEDS_CATALOG = 'which needs the catalog the profile imports; list the controls with include-controls/with-ids instead';

/** Parse and resolve one profile's text; `file` is the name used in messages. */
export function readOscalProfile(file: string, text: string): { profile?: ProfileSelection; problems: DataProblem[] } {
  const at = (pointer: string) => ({ file, pointer });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problems: [jsonSyntaxProblem(file, text, error as Error, 'an OSCAL profile (JSON)')] };
  }
  if (!isObject(data) || !isObject(data['profile'])) {
    return { problems: [{ location: { file }, expected: 'an OSCAL profile (a JSON object with "profile")', found: describeTop(data) }] };
  }
  const profile = data['profile'];
  const problems: DataProblem[] = [];
  const metadata = profile['metadata'];
  let title: string | null = null;
  let version: string | null = null;
  if (!isObject(metadata)) {
    problems.push({ location: at('/profile'), field: 'metadata', expected: 'an object with the title', found: describeValue(metadata) });
  } else {
    const rawTitle = metadata['title'];
    if (typeof rawTitle === 'string' && rawTitle.trim()) title = rawTitle.trim();
    else problems.push({ location: at('/profile/metadata'), field: 'title', expected: "the baseline's title", found: describeValue(rawTitle) });
    const rawVersion = metadata['version'];
    if (typeof rawVersion === 'string' && rawVersion.trim()) version = rawVersion.trim();
    else if (rawVersion !== undefined)
      problems.push({ location: at('/profile/metadata'), field: 'version', expected: 'a string', found: describeValue(rawVersion) });
  }
  const imports = profile['imports'];
  const controls: string[] = [];
  if (!Array.isArray(imports) || imports.length === 0) {
    problems.push({ location: at('/profile'), field: 'imports', expected: 'a list of at least one import', found: describeValue(imports) });
  } else {
    imports.forEach((entry, i) => controls.push(...selectedBy(entry, `/profile/imports/${i}`, at, problems)));
  }
  const unique = [...new Set(controls)];
  if (problems.length === 0 && unique.length === 0) {
    problems.push({ location: at('/profile/imports'), expected: 'at least one control selected', found: 'none: every control included is excluded' });
  }
  if (problems.length || title === null) return { problems };
  return { profile: { title, version, controls: unique }, problems: [] };
}

/** The controls one import selects: what it includes, less what it excludes. */
function selectedBy(entry: unknown, pointer: string, at: (p: string) => { file: string; pointer: string }, problems: DataProblem[]): string[] {
  if (!isObject(entry)) {
    problems.push({ location: at(pointer), expected: 'an import (an object with include-controls)', found: describeValue(entry) });
    return [];
  }
  if (entry['include-all'] !== undefined) {
    problems.push({
      location: at(`${pointer}/include-all`),
      field: 'include-all',
      expected: `include-controls with with-ids (include-all selects the whole catalog, ${NEEDS_CATALOG})`,
      found: 'include-all',
    });
  }
  const included = entry['include-controls'];
  if (included === undefined && entry['include-all'] === undefined) {
    problems.push({ location: at(pointer), field: 'include-controls', expected: 'the controls the import selects', found: 'nothing' });
  }
  const include = included === undefined ? [] : idsOf(included, `${pointer}/include-controls`, 'include-controls', at, problems);
  const exclude = new Set(
    entry['exclude-controls'] === undefined ? [] : idsOf(entry['exclude-controls'], `${pointer}/exclude-controls`, 'exclude-controls', at, problems),
  );
  return include.filter((id) => !exclude.has(id));
}

/** The ids of a list of selectors (include-controls or exclude-controls), in display form. */
function idsOf(selectors: unknown, pointer: string, field: string, at: (p: string) => { file: string; pointer: string }, problems: DataProblem[]): string[] {
  if (!Array.isArray(selectors)) {
    problems.push({ location: at(pointer), field, expected: 'a list of selectors with with-ids', found: describeValue(selectors) });
    return [];
  }
  const ids: string[] = [];
  selectors.forEach((selector, j) => {
    const here = `${pointer}/${j}`;
    if (!isObject(selector)) {
      problems.push({ location: at(here), field, expected: 'a selector with with-ids', found: describeValue(selector) });
      return;
    }
    if (selector['matching'] !== undefined) {
      problems.push({
        location: at(`${here}/matching`),
        field: 'matching',
        expected: `with-ids (matching selects by pattern, ${NEEDS_CATALOG})`,
        found: describeValue(selector['matching']),
      });
    }
    if (selector['with-child-controls'] === 'yes') {
      problems.push({
        location: at(`${here}/with-child-controls`),
        field: 'with-child-controls',
        expected: '"no", with each enhancement listed in with-ids (which enhancements a control has is known only to the catalog the profile imports)',
        found: '"yes"',
      });
    }
    const withIds = selector['with-ids'];
    if (withIds === undefined) {
      if (selector['matching'] === undefined) problems.push({ location: at(here), field: 'with-ids', expected: 'the ids of the controls', found: 'nothing' });
      return;
    }
    if (!Array.isArray(withIds)) {
      problems.push({ location: at(here), field: 'with-ids', expected: 'a list of control ids', found: describeValue(withIds) });
      return;
    }
    withIds.forEach((raw, k) => {
      const display = typeof raw === 'string' ? oscalToDisplay(raw) : null;
      const family = display?.slice(0, 2) ?? '';
      if (display && isSp80053Family(family)) ids.push(display);
      else if (display) {
        problems.push({
          location: at(`${here}/with-ids/${k}`),
          field: 'with-ids',
          expected: `an SP 800-53 control id, of one of its families (${SP800_53_FAMILIES.map((f) => f.toLowerCase()).join(', ')})`,
          found: `${describeValue(raw)}, of the family ${family.toLowerCase()}, which SP 800-53 does not have`,
        });
      } else
        problems.push({
          location: at(`${here}/with-ids/${k}`),
          field: 'with-ids',
          expected: 'an SP 800-53 control id as OSCAL writes it, such as "ac-2" or "ac-2.1"',
          found: describeValue(raw),
        });
    });
  });
  return ids;
}

function describeTop(data: unknown): string {
  if (isObject(data)) {
    if (isObject(data['catalog'])) return 'an OSCAL catalog (give the profiles that select from it)';
    const keys = Object.keys(data)
      .slice(0, 5)
      .map((k) => JSON.stringify(k));
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return describeValue(data);
}
