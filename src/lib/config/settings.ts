/**
 * Every setting of Mapscope in one place: each environment variable (MAPSCOPE_* and the few
 * others), each command-line flag of scripts/*.ts and which it pairs with, with its type, default
 * and one line of doc; and the reading of them. A flag given wins over its variable, a variable
 * set (not empty) over the default; a value that is not of the setting's type is an error that
 * names the variable or flag, what was expected and what was found.
 * scripts/cli.ts parses the flags against these declarations and writes each command's help from
 * them; docs/configuration.md is generated from them (npm run docs:config).
 */

/** The commands (npm run <name>) whose flags are declared here, and the scripts that are them. */
export const COMMANDS = {
  data: { script: 'scripts/build-model.ts', doc: 'read, validate and normalize the mapping files into generated/model.json' },
  build: { script: 'scripts/build.ts', doc: 'the data step, then the pages and the downloads, within the deploy budgets' },
  budgets: {
    script: 'scripts/check-budgets.ts',
    doc: 'measure a built site against the deploy budgets',
    positionals: { name: '[DIR]', doc: 'the built site. Default: dist' },
  },
  fidelity: { script: 'scripts/check-fidelity.ts', doc: 'compare every row of every download of a built site with its source files' },
  corpus: { script: 'scripts/generate-corpus.ts', doc: 'write the deterministic synthetic corpus, shaped like the public Mappings Explorer data' },
  attack: {
    script: 'scripts/import-attack.ts',
    doc: 'import ATT&CK STIX bundles into the ATT&CK catalog (data/attack/)',
    positionals: { name: 'PATH...', doc: 'an ATT&CK STIX bundle (enterprise-attack-16.1.json, ...) or a folder of them', required: true },
  },
  baselines: {
    script: 'scripts/import-baselines.ts',
    doc: 'import OSCAL profiles as control baselines (data/baselines/)',
    positionals: { name: 'PATH...', doc: 'an OSCAL profile (NIST_SP-800-53_rev5_MODERATE-baseline_profile.json, ...) or a folder of them', required: true },
  },
  bench: { script: 'scripts/bench.ts', doc: 'benchmarks on the synthetic full-size corpus' },
  screenshots: { script: 'scripts/screenshots.ts', doc: 'PNGs of one page of each kind, at two viewports in both colour schemes' },
} as const satisfies Record<string, CommandDeclaration>;

export type CommandName = keyof typeof COMMANDS;

export interface CommandDeclaration {
  script: string;
  doc: string;
  /** The arguments that are not flags, if the command takes any. */
  positionals?: { name: string; doc: string; required?: boolean };
}

/**
 * How a value is read: yes/no (flag: given or not; variable: 1, true, yes, on / 0, false, no, off),
 * text (one of its choices, when it has some), a path, paths (a flag per path, or ":" between them in a variable), a list (separated by
 * commas), a whole number, a number greater than 0, an http(s) URL.
 */
export type Kind = 'boolean' | 'string' | 'path' | 'paths' | 'list' | 'integer' | 'number' | 'url';

export interface Setting {
  /** The environment variable, if there is one. */
  env?: string;
  /** The flag (without "--"), if there is one. */
  flag?: string;
  /** Its one-letter form (without "-"). */
  short?: string;
  /** The commands that read the setting, from its flag or its variable. */
  commands: readonly CommandName[];
  /** Those of them that take the flag, when not all do. */
  flagCommands?: readonly CommandName[];
  kind: Kind;
  /** What stands for the flag's value in a usage line: PATH, DIR, N. */
  arg?: string;
  /** The least whole number allowed. */
  min?: number;
  /** The words a list may hold, or the one word text may be. */
  choices?: readonly string[];
  default?: boolean | string | number | readonly string[];
  /** The default as help and docs say it, where the value alone would not say it (or is set elsewhere). */
  shown?: string;
  /** One line: what the setting does. */
  doc: string;
  /** Who sets it when not a person running a command: Mapscope's own commands, or the GitHub Pages workflow. */
  setBy?: 'mapscope' | 'workflow';
}

