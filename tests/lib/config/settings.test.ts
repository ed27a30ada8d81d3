import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  COMMANDS,
  readCommandSettings,
  readSetting,
  SETTINGS,
  SettingError,
  settingsOf,
  takesFlag,
  type CommandName,
  type Setting,
  type SettingKey,
} from '../../../src/lib/config/settings.ts';
import { generatedDir } from '../../../src/lib/model/model-store.ts';
import { maxInputSize } from '../../../src/lib/io/input-file.ts';
import { BUDGETS, budgetsFrom } from '../../../scripts/site-check/budgets.ts';
import { siteOrigin } from '../../../scripts/build-downloads.ts';
import { parseCommand, usage } from '../../../scripts/cli.ts';
import { CONFIGURATION_DOC, configurationDoc } from '../../../scripts/docs-config.ts';
import { ROOT } from '../../support/paths.ts';

const keys = Object.keys(SETTINGS) as SettingKey[];
const declared = (key: SettingKey): Setting => SETTINGS[key];

/** The source files under the given folders of the project, with their text. */
async function sources(...dirs: string[]): Promise<{ file: string; text: string }[]> {
  const found: { file: string; text: string }[] = [];
  for (const dir of dirs) {
    for (const entry of await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|mts|mjs|js|astro)$/.test(entry.name)) continue;
      const file = path.relative(ROOT, path.join(entry.parentPath, entry.name));
      found.push({ file, text: await readFile(path.join(ROOT, file), 'utf8') });
    }
  }
  return found;
}

