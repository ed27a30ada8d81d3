/** Helpers for the scripts that are also commands: their flags and help (from src/lib/config/settings.ts), and their children. */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  COMMANDS,
  readCommandSettings,
  SETTINGS,
  SettingError,
  settingsOf,
  takesFlag,
  type CommandName,
  type CommandSettings,
  type Env,
  type GivenFlag,
  type Setting,
  type SettingKey,
} from '../src/lib/config/settings.ts';
import { OutputLockedError } from '../src/lib/io/output-lock.ts';
import { writeFailure } from '../src/lib/io/write-errors.ts';

/** True when the module at `moduleUrl` is the script node was started with (paths may hold spaces). */
export function isMain(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return pathToFileURL(realpathSync(started)).href === moduleUrl;
  } catch {
    return false;
  }
}

/**
 * Run a command's work; its exit status. A failure a user can act on is said in one line instead
 * of a stack trace, with status 1: a write the system refused (the path and the cause, then
 * `intact`: what stays as it was) or an output folder another run is writing.
 */
export async function runCommand(work: () => Promise<number>, intact: string): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OutputLockedError) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    const failed = writeFailure(error);
    if (!failed) throw error;
    console.error(`Error: ${failed.message}. ${intact}`);
    return 1;
  }
}

/**
 * Node options and environment for a child process that must stop when this one goes, even when
 * this one is killed without a chance to stop it (scripts/stop-with-parent.mjs).
 */
export const STOP_WITH_PARENT = ['--import', new URL('./stop-with-parent.mjs', import.meta.url).href];
export const withParentPid = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, [SETTINGS.parentPid.env]: String(process.pid) });

/** The settings whose flags a command takes, in the order they are declared (help last). */
function flagsOf(command: CommandName): SettingKey[] {
  const keys = settingsOf(command).filter((key) => takesFlag(key, command));
  return [...keys.filter((key) => key !== 'help'), ...keys.filter((key) => key === 'help')];
}

/** The usage line's part for one flag: [--data PATH ...]. */
function flagSynopsis(setting: Setting): string {
  return `[--${setting.flag}${setting.arg ? ` ${setting.arg}` : ''}${setting.kind === 'paths' ? ' ...' : ''}]`;
}

/** How a command is run: npm run data -- [--data PATH ...] [--out DIR] [--strict]. */
export function synopsis(command: CommandName): string {
  const { positionals } = COMMANDS[command] as { positionals?: { name: string } };
  const flags = flagsOf(command)
    .filter((key) => key !== 'help')
    .map((key) => flagSynopsis(SETTINGS[key]));
  return `npm run ${command} -- ${[...(positionals ? [positionals.name] : []), ...flags].join(' ')}`;
}

/** A setting's default as help and docs say it: "Default: $MAPSCOPE_DATA (paths separated by ":"), else data/". */
export function defaultText(setting: Setting): string {
  const value =
    setting.shown ?? (Array.isArray(setting.default) ? setting.default.join(', ') || 'none' : setting.default === undefined ? '' : String(setting.default));
  if (setting.kind === 'boolean') return '';
  const from = setting.env ? `$${setting.env}${setting.kind === 'paths' ? ' (paths separated by ":")' : ''}` : '';
  if (from && value) return `Default: ${from}, else ${value}`;
  return from ? `Default: ${from}` : value ? `Default: ${value}` : '';
}

/** A command's help: the usage line, then each argument and flag with what it does and its default. */
export function usage(command: CommandName): string {
  const { positionals } = COMMANDS[command] as { positionals?: { name: string; doc: string } };
  const rows: [string, string, string][] = [];
  if (positionals) rows.push([positionals.name.replace(/^\[(.*)\]$/, '$1'), positionals.doc, '']);
  for (const key of flagsOf(command)) {
    const setting: Setting = SETTINGS[key];
    const label = `${setting.short ? `-${setting.short}, ` : ''}--${setting.flag}${setting.arg ? ` ${setting.arg}` : ''}`;
    let more = '';
    if (setting.kind === 'paths') more = '; repeatable';
    else if (setting.choices) more = `: ${setting.choices.join(', ')}`;
    else if (setting.kind === 'boolean' && setting.env) more = ` (also: ${setting.env}=1)`;
    rows.push([label, `${setting.doc}${more}`, defaultText(setting)]);
  }
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = rows.flatMap(([label, doc, shown]) => [`  ${label.padEnd(width)}${doc}`, ...(shown ? [`  ${' '.repeat(width)}${shown}`] : [])]);
  return [`usage: ${synopsis(command)}`, ...lines].join('\n');
}

/** The parseArgs options of a command's flags. */
function parseArgsOptions(command: CommandName) {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const key of flagsOf(command)) {
    const setting: Setting = SETTINGS[key];
    options[setting.flag!] = {
      type: setting.kind === 'boolean' ? 'boolean' : 'string',
      ...(setting.kind === 'paths' ? { multiple: true } : {}),
      ...(setting.short ? { short: setting.short } : {}),
    };
  }
  return options;
}

export interface ParsedCommand<C extends CommandName> {
  /** Every setting the command reads, by setting key (its flag's value, else its variable's, else its default). */
  values: CommandSettings<C>;
  positionals: string[];
}

/**
 * Parse a command's arguments against its declared flags, and read every setting it uses. When
 * there is nothing to run, the exit status instead, said already: 0 after --help, 2 for a wrong
 * flag or value (with the usage when a flag was wrong) or missing arguments.
 */
export function parseCommand<C extends CommandName>(command: C, argv: readonly string[], env: Env = process.env): ParsedCommand<C> | { status: number } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: parseArgsOptions(command), allowPositionals: 'positionals' in COMMANDS[command], strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage(command)}`);
    return { status: 2 };
  }
  if (parsed.values['help']) {
    console.log(usage(command));
    return { status: 0 };
  }
  const { positionals } = COMMANDS[command] as { positionals?: { required?: boolean } };
  if (positionals?.required && parsed.positionals.length === 0) {
    console.error(usage(command));
    return { status: 2 };
  }
  try {
    return { values: readCommandSettings(command, parsed.values as Record<string, GivenFlag>, env), positionals: parsed.positionals };
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    console.error(error.source.startsWith('-') ? `${error.message}\n${usage(command)}` : `Error: ${error.message}`);
    return { status: 2 };
  }
}