const ALL_COMMANDS = Object.keys(COMMANDS) as CommandName[];

export const SETTINGS = {
  data: {
    env: 'MAPSCOPE_DATA',
    flag: 'data',
    arg: 'PATH',
    commands: ['data', 'build', 'fidelity'],
    kind: 'paths',
    default: ['data'],
    shown: 'data/',
    doc: 'a mapping file or folder (*.json, *.csv, read recursively)',
  },
  attack: {
    env: 'MAPSCOPE_ATTACK',
    flag: 'attack',
    arg: 'PATH',
    commands: ['data', 'build'],
    kind: 'paths',
    default: [],
    shown: 'none',
    doc: 'ATT&CK STIX bundles as MITRE publishes them (files or folders): technique descriptions, and ATT&CK versions the catalog (data/attack/) lacks',
  },
  descriptions: {
    env: 'MAPSCOPE_DESCRIPTIONS',
    flag: 'descriptions',
    arg: 'PATH',
    commands: ['data', 'build'],
    kind: 'paths',
    default: [],
    shown: 'none',
    doc: 'capability texts (files or folders): NIST SP 800-53 OSCAL catalogs and Mappings Explorer description files (*_descriptions.json, SecurityStack YAML); OSCAL profiles among them are skipped',
  },
  generated: {
    env: 'MAPSCOPE_GENERATED',
    flag: 'out',
    arg: 'DIR',
    commands: ['data', 'build', 'fidelity'],
    flagCommands: ['data', 'build'],
    kind: 'path',
    default: 'generated',
    shown: 'generated/',
    doc: 'where to write model.json (the generated folder, which the pages read)',
  },
  strict: {
    env: 'MAPSCOPE_STRICT',
    flag: 'strict',
    commands: ['data', 'build', 'budgets'],
    kind: 'boolean',
    default: false,
    doc: 'treat warnings as errors: data warnings (data, build) and deploy budgets exceeded (build, budgets)',
  },
  catalog: {
    env: 'MAPSCOPE_CATALOG',
    commands: ['data', 'build', 'bench'],
    kind: 'path',
    shown: 'data/attack/',
    doc: 'the ATT&CK catalog folder a build reads (npm run attack writes it)',
  },
  baselines: {
    env: 'MAPSCOPE_BASELINES',
    commands: ['data', 'build', 'bench'],
    kind: 'path',
    shown: 'data/baselines/',
    doc: 'the control baselines folder a build reads (npm run baselines writes it)',
  },
  maxInputMb: {
    env: 'MAPSCOPE_MAX_INPUT_MB',
    commands: ['data', 'build', 'bench', 'attack', 'baselines'],
    kind: 'number',
    default: 1024,
    doc: 'the most input one build reads, in MB (input is held in memory whole)',
  },
  out: {
    env: 'MAPSCOPE_OUT',
    flag: 'dist',
    arg: 'DIR',
    commands: ['build', 'fidelity'],
    flagCommands: ['fidelity'],
    kind: 'path',
    default: 'dist',
    shown: 'dist/',
    doc: 'the built site',
  },
  base: {
    env: 'MAPSCOPE_BASE',
    commands: ['build', 'bench'],
    kind: 'string',
    default: '/',
    doc: 'the base path the site is served under, e.g. /mapscope/ on GitHub Pages',
  },
  site: {
    env: 'MAPSCOPE_SITE',
    commands: ['build', 'bench'],
    kind: 'url',
    default: 'http://localhost:4321',
    doc: 'the site\'s public origin, for the links in Navigator layers and, when set, the pages\' "Open in ATT&CK Navigator" links (the default is where npm start serves it)',
  },
  prebuild: {
    env: 'MAPSCOPE_PREBUILD',
    commands: ['build'],
    kind: 'string',
    choices: ['current', 'all'],
    default: 'current',
    doc: "which sets get prebuilt YAML, STIX and Excel files: current (each framework's newest ATT&CK version per domain, framework versions mapped side by side, like NIST rev4 and rev5, each apart; the browser makes the superseded sets' and the static comparisons' on click from their JSON files) or all (every set and comparison: more MB, see docs/deploy.md)",
  },
  sourceDateEpoch: {
    env: 'SOURCE_DATE_EPOCH',
    commands: ['build'],
    kind: 'integer',
    min: 0,
    shown: 'the day of the build',
    doc: 'the build date (seconds since 1970, the reproducible-builds convention) that Excel workbooks name on their About sheet',
  },
  budgetFiles: {
    env: 'MAPSCOPE_BUDGET_FILES',
    commands: ['build', 'budgets'],
    kind: 'integer',
    min: 1,
    default: 10_000,
    doc: 'deploy budget: the most files a built site may hold',
  },
  budgetFileMb: {
    env: 'MAPSCOPE_BUDGET_FILE_MB',
    commands: ['build', 'budgets'],
    kind: 'number',
    default: 25,
    doc: 'deploy budget: the largest a file of the built site may be, in MiB',
  },
  budgetMb: {
    env: 'MAPSCOPE_BUDGET_MB',
    commands: ['build', 'budgets'],
    kind: 'number',
    default: 200,
    doc: 'deploy budget: the most a built site may hold in all, downloads included, in MB',
  },
  fidelityModel: {
    flag: 'model',
    arg: 'FILE',
    commands: ['fidelity'],
    kind: 'path',
    shown: 'model.json in $MAPSCOPE_GENERATED, else in generated/',
    doc: 'the model the site was built from',
  },
  fidelityStrict: {
    flag: 'strict',
    commands: ['fidelity'],
    kind: 'boolean',
    default: false,
    doc: 'exit 1 when a difference is not one a warning names',
  },
  examples: {
    flag: 'examples',
    arg: 'N',
    commands: ['fidelity'],
    kind: 'integer',
    min: 0,
    default: 3,
    doc: 'how many examples to show of each kind of difference',
  },
  corpusOut: {
    flag: 'out',
    arg: 'DIR',
    commands: ['corpus'],
    kind: 'path',
    default: 'generated/corpus',
    doc: 'where to write the corpus (an earlier corpus there is replaced; another folder with files in it is refused)',
  },
  seed: {
    flag: 'seed',
    arg: 'N',
    commands: ['corpus'],
    kind: 'integer',
    shown: 'a fixed seed',
    doc: 'the seed of the random choices (the same seed, the same files)',
  },
  catalogOut: {
    flag: 'out',
    arg: 'DIR',
    commands: ['attack'],
    kind: 'path',
    default: 'data/attack',
    doc: 'the catalog folder',
  },
  force: {
    flag: 'force',
    commands: ['attack'],
    kind: 'boolean',
    default: false,
    doc: 'let a bundle with fewer techniques or tactics replace the version the catalog has (refused without it: such a bundle is most likely cut or wrong)',
  },
  baselinesOut: {
    flag: 'out',
    arg: 'DIR',
    commands: ['baselines'],
    kind: 'path',
    default: 'data/baselines',
    doc: 'the baselines folder',
  },
  baselineId: {
    flag: 'id',
    arg: 'ID',
    commands: ['baselines'],
    kind: 'string',
    shown: 'from the title, nist_800_53-rev5-moderate',
    doc: "the baseline's id and file name (one profile only)",
  },
  framework: {
    flag: 'framework',
    arg: 'ID',
    commands: ['baselines'],
    kind: 'string',
    shown: 'nist_800_53',
    doc: 'the framework whose capabilities the controls are',
  },
  frameworkVersion: {
    flag: 'version',
    arg: 'V',
    commands: ['baselines'],
    kind: 'string',
    shown: 'from the title ("Revision 5")',
    doc: 'the framework version its mapping sets use, e.g. rev5',
  },
  only: {
    flag: 'only',
    arg: 'LIST',
    commands: ['bench'],
    kind: 'list',
    choices: ['pipeline', 'search', 'exports', 'site', 'coverage', 'workbook', 'import', 'budgets'],
    shown: 'all',
    doc: 'the sections to run, separated by commas',
  },
  runs: {
    flag: 'runs',
    arg: 'N',
    commands: ['bench'],
    kind: 'integer',
    min: 1,
    default: 7,
    doc: 'how many times each figure is measured',
  },
  benchSiteRuns: {
    env: 'MAPSCOPE_BENCH_SITE_RUNS',
    commands: ['bench'],
    kind: 'integer',
    min: 1,
    default: 3,
    doc: 'how many times npm run bench builds the sites it times (at most --runs)',
  },
  screenshotsDist: {
    flag: 'dist',
    arg: 'DIR',
    commands: ['screenshots'],
    kind: 'path',
    default: 'dist',
    doc: 'the built site (from npm run build)',
  },
  screenshotsOut: {
    flag: 'out',
    arg: 'DIR',
    commands: ['screenshots'],
    kind: 'path',
    default: 'screenshots',
    doc: 'where to write the PNGs',
  },
  url: {
    flag: 'url',
    arg: 'URL',
    commands: ['screenshots'],
    kind: 'url',
    shown: 'none: the site in --dist is served here',
    doc: 'a server already serving that same build, to read the pages from',
  },
  maxHeight: {
    flag: 'max-height',
    arg: 'PX',
    commands: ['screenshots'],
    kind: 'integer',
    min: 100,
    default: 12_000,
    doc: 'where a full-page shot is cut, in pixels',
  },
  chromium: {
    env: 'CHROMIUM_PATH',
    commands: ['screenshots', 'bench'],
    kind: 'path',
    default: '/usr/bin/chromium',
    doc: 'the Chromium the screenshots, the benchmark and the browser tests drive (never a downloaded one)',
  },
  help: {
    flag: 'help',
    short: 'h',
    commands: ALL_COMMANDS,
    kind: 'boolean',
    default: false,
    doc: 'print this help',
  },
  parentPid: {
    env: 'MAPSCOPE_PARENT_PID',
    commands: [],
    kind: 'integer',
    min: 1,
    setBy: 'mapscope',
    doc: 'the process whose end stops this one (npm scripts set it to npm; read by scripts/stop-with-parent.mjs)',
  },
  manifestWait: {
    env: 'MAPSCOPE_MANIFEST_WAIT',
    commands: [],
    kind: 'integer',
    min: 1,
    setBy: 'mapscope',
    doc: 'seconds the pages wait for the downloads manifest (npm run build sets it: Astro bundles the pages while the downloads are made)',
  },
  publicMappings: {
    env: 'MAPSCOPE_PUBLIC_MAPPINGS',
    commands: [],
    kind: 'string',
    setBy: 'workflow',
    shown: 'unset: the default data',
    doc: 'a repository variable: true (or a tag or commit of mappings-explorer) builds the public Mappings Explorer files',
  },
} as const satisfies Record<string, Setting>;

