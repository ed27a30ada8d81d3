/**
 * The Mappings Explorer description files, read: JSON lists of {id, description}
 * (nist-rev5_descriptions.json, kev-07.28.2025_descriptions.json, csa_ccm-4.1_group_descriptions.json...)
 * and the YAML files of the security-stack mappings (AWS, Azure, Google Cloud: `name`, `platform`,
 * `description`; Microsoft 365: `id`, `name`, `description`). Which framework, version and kind
 * (capability or group) a file describes comes from its name, its folders or its `platform`.
 * Pure: text in, entries and warnings out; every irregularity is a warning, never an exception.
 */
import { LineCounter, parseDocument, isMap, type Node as YamlNode } from 'yaml';
import { capabilityKey } from '../core/ids.ts';
import { renderDescriptionText, type DescriptionText } from './description-text.ts';
import { hasRemovals, type HtmlRemovals } from './sanitize-html.ts';
import { descriptionWarning, quoteFound, type DescriptionLocation, type DescriptionWarning } from './description-warnings.ts';

/** One description: which capability (or group) of which framework it describes, and its text. */
export interface DescriptionEntry extends DescriptionText {
  /** The framework id the mapping files use: "nist_800_53", "csa_ccm", "intel-vpro". */
  framework: string;
  /** The framework version as the mapping sets write it ("rev5", "06/28/2022", "v2.1"), when the file name says. */
  version: string | null;
  /** The ATT&CK version a YAML file names in its header ("9.0"). */
  attackVersion: string | null;
  kind: 'capability' | 'group';
  /** The id as the file writes it (for YAML files without an id: the name). */
  rawId: string;
  /** Where rawId comes from: YAML files of the cloud stacks give only a name. */
  idField: 'id' | 'name';
  /** capabilityKey(rawId): the key pages fold ids to. */
  key: string;
  /** The name a YAML file gives the capability. */
  name: string | null;
  /** Where the description text is. */
  source: DescriptionLocation;
}

export type DescriptionFileShape = 'json-list' | 'yaml-capability';

export interface DescriptionFile {
  file: string;
  shape: DescriptionFileShape | null;
  framework: string | null;
  version: string | null;
  kind: 'capability' | 'group';
  entries: DescriptionEntry[];
  warnings: DescriptionWarning[];
}

/** What a file's name and folders say it describes. */
export interface DescriptionFileIdentity {
  framework: string | null;
  version: string | null;
  kind: 'capability' | 'group';
}

// Names the files and their folders give frameworks, against the framework ids of the mapping files.
const FRAMEWORK_NAMES: readonly [RegExp, string][] = [
  [/^nist(?:[-_ .]?sp)?(?:[-_ .]?800[-_ .]?53)?$/, 'nist_800_53'],
  [/^cri[-_ ]?profile$/, 'cri_profile'],
  [/^csa[-_ ]?ccm$/, 'csa_ccm'],
  [/^kev$/, 'kev'],
  [/^azure$/, 'azure'],
  [/^gcp$|^google[-_ ]?cloud$/, 'gcp'],
  [/^aws$/, 'aws'],
  [/^m365$|^microsoft[-_ ]?365$/, 'm365'],
  [/^intel[-_ ]?vpro$/, 'intel-vpro'],
  [/^veris$/, 'veris'],
];

/** The framework id a file-name part, folder name or YAML `platform` stands for. */
export function frameworkFromName(name: string): string | null {
  const lower = name.trim().toLowerCase();
  return FRAMEWORK_NAMES.find(([pattern]) => pattern.test(lower))?.[1] ?? null;
}

// "<framework>-<version>[_group]_descriptions.json": nist-rev5, kev-02.13.2025, csa_ccm-4.1_group.
const DESCRIPTIONS_FILE = /^(.+?)[-_](rev\d+|v?\d[\d.]*)(?:[-_](group))?[-_]descriptions\.json$/i;
const UNVERSIONED_FILE = /^(.+?)(?:[-_](group))?[-_]descriptions\.json$/i;

/** "02.13.2025" as the mapping sets write dates, "02/13/2025"; other versions as written. */
function versionFromFileName(version: string): string {
  const date = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(version);
  return date ? `${date[1]}/${date[2]}/${date[3]}` : version.toLowerCase();
}

