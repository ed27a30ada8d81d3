/**
 * What a profile's baseline is called: its id, framework and framework version, read from the
 * title NIST gives it ("NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE"
 * -> nist_800_53-rev5-moderate), or given on the command line for an organisation's own profile.
 */
import type { DataProblem } from '../ingest/problems.ts';
import { normalizeFrameworkVersion } from '../core/ids.ts';
import { versionSlug } from '../model/slugs.ts';
import { BASELINE_ID, type BaselineFile, type SourceLocation } from '../model/schema.ts';
import { FRAMEWORK_ID } from '../core/vocabulary.ts';
import { BASELINE_FORMAT } from './baseline-file.ts';
import type { ProfileSelection } from './oscal-profile.ts';

/** The framework NIST's profiles select from, as mapping sets name it. */
export const NIST_800_53 = 'nist_800_53';

/** The baseline levels NIST publishes, as titles write them. */
export const BASELINE_LEVELS = ['LOW', 'MODERATE', 'HIGH', 'PRIVACY'] as const;

/** Names given on the command line, each overriding what the title says. */
export interface BaselineNaming {
  id?: string;
  framework?: string;
  version?: string;
}

/** "... Revision 5.1.1 ..." -> "rev5" (the framework version mapping sets use); null when the title names none. */
export function revisionFromTitle(title: string): string | null {
  const match = /\b(?:revision|rev\.?)\s*(\d+)/i.exec(title);
  return match ? `rev${Number(match[1])}` : null;
}

/** The baseline levels a title names ("... MODERATE IMPACT BASELINE" -> ["moderate"]), each once. */
export function levelsInTitle(title: string): string[] {
  const words = new Set(title.toUpperCase().split(/[^A-Z]+/));
  return BASELINE_LEVELS.filter((level) => words.has(level)).map((level) => level.toLowerCase());
}

/**
 * The baseline file of a profile, or the problems that prevent naming it. `file` is the profile's
 * name in messages, `source` its file name (what the baseline records).
 */
export function toBaselineFile(
  selection: ProfileSelection,
  file: string,
  source: string,
  naming: BaselineNaming = {},
): { baseline?: BaselineFile; problems: DataProblem[] } {
  const title: SourceLocation = { file, pointer: '/profile/metadata/title' };
  const problems: DataProblem[] = [];
  const frameworkId = naming.framework?.trim() ?? NIST_800_53;
  if (!FRAMEWORK_ID.test(frameworkId)) {
    problems.push({
      location: { file },
      field: '--framework',
      expected: 'a framework id as mapping sets write it, such as nist_800_53',
      found: JSON.stringify(naming.framework),
    });
  }
  const given = naming.version === undefined ? null : normalizeFrameworkVersion(naming.version);
  const frameworkVersion = given || revisionFromTitle(selection.title);
  if (!frameworkVersion) {
    problems.push({
      location: title,
      field: 'title',
      expected:
        'a title naming the revision ("Revision 5"); for another profile pass --version with the framework version its mapping sets use (--version rev5)',
      found: JSON.stringify(selection.title),
    });
  }
  let id = naming.id?.trim();
  if (id === undefined) {
    const levels = levelsInTitle(selection.title);
    if (levels.length === 1 && frameworkVersion) id = `${frameworkId}-${versionSlug(frameworkVersion)}-${levels[0]}`;
    else if (levels.length !== 1) {
      problems.push({
        location: title,
        field: 'title',
        expected: `a title naming one baseline level (${BASELINE_LEVELS.join(', ')}); for another profile pass --id (--id acme-cloud-moderate)`,
        found: JSON.stringify(selection.title),
      });
    }
  } else if (!BASELINE_ID.test(id)) {
    problems.push({
      location: { file },
      field: '--id',
      expected: 'lower-case letters and digits separated by ".", "_" or "-" (it names the file)',
      found: JSON.stringify(naming.id),
    });
  }
  if (problems.length || !id || !frameworkVersion) return { problems };
  return {
    baseline: {
      format: BASELINE_FORMAT,
      id,
      title: selection.title,
      version: selection.version,
      frameworkId,
      frameworkVersion,
      source,
      controls: selection.controls,
    },
    problems: [],
  };
}
