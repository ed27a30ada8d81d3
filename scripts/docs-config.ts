/**
 * npm run docs:config: writes docs/configuration.md from the settings (src/lib/config/settings.ts):
 * every environment variable and every flag of the commands, with its type, default and doc.
 * A test compares the file with what this makes, so the two cannot drift apart.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  COMMANDS,
  expectedOf,
  SETTINGS,
  SettingError,
  settingsOf,
  takesFlag,
  type CommandName,
  type Setting,
  type SettingKey,
} from '../src/lib/config/settings.ts';
import { isMain, synopsis } from './cli.ts';

export const CONFIGURATION_DOC = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => `\`${text}\``;
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)];

/** A setting's type in words. */
function typeOf(setting: Setting, asFlag: boolean): string {
  switch (setting.kind) {
    case 'boolean':
      return asFlag ? 'switch' : 'yes/no (1, true, yes, on / 0, false, no, off)';
    case 'paths':
      return asFlag ? 'path, repeatable' : 'paths, separated by ":"';
    case 'list':
      return `list, separated by commas${setting.choices ? `: ${setting.choices.join(', ')}` : ''}`;
    case 'integer':
      return `whole number${setting.min === undefined ? '' : `, ${setting.min} or more`}`;
    case 'number':
      return 'number greater than 0';
    case 'url':
      return 'http(s) URL';
    case 'string':
      return setting.choices ? `one of ${setting.choices.join(', ')}` : 'text';
    default:
      return setting.kind;
  }
}

/** A setting's default in words. */
function defaultOf(setting: Setting): string {
  if (setting.shown) return setting.shown;
  if (setting.kind === 'boolean') return 'off';
  if (Array.isArray(setting.default)) return setting.default.length ? setting.default.map(code).join(', ') : 'none';
  return setting.default === undefined ? 'none' : code(String(setting.default));
}

const commandsOf = (setting: Setting) => setting.commands.join(', ');
const flagsOf = (key: SettingKey) => {
  const setting: Setting = SETTINGS[key];
  const commands = setting.flagCommands ?? setting.commands;
  return setting.flag ? `${code(`--${setting.flag}`)}${commands.length < setting.commands.length ? ` (${commands.join(', ')})` : ''}` : '';
};

/** docs/configuration.md, as the settings say it. */
export function configurationDoc(): string {
  const keys = Object.keys(SETTINGS) as SettingKey[];
  const variables = keys.filter((key) => (SETTINGS[key] as Setting).env);
  const byUser = variables.filter((key) => !(SETTINGS[key] as Setting).setBy);
  const byOthers = variables.filter((key) => (SETTINGS[key] as Setting).setBy);
  const example = new SettingError(SETTINGS.strict.env, expectedOf(SETTINGS.strict), 'maybe').message;
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated from src/lib/config/settings.ts by `npm run docs:config`; edit the settings, not this file. -->',
    '',
    'The commands read the environment variables and take the flags below. A flag given wins over its variable, and a',
    'variable set (not empty) over the default. A value that is not of its type stops the command before it starts, with',
    `a message naming the variable or flag, what was expected and what was found: ${code(example)}.`,
    '`npm start` and `npm run dev` build the site first (`npm run build`), so what the build reads applies to them too.',
    '',
    '## Environment variables',
    '',
    ...table(
      ['Variable', 'Flag', 'Read by (npm run ...)', 'Type', 'Default', 'What it does'],
      byUser.map((key) => {
        const setting: Setting = SETTINGS[key];
        return [code(setting.env!), flagsOf(key), commandsOf(setting), typeOf(setting, false), defaultOf(setting), setting.doc];
      }),
    ),
    '',
    '### Set for you',
    '',
    ...table(
      ['Variable', 'Set by', 'Type', 'Default', 'What it does'],
      byOthers.map((key) => {
        const setting: Setting = SETTINGS[key];
        const setBy = setting.setBy === 'mapscope' ? 'the npm scripts' : 'the GitHub Pages workflow (a repository variable)';
        return [code(setting.env!), setBy, typeOf(setting, false), defaultOf(setting), setting.doc];
      }),
    ),
    '',
    '## Command-line flags',
    '',
    'Flags follow `--` after the command: `npm run data -- --strict`. Every command takes `-h`/`--help`, which prints its flags.',
    ...(Object.keys(COMMANDS) as CommandName[]).flatMap((command) => {
      const { script, doc, positionals } = COMMANDS[command] as { script: string; doc: string; positionals?: { name: string; doc: string } };
      const flags = settingsOf(command).filter((key) => key !== 'help' && takesFlag(key, command));
      return [
        '',
        `### npm run ${command}`,
        '',
        `${code(synopsis(command))} (${script}): ${doc}.${positionals ? ` ${code(positionals.name)}: ${positionals.doc}.` : ''}`,
        '',
        ...table(
          ['Flag', 'Variable', 'Type', 'Default', 'What it does'],
          flags.map((key) => {
            const setting: Setting = SETTINGS[key];
            const flag = code(`--${setting.flag}${setting.arg ? ` ${setting.arg}` : ''}`);
            return [flag, setting.env ? code(setting.env) : '', typeOf(setting, true), defaultOf(setting), setting.doc];
          }),
        ),
      ];
    }),
    '',
  ];
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  await writeFile(CONFIGURATION_DOC, configurationDoc());
  console.log(`-> ${CONFIGURATION_DOC}`);
}