/** What a file's name, then its folders, say it describes. */
export function identifyDescriptionFile(file: string): DescriptionFileIdentity {
  const parts = file.split(/[\\/]/).filter(Boolean);
  const base = parts.at(-1) ?? '';
  const versioned = DESCRIPTIONS_FILE.exec(base);
  const unversioned = versioned ? null : UNVERSIONED_FILE.exec(base);
  const kind = (versioned?.[3] ?? unversioned?.[2]) ? 'group' : 'capability';
  const version = versioned ? versionFromFileName(versioned[2]!) : null;
  let framework = frameworkFromName(versioned?.[1] ?? unversioned?.[1] ?? '');
  for (let i = parts.length - 2; framework === null && i >= 0; i--) framework = frameworkFromName(parts[i]!);
  return { framework, version, kind };
}

const NOT_AVAILABLE = /^(?:not available|n\/a)$/i;

/** The sanitizer's removals in a few words: "style ×3, class on the elements; span unwrapped". */
function describeRemovals(removed: HtmlRemovals): string {
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([name, n]) => (n > 1 ? `${name} ×${n}` : name))
      .join(', ');
  const pieces: string[] = [];
  if (Object.keys(removed.attributes).length) pieces.push(`attributes ${list(removed.attributes)}`);
  if (Object.keys(removed.unwrapped).length) pieces.push(`elements ${list(removed.unwrapped)}`);
  if (Object.keys(removed.dropped).length) pieces.push(`elements with their content ${list(removed.dropped)}`);
  if (removed.links.length) pieces.push(`links to ${removed.links.map((l) => quoteFound(l, 60)).join(', ')}`);
  if (removed.comments) pieces.push(`${removed.comments} comment${removed.comments > 1 ? 's' : ''}`);
  return pieces.join('; ');
}

interface RawEntry {
  id: unknown;
  description: unknown;
  name: string | null;
  idField: 'id' | 'name';
  idAt: DescriptionLocation;
  textAt: DescriptionLocation;
}

/** Check one raw entry and turn it into an entry, or into warnings only. */
function readEntry(
  raw: RawEntry,
  identity: DescriptionFileIdentity & { framework: string },
  attackVersion: string | null,
  warnings: DescriptionWarning[],
): DescriptionEntry | null {
  const { framework } = identity;
  const idText = typeof raw.id === 'string' ? raw.id : null;
  if (raw.id !== null && raw.id !== undefined && idText === null) {
    warnings.push(
      descriptionWarning('description-entry-malformed', raw.idAt, { framework, field: raw.idField, found: quoteFound(raw.id), action: 'skipped the entry' }),
    );
    return null;
  }
  if (raw.description !== null && raw.description !== undefined && typeof raw.description !== 'string') {
    warnings.push(
      descriptionWarning('description-entry-malformed', raw.textAt, {
        framework,
        field: 'description',
        found: quoteFound(raw.description),
        action: 'skipped the entry',
      }),
    );
    return null;
  }
  const description = typeof raw.description === 'string' ? raw.description : '';
  if ((idText && NOT_AVAILABLE.test(idText.trim())) || NOT_AVAILABLE.test(description.trim())) {
    const idNa = idText !== null && NOT_AVAILABLE.test(idText.trim());
    warnings.push(
      descriptionWarning('description-not-available', idNa ? raw.idAt : raw.textAt, {
        framework,
        field: idNa ? raw.idField : 'description',
        found: quoteFound(idNa ? idText : description),
        action: 'skipped the entry: it describes nothing',
      }),
    );
    return null;
  }
  if (idText === null || idText.trim() === '') {
    warnings.push(
      descriptionWarning('description-id-blank', raw.idAt, {
        framework,
        field: raw.idField,
        found: quoteFound(raw.id),
        action: description.trim()
          ? `skipped the entry (its description begins ${quoteFound(description.trim(), 60)})`
          : 'skipped the entry (its description is empty too)',
      }),
    );
    return null;
  }
  const rendered = renderDescriptionText(description);
  if (rendered.text === '') {
    warnings.push(
      descriptionWarning('description-text-empty', raw.textAt, {
        framework,
        field: 'description',
        found: quoteFound(description),
        action: `skipped: ${idText.trim()} gets no text from this file`,
      }),
    );
    return null;
  }
  // An empty xmlns (markup converted from XML) means nothing to an HTML parser: dropping it changes nothing a reader sees.
  if (rendered.removed) delete rendered.removed.attributes['xmlns'];
  if (rendered.removed && hasRemovals(rendered.removed)) {
    warnings.push(
      descriptionWarning('description-html-repaired', raw.textAt, {
        framework,
        field: 'description',
        found: describeRemovals(rendered.removed),
        action: 'removed them; the text and the allowed markup are shown',
      }),
    );
  }
  return {
    framework,
    version: identity.version,
    attackVersion,
    kind: identity.kind,
    rawId: idText,
    idField: raw.idField,
    key: capabilityKey(idText),
    name: raw.name,
    ...rendered,
    source: raw.textAt,
  };
}