type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;

interface KindValues {
  boolean: boolean;
  string: string;
  path: string;
  paths: string[];
  list: string[];
  integer: number;
  number: number;
  url: string;
}

/** A setting's value: of its kind, or undefined when it has no default and is not set. */
export type SettingValue<K extends SettingKey> = KindValues[Settings[K]['kind']] | (Settings[K] extends { default: unknown } ? never : undefined);

/** The values of every setting a command reads, by setting key. */
export type CommandSettings<C extends CommandName> = { -readonly [K in SettingKey as C extends Settings[K]['commands'][number] ? K : never]: SettingValue<K> };

/** A flag's value as node:util parseArgs gives it. */
export type GivenFlag = string | boolean | readonly string[] | undefined;

export type Env = Readonly<Record<string, string | undefined>>;

/** A value that is not of its setting's type; `source` is the variable or the flag (--name). */
export class SettingError extends Error {
  constructor(
    readonly source: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${source}: expected ${expected}, found ${JSON.stringify(found)}`);
    this.name = 'SettingError';
  }
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** What a value of the setting must be, as an error message says it. */
export function expectedOf(setting: Setting): string {
  switch (setting.kind) {
    case 'boolean':
      return `one of ${TRUE.join(', ')} (or ${FALSE.join(', ')})`;
    case 'integer':
      return `a whole number${setting.min === undefined ? '' : `, ${setting.min} or more`}`;
    case 'number':
      return 'a number greater than 0';
    case 'url':
      return 'an http:// or https:// URL';
    case 'string':
      return setting.choices ? `one of ${setting.choices.join(', ')}` : 'text';
    case 'list':
      return setting.choices ? `some of ${setting.choices.join(', ')}, separated by commas` : 'words separated by commas';
    default:
      return 'text';
  }
}

/** The setting's value from text (a variable's, or a flag's), or a SettingError naming `source`. */
export function parseValue(setting: Setting, raw: string, source: string): unknown {
  const fail = () => new SettingError(source, expectedOf(setting), raw);
  const text = raw.trim();
  switch (setting.kind) {
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE.includes(word)) return true;
      if (FALSE.includes(word)) return false;
      throw fail();
    }
    case 'integer': {
      const value = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || (setting.min !== undefined && value < setting.min)) throw fail();
      return value;
    }
    case 'number': {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value) || value <= 0) throw fail();
      return value;
    }
    case 'url': {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw fail();
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail();
      return text;
    }
    case 'list': {
      const words = text
        .split(',')
        .map((w) => w.trim())
        .filter((w) => w !== '');
      if (setting.choices && words.some((w) => !setting.choices!.includes(w))) throw fail();
      return words;
    }
    case 'paths':
      return raw.split(':').filter((p) => p.trim() !== '');
    case 'string':
      if (setting.choices && !setting.choices.includes(text)) throw fail();
      return setting.choices ? text : raw;
    default:
      return raw;
  }
}

const copy = (value: Setting['default']) => (Array.isArray(value) ? [...value] : value);

/**
 * One setting's value: the flag's when given (not empty), else the variable's when set (not
 * blank), else the default. Throws a SettingError for a value not of the setting's type.
 */
export function readSetting<K extends SettingKey>(key: K, env: Env = process.env, given?: GivenFlag): SettingValue<K> {
  const setting: Setting = SETTINGS[key];
  const flagGiven = Array.isArray(given) ? given.length > 0 : given !== undefined && given !== '' && given !== false;
  if (flagGiven) {
    if (typeof given === 'boolean' || Array.isArray(given)) return (Array.isArray(given) ? [...given] : given) as SettingValue<K>;
    return parseValue(setting, given as string, `--${setting.flag}`) as SettingValue<K>;
  }
  const raw = setting.env ? env[setting.env] : undefined;
  if (raw !== undefined && raw.trim() !== '') return parseValue(setting, raw, setting.env!) as SettingValue<K>;
  return copy(setting.default) as SettingValue<K>;
}

/**
 * The site's public origin when it is known ($MAPSCOPE_SITE set, as the GitHub Pages workflow
 * does), without a final "/"; null when the build only has the default (a local preview's).
 */
export function publicOrigin(env: Env = process.env): string | null {
  const raw = env[SETTINGS.site.env];
  return raw !== undefined && raw.trim() !== '' ? readSetting('site', env).replace(/\/+$/, '') : null;
}

/** The keys of the settings a command reads. */
export function settingsOf(command: CommandName): SettingKey[] {
  return (Object.keys(SETTINGS) as SettingKey[]).filter((key) => (SETTINGS[key].commands as readonly CommandName[]).includes(command));
}

/** Whether the command takes the setting's flag. */
export function takesFlag(key: SettingKey, command: CommandName): boolean {
  const setting: Setting = SETTINGS[key];
  return setting.flag !== undefined && (setting.flagCommands ?? setting.commands).includes(command);
}

/**
 * Every setting a command reads, from its flags as parsed (by flag name: { out: 'x' }), its
 * environment and the defaults. Every value is checked, so a wrong one stops the command before
 * it starts its work.
 */
export function readCommandSettings<C extends CommandName>(
  command: C,
  flags: Readonly<Record<string, GivenFlag>> = {},
  env: Env = process.env,
): CommandSettings<C> {
  const values: Record<string, unknown> = {};
  for (const key of settingsOf(command)) values[key] = readSetting(key, env, takesFlag(key, command) ? flags[(SETTINGS[key] as Setting).flag!] : undefined);
  return values as CommandSettings<C>;
}