describe('the settings', () => {
  it('are what docs/configuration.md says (npm run docs:config writes it)', async () => {
    expect(await readFile(CONFIGURATION_DOC, 'utf8')).toBe(configurationDoc());
    // Every variable and every flag is in it.
    const doc = configurationDoc();
    for (const key of keys) {
      const setting = declared(key);
      if (setting.env) expect(doc).toContain(`\`${setting.env}\``);
      if (setting.flag && key !== 'help') expect(doc).toContain(`\`--${setting.flag}`);
    }
  });

  it('are read from the environment by the settings module alone', async () => {
    // stop-with-parent.mjs is preloaded before tsx and cannot import TypeScript: it reads MAPSCOPE_PARENT_PID (declared here) itself.
    const allowed = new Set(['src/lib/config/settings.ts', 'scripts/stop-with-parent.mjs']);
    const readers = (await sources('src', 'scripts')).concat({ file: 'astro.config.mjs', text: await readFile(path.join(ROOT, 'astro.config.mjs'), 'utf8') });
    const reading = readers.filter(({ file, text }) => !allowed.has(file) && /\benv(\.|\[\s*['"`])MAPSCOPE_/.test(text)).map(({ file }) => file);
    expect(reading).toEqual([]);
    const stray = readers.filter(({ file, text }) => file !== 'scripts/cli.ts' && /\bparseArgs\s*\(/.test(text)).map(({ file }) => file);
    expect(stray, 'flags are parsed by scripts/cli.ts alone').toEqual([]);
  });

  it('declare every MAPSCOPE_ variable the code, the npm scripts and the deploy recipes name', async () => {
    const texts = [
      ...(await sources('src', 'scripts', '.github', 'deploy')),
      ...(await Promise.all(
        ['astro.config.mjs', 'package.json', 'netlify.toml', '.github/workflows/pages.yml'].map(async (file) => ({
          file,
          text: await readFile(path.join(ROOT, file), 'utf8'),
        })),
      )),
    ];
    const names = new Set(texts.flatMap(({ text }) => text.match(/\bMAPSCOPE_[A-Z_]+/g) ?? []));
    names.delete('MAPSCOPE_STIX_NAMESPACE'); // a constant of the STIX export, not a variable
    const variables = new Set(keys.flatMap((key) => declared(key).env ?? []));
    expect([...names].filter((name) => !variables.has(name))).toEqual([]);
    for (const name of ['MAPSCOPE_DATA', 'MAPSCOPE_STRICT', 'MAPSCOPE_BASE', 'MAPSCOPE_PARENT_PID', 'MAPSCOPE_PUBLIC_MAPPINGS']) expect(names).toContain(name);
  });

  it('name each variable once, and each flag once per command', () => {
    const variables = keys.flatMap((key) => declared(key).env ?? []);
    expect(new Set(variables).size).toBe(variables.length);
    for (const command of Object.keys(COMMANDS) as CommandName[]) {
      const flags = settingsOf(command)
        .filter((key) => takesFlag(key, command))
        .map((key) => declared(key).flag);
      expect(new Set(flags).size, command).toBe(flags.length);
      expect(flags, command).toContain('help');
    }
  });

  it('have defaults of their own type', () => {
    for (const key of keys) {
      const setting = declared(key);
      if (setting.default === undefined) continue;
      const value = readSetting(key, {});
      expect(value, key).toEqual(setting.default);
      if (setting.kind === 'integer') expect(Number.isInteger(value) && (value as number) >= (setting.min ?? -Infinity), key).toBe(true);
    }
  });
});

describe('reading the settings', () => {
  it('gives the defaults when nothing is set', () => {
    expect(readCommandSettings('data', {}, {})).toEqual({
      data: ['data'],
      attack: [],
      descriptions: [],
      generated: 'generated',
      strict: false,
      catalog: undefined,
      baselines: undefined,
      maxInputMb: 1024,
      help: false,
    });
    expect(readCommandSettings('bench', {}, {})).toMatchObject({
      runs: 7,
      benchSiteRuns: 3,
      only: undefined,
      chromium: '/usr/bin/chromium',
      base: '/',
      site: 'http://localhost:4321',
    });
    expect(budgetsFrom({})).toEqual(BUDGETS);
    expect(BUDGETS).toEqual({ files: 10_000, fileBytes: 25 * 1024 * 1024, totalBytes: 200e6 });
    expect(maxInputSize({})).toEqual({ bytes: 1024 * 1024 * 1024 });
    expect(generatedDir({}, '/work')).toBe(path.resolve('/work', 'generated'));
    expect(siteOrigin({})).toBe('http://localhost:4321');
  });

  it('takes a flag over its variable, and a variable over the default; an empty variable is unset', () => {
    const env = { MAPSCOPE_DATA: 'a::b', MAPSCOPE_GENERATED: '/tmp/gen', MAPSCOPE_STRICT: 'Yes', MAPSCOPE_OUT: '' };
    expect(readCommandSettings('data', {}, env)).toMatchObject({ data: ['a', 'b'], generated: '/tmp/gen', strict: true });
    expect(readCommandSettings('data', { data: ['c'], out: 'mine', strict: true }, env)).toMatchObject({ data: ['c'], generated: 'mine', strict: true });
    expect(readCommandSettings('fidelity', {}, env)).toMatchObject({ out: 'dist', data: ['a', 'b'], fidelityStrict: false, examples: 3 });
    expect(readCommandSettings('fidelity', { dist: 'site', examples: '0' }, env)).toMatchObject({ out: 'site', examples: 0 });
    // --strict of the fidelity check is its own: MAPSCOPE_STRICT does not turn it on.
    expect(readCommandSettings('fidelity', {}, { MAPSCOPE_STRICT: '1' })).not.toHaveProperty('strict');
    for (const off of ['0', 'false', 'No', 'off', '']) expect(readSetting('strict', { MAPSCOPE_STRICT: off })).toBe(false);
    expect(budgetsFrom({ MAPSCOPE_BUDGET_FILES: '100', MAPSCOPE_BUDGET_FILE_MB: '1.5', MAPSCOPE_BUDGET_MB: '2' })).toEqual({
      files: 100,
      fileBytes: 1.5 * 1024 * 1024,
      totalBytes: 2e6,
    });
    expect(maxInputSize({ MAPSCOPE_MAX_INPUT_MB: '0.5' })).toEqual({ bytes: 0.5 * 1024 * 1024 });
    expect(siteOrigin({ MAPSCOPE_SITE: 'https://example.org//' })).toBe('https://example.org');
    expect(readCommandSettings('bench', { only: 'site, budgets', runs: '2' }, { MAPSCOPE_BENCH_SITE_RUNS: '5' })).toMatchObject({
      only: ['site', 'budgets'],
      runs: 2,
      benchSiteRuns: 5,
    });
  });

  it('stops at a value not of its type, naming the variable or flag, what was expected and what was found', () => {
    const error = (read: () => unknown) => {
      try {
        read();
      } catch (e) {
        expect(e).toBeInstanceOf(SettingError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(error(() => readSetting('strict', { MAPSCOPE_STRICT: 'maybe' }))).toBe(
      'MAPSCOPE_STRICT: expected one of 1, true, yes, on (or 0, false, no, off), found "maybe"',
    );
    expect(error(() => budgetsFrom({ MAPSCOPE_BUDGET_MB: '-3' }))).toBe('MAPSCOPE_BUDGET_MB: expected a number greater than 0, found "-3"');
    expect(error(() => budgetsFrom({ MAPSCOPE_BUDGET_FILES: '1e3' }))).toBe('MAPSCOPE_BUDGET_FILES: expected a whole number, 1 or more, found "1e3"');
    expect(error(() => readSetting('maxInputMb', { MAPSCOPE_MAX_INPUT_MB: 'lots' }))).toBe(
      'MAPSCOPE_MAX_INPUT_MB: expected a number greater than 0, found "lots"',
    );
    expect(error(() => siteOrigin({ MAPSCOPE_SITE: 'example.org' }))).toBe('MAPSCOPE_SITE: expected an http:// or https:// URL, found "example.org"');
    expect(error(() => readCommandSettings('bench', { runs: '0' }, {}))).toBe('--runs: expected a whole number, 1 or more, found "0"');
    expect(error(() => readCommandSettings('bench', { only: 'site,everything' }, {}))).toBe(
      '--only: expected some of pipeline, search, exports, site, coverage, workbook, import, budgets, separated by commas, found "site,everything"',
    );
    expect(error(() => readCommandSettings('screenshots', { 'max-height': '50' }, {}))).toBe('--max-height: expected a whole number, 100 or more, found "50"');
    // A command checks every variable it reads before it starts.
    expect(error(() => readCommandSettings('build', {}, { MAPSCOPE_BUDGET_FILE_MB: 'x' }))).toContain('MAPSCOPE_BUDGET_FILE_MB');
  });
});

describe('a command line', () => {
  afterEach(() => vi.restoreAllMocks());

  function parse(command: CommandName, argv: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
    return { result: parseCommand(command, argv, env), out: out.join('\n'), err: err.join('\n') };
  }

  it('is parsed into the settings, with the positional arguments', () => {
    const { result } = parse('budgets', ['site', '--strict']);
    expect(result).toEqual({ values: { strict: true, budgetFiles: 10_000, budgetFileMb: 25, budgetMb: 200, help: false }, positionals: ['site'] });
  });

  it('prints the help made from the settings', () => {
    const { result, out } = parse('data', ['--help']);
    expect(result).toEqual({ status: 0 });
    expect(out).toBe(usage('data'));
    expect(out.split('\n')[0]).toBe('usage: npm run data -- [--data PATH ...] [--attack PATH ...] [--descriptions PATH ...] [--out DIR] [--strict]');
    expect(out).toContain('Default: $MAPSCOPE_DATA (paths separated by ":"), else data/');
    expect(out).toContain('Default: $MAPSCOPE_GENERATED, else generated/');
    expect(out).toContain('(also: MAPSCOPE_STRICT=1)');
  });

  it('says what is wrong and exits 2: an unknown flag with the usage, a wrong variable in one line', () => {
    const unknown = parse('fidelity', ['--dst', 'x']);
    expect(unknown.result).toEqual({ status: 2 });
    expect(unknown.err).toContain("Unknown option '--dst'");
    expect(unknown.err).toContain('usage: npm run fidelity -- ');
    const wrong = parse('data', [], { MAPSCOPE_STRICT: 'maybe' });
    expect(wrong.result).toEqual({ status: 2 });
    expect(wrong.err).toBe('Error: MAPSCOPE_STRICT: expected one of 1, true, yes, on (or 0, false, no, off), found "maybe"');
    const missing = parse('attack', []);
    expect(missing.result).toEqual({ status: 2 });
    expect(missing.err).toContain('usage: npm run attack -- PATH... [--out DIR]');
  });
});