/**
 * Drop repeated ids that repeat their text; keep (and warn about) those that say something else.
 * Ids are repeated by key, so "SI-8" and "SI-08" in one file are one id listed twice.
 */
function checkDuplicates(entries: DescriptionEntry[], warnings: DescriptionWarning[]): DescriptionEntry[] {
  const seen = new Map<string, DescriptionEntry[]>();
  const kept: DescriptionEntry[] = [];
  for (const entry of entries) {
    const earlier = seen.get(entry.key) ?? [];
    if (earlier.length === 0) {
      seen.set(entry.key, [entry]);
      kept.push(entry);
      continue;
    }
    const kind = earlier.some((e) => e.rawId === entry.rawId) ? 'description-id-duplicate' : 'description-id-variant';
    const where = { ...entry.source, pointer: entry.source.pointer.replace(/\/description$/, '/id') };
    const first = earlier[0]!;
    const found = kind === 'description-id-variant' ? `${quoteFound(entry.rawId)} after ${quoteFound(first.rawId)}` : quoteFound(entry.rawId);
    const same = earlier.find((e) => e.text === entry.text);
    if (same) {
      warnings.push(
        descriptionWarning(kind, where, { framework: entry.framework, field: 'id', found, action: `dropped: the same text as at ${same.source.pointer}` }),
      );
      continue;
    }
    warnings.push(
      descriptionWarning(kind, where, {
        framework: entry.framework,
        field: 'id',
        found,
        action: `kept both: its text differs from the one at ${earlier.map((e) => e.source.pointer).join(', ')}, and both are shown`,
      }),
    );
    earlier.push(entry);
    kept.push(entry);
  }
  return kept;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseJsonList(file: string, text: string, result: DescriptionFile): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineOfOffset(text, Number(position[1])) : undefined;
    result.warnings.push(
      descriptionWarning(
        'description-file-unreadable',
        { file, pointer: '', ...(line ? { line } : {}) },
        { framework: result.framework, field: '(file)', found: quoteFound(message, 200), action: 'skipped the file' },
      ),
    );
    return;
  }
  if (!Array.isArray(data)) {
    result.warnings.push(
      descriptionWarning(
        'description-file-unrecognized',
        { file, pointer: '' },
        {
          framework: result.framework,
          field: '(file)',
          found: Array.isArray(data) ? 'a list' : data === null ? 'null' : `a JSON ${typeof data}`,
          action: 'skipped the file',
        },
      ),
    );
    return;
  }
  result.shape = 'json-list';
  if (result.framework === null) {
    // A file named for nothing may still be told by its ids: a list of CVE ids is the KEV catalog's.
    const ids = data.map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>)['id'] : null));
    if (ids.length > 0 && ids.every((id) => typeof id === 'string' && /^\s*CVE-\d{4}-\d{4,}\s*$/i.test(id))) result.framework = 'kev';
  }
  if (result.framework === null) {
    result.warnings.push(
      descriptionWarning(
        'description-framework-unknown',
        { file, pointer: '' },
        { framework: null, field: '(file)', found: quoteFound(file), action: 'skipped the file' },
      ),
    );
    return;
  }
  if (data.length === 0) {
    result.warnings.push(
      descriptionWarning(
        'description-list-empty',
        { file, pointer: '' },
        { framework: result.framework, field: '(file)', found: '[]', action: 'nothing to read: the file adds no text' },
      ),
    );
    return;
  }
  const identity = { ...result, framework: result.framework };
  const entries: DescriptionEntry[] = [];
  data.forEach((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      result.warnings.push(
        descriptionWarning(
          'description-entry-malformed',
          { file, pointer: `/${i}` },
          { framework: identity.framework, field: '(entry)', found: quoteFound(item), action: 'skipped the entry' },
        ),
      );
      return;
    }
    const record = item as Record<string, unknown>;
    const entry = readEntry(
      {
        id: record['id'],
        description: record['description'],
        name: null,
        idField: 'id',
        idAt: { file, pointer: `/${i}/id` },
        textAt: { file, pointer: `/${i}/description` },
      },
      identity,
      null,
      result.warnings,
    );
    if (entry) entries.push(entry);
  });
  result.entries = checkDuplicates(entries, result.warnings);
}

function parseYamlCapability(file: string, text: string, result: DescriptionFile): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
    result.warnings.push(
      descriptionWarning(
        'description-file-unreadable',
        { file, pointer: '', ...(line ? { line } : {}) },
        { framework: result.framework, field: '(file)', found: quoteFound(error.message.split('\n')[0], 200), action: 'skipped the file' },
      ),
    );
    return;
  }
  const contents = doc.contents;
  if (!isMap(contents) || !contents.has('description') || !(contents.has('id') || contents.has('name'))) {
    result.warnings.push(
      descriptionWarning(
        'description-file-unrecognized',
        { file, pointer: '' },
        {
          framework: result.framework,
          field: '(file)',
          found: isMap(contents) ? `a mapping of ${contents.items.length} keys without description and id or name` : 'no mapping',
          action: 'skipped the file',
        },
      ),
    );
    return;
  }
  result.shape = 'yaml-capability';
  const value = (key: string): unknown => contents.get(key);
  const lineOf = (key: string): number | undefined => {
    const node = contents.get(key, true) as YamlNode | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const at = (key: string): DescriptionLocation => {
    const line = lineOf(key);
    return { file, pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, ...(line ? { line } : {}) };
  };
  const platform = value('platform');
  if (typeof platform === 'string' && frameworkFromName(platform)) result.framework = frameworkFromName(platform);
  if (result.framework === null) {
    result.warnings.push(
      descriptionWarning(
        'description-framework-unknown',
        { file, pointer: '' },
        { framework: null, field: 'platform', found: quoteFound(platform ?? file), action: 'skipped the file' },
      ),
    );
    return;
  }
  const rawAttack = value('ATT&CK version');
  const attackText = typeof rawAttack === 'number' || typeof rawAttack === 'string' ? String(rawAttack).trim() : '';
  const attackVersion = attackText === '' ? null : /^\d+$/.test(attackText) ? `${attackText}.0` : attackText;
  const name = value('name');
  const idField = contents.has('id') ? 'id' : 'name';
  const entry = readEntry(
    {
      id: value(idField),
      description: value('description'),
      name: typeof name === 'string' ? name.trim() : null,
      idField,
      idAt: at(idField),
      textAt: at('description'),
    },
    { ...result, framework: result.framework },
    attackVersion,
    result.warnings,
  );
  result.entries = entry ? [entry] : [];
}

/** Whether a file, met in a folder, is one to read as a description file. */
export function isDescriptionFileName(file: string): boolean {
  return /[-_]descriptions\.json$/i.test(file) || /\.ya?ml$/i.test(file);
}

/**
 * Read one description file from its text. `file` names it in warnings; its folders and name, or
 * those of `fullPath` when given (a file named by its base name alone), tell its framework.
 */
export function parseDescriptionFile(file: string, content: string, fullPath: string = file): DescriptionFile {
  const identity = identifyDescriptionFile(fullPath);
  const result: DescriptionFile = { file, shape: null, ...identity, entries: [], warnings: [] };
  const text = content.replace(/^\uFEFF/, '');
  if (/\.ya?ml$/i.test(file)) parseYamlCapability(file, text, result);
  else parseJsonList(file, text, result);
  return result;
}
