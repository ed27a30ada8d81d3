/**
 * Bad input files against `npm run data`, `npm run attack` and `npm run baselines`, run as a user
 * runs them: each case's exit code and message (file, location, field, expected, found), no
 * stack trace, no hang, and the previous outputs (model.json, the ATT&CK catalog, the baselines)
 * left byte for byte as they were. Big files are sparse (truncate), small limits come from
 * MAPSCOPE_MAX_INPUT_MB, so the cases stay cheap.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../support/paths.ts';

const MB = 1024 * 1024;
/** Well under what a hang would take: a pipe read blocks for good, /dev/zero grows until killed. */
const TIMEOUT = 30_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  killed: boolean;
}

/** Run a script the way npm runs it, killed after TIMEOUT. */
function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, MAPSCOPE_DATA: '', MAPSCOPE_MAX_INPUT_MB: '', ...env }, timeout: TIMEOUT, killSignal: 'SIGKILL', maxBuffer: 64 * MB },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number; killed?: boolean }) | null;
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr, killed: e?.killed ?? false });
      },
    );
  });
}

/** Every file of a folder and its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await readFile(path.join(dir, name))).toString('base64');
  return out;
}

let work: string;
const at = (...parts: string[]) => path.join(work, ...parts);

/** A mapping file's metadata that passes, for files whose fault is elsewhere. */
const METADATA = {
  attack_version: '16.1',
  technology_domain: 'enterprise',
  mapping_framework: 'nist_800_53',
  mapping_framework_version: 'rev5',
  mapping_types: { protects: { name: 'protects' } },
};

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mapscope-hostile-'));
  await mkdir(at('pipes'));
  execFileSync('mkfifo', [at('p.csv')]);
  execFileSync('mkfifo', [at('pipes', 'q.json')]);
  await symlink('/dev/zero', at('z.json'));
  await symlink('loop.json', at('loop.json'));
  await symlink('gone.csv', at('broken.csv'));
  for (const name of ['big.csv', 'big.json', 'enterprise-attack-99.0.json', 'huge_profile.json']) {
    await writeFile(at(name), '');
    await truncate(at(name), 600 * MB);
  }
  await writeFile(at('u16.json'), Buffer.from(JSON.stringify({ metadata: METADATA, mapping_objects: [] }), 'utf16le'));
  await writeFile(at('objects.json'), JSON.stringify({ metadata: METADATA, mapping_objects: {} }));
  await writeFile(
    at('zod.json'),
    JSON.stringify({ metadata: METADATA, mapping_objects: [{ capability_id: ['AC-4'], mapping_type: 'protects', attack_object_id: 'T1046' }] }),
  );
  await writeFile(at('key.json'), JSON.stringify({ ['k'.repeat(2 * MB)]: 1, metadata: METADATA, mapping_objects: 3 }));
  await writeFile(at('quote.csv'), `"${'a'.repeat(2 * MB)}`);
  await writeFile(at('fine.json'), await readFile(fixture('mapex', 'gcp-06.28.2022_attack-10.0-enterprise.json')));
  const bundle = await readFile(fixture('attack', 'bundles', 'enterprise-attack-1.0.json'), 'utf8');
  await writeFile(at('enterprise-attack-u16.json'), Buffer.from(bundle, 'utf16le'));
  const profile = await readFile(fixture('oscal', 'profiles', 'acme_rev5_MODERATE-baseline_profile.json'), 'utf8');
  await writeFile(at('u16_profile.json'), Buffer.from(profile, 'utf16le'));
  execFileSync('mkfifo', [at('pipe_profile.json')]);
}, 60_000);

afterAll(() => rm(work, { recursive: true, force: true }));

interface Case {
  name: string;
  args: () => string[];
  env?: Record<string, string>;
  code: number;
  /** Lines stderr holds, each whole. */
  lines: () => string[];
}

/** Cases for one command, each checked against an output folder copied before and compared after. */
function sweep(script: string, outputs: () => Promise<string>, cases: Case[]) {
  for (const c of cases) {
    it(c.name, async () => {
      const out = await outputs();
      const before = await snapshot(out);
      const started = Date.now();
      const result = await cli(script, [...c.args(), '--out', out], c.env);
      expect(result.killed, `still running after ${TIMEOUT} ms`).toBe(false);
      expect(Date.now() - started).toBeLessThan(TIMEOUT);
      const lines = result.stderr.split('\n');
      expect(lines).toEqual(expect.arrayContaining(c.lines()));
      expect(result.code).toBe(c.code);
      expect(result.stderr).not.toMatch(/^\s+at |ERR_STRING_TOO_LONG|RangeError|Invalid input|a array/m);
      expect(result.stderr.length).toBeLessThan(4000);
      expect(await snapshot(out)).toEqual(before);
    });
  }
}

const limitLine = (value: string) => `Error: MAPSCOPE_MAX_INPUT_MB: expected a number greater than 0, found ${JSON.stringify(value)}`;
const TOO_LARGE =
  'expected a JSON or YAML file of at most 512.0 MB, the most one text can hold (JSON and YAML are read as one text, not streamed; CSV is read in pieces), got 600.0 MB';

describe('npm run data: bad input files leave generated/model.json as it was', () => {
  const previousModel = async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-model-'));
    await writeFile(path.join(out, 'model.json'), '{"previous": true}\n');
    return out;
  };
  sweep('build-model', previousModel, [
    {
      name: 'a named pipe given by name: refused, no hang',
      args: () => ['--data', at('p.csv')],
      code: 1,
      lines: () => [`${at('p.csv')}: expected a regular file, got a named pipe (FIFO)`],
    },
    {
      name: 'a named pipe found in a folder: refused, not skipped',
      args: () => ['--data', at('pipes')],
      code: 1,
      lines: () => [`${at('pipes', 'q.json')}: expected a regular file, got a named pipe (FIFO)`],
    },
    {
      name: 'a link to /dev/zero: refused at once',
      args: () => ['--data', at('z.json')],
      code: 1,
      lines: () => [`${at('z.json')}: expected a regular file, got a link to a device (character device)`],
    },
    {
      name: 'a link loop is called a loop',
      args: () => ['--data', at('loop.json')],
      code: 1,
      lines: () => [`${at('loop.json')}: expected a link to a file or folder, got a link loop (links that lead back to themselves)`],
    },
    {
      name: 'a dangling link is called a broken link',
      args: () => ['--data', at('broken.csv')],
      code: 1,
      lines: () => [`${at('broken.csv')}: expected a link to a file or folder, got a broken link (to "gone.csv", which does not exist)`],
    },
    {
      name: 'a 600 MB CSV (sparse, all NUL bytes): named binary, no ERR_STRING_TOO_LONG',
      args: () => ['--data', at('big.csv')],
      code: 1,
      lines: () => [`${at('big.csv')}: expected UTF-8 text, got binary data, not text (it starts with NUL bytes)`],
    },
    {
      name: 'a 600 MB JSON file: refused unread, naming its size and the limit of one text',
      args: () => ['--data', at('big.json')],
      code: 1,
      lines: () => [`${at('big.json')}: ${TOO_LARGE}`],
    },
    {
      name: 'input over MAPSCOPE_MAX_INPUT_MB: refused before reading',
      args: () => ['--data', at('fine.json')],
      env: { MAPSCOPE_MAX_INPUT_MB: '0.001' },
      code: 1,
      lines: () => [
        expect.stringMatching(
          /: expected at most 1\.0 KB of input \(set MAPSCOPE_MAX_INPUT_MB to change the limit\), got \d+\.\d KB in 1 files$/,
        ) as unknown as string,
      ],
    },
    {
      name: 'MAPSCOPE_MAX_INPUT_MB=abc: an error naming the variable',
      args: () => ['--data', at('fine.json')],
      env: { MAPSCOPE_MAX_INPUT_MB: 'abc' },
      code: 2,
      lines: () => [limitLine('abc')],
    },
    {
      name: 'MAPSCOPE_MAX_INPUT_MB=0: an error naming the variable',
      args: () => ['--data', at('fine.json')],
      env: { MAPSCOPE_MAX_INPUT_MB: '0' },
      code: 2,
      lines: () => [limitLine('0')],
    },
    {
      name: 'UTF-16 without a byte-order mark: named, not a JSON syntax error',
      args: () => ['--data', at('u16.json')],
      code: 1,
      lines: () => [`${at('u16.json')}: expected UTF-8 text, got UTF-16 little-endian text without a byte-order mark (save the file as UTF-8)`],
    },
    {
      name: 'mapping_objects: {} is "expected a list, got an object"',
      args: () => ['--data', at('objects.json')],
      code: 1,
      lines: () => [`${at('objects.json')}: mapping_objects: expected a list, got an object`],
    },
    {
      name: 'a list where text belongs, in words (no "expected Invalid input")',
      args: () => ['--data', at('zod.json')],
      code: 1,
      lines: () => [`${at('zod.json')}#/mapping_objects/0: capability_id: expected text or a number, got a list of 1 entry`],
    },
    {
      name: 'a 2 MB key: a short message',
      args: () => ['--data', at('key.json')],
      code: 1,
      lines: () => [`${at('key.json')}: mapping_objects: expected a list, got 3`],
    },
    {
      name: 'a 2 MB one-line CSV: its excerpt, capped',
      args: () => ['--data', at('quote.csv')],
      code: 1,
      lines: () => [`${at('quote.csv')}:1: expected a closing quote (") for a quoted cell, got a quoted cell that never ends`],
    },
    {
      name: 'a file outside the project is shown by its absolute path',
      args: () => ['--data', at('objects.json')],
      code: 1,
      lines: () => [expect.stringMatching(new RegExp(`^${work}/objects\\.json: `)) as unknown as string],
    },
    {
      name: 'a missing /nonexistent/x is shown as /nonexistent/x',
      args: () => ['--data', '/nonexistent/x'],
      code: 1,
      lines: () => ['/nonexistent/x: expected a data file or folder, got nothing at that path'],
    },
  ]);

  it('a /proc file, empty by its size, is stopped at the bound on bytes read', async () => {
    if (!existsSync('/proc/self/maps')) return;
    await symlink('/proc/self/maps', at('maps.csv')).catch(() => undefined);
    const out = await previousModel();
    const result = await cli('build-model', ['--data', at('maps.csv'), '--out', out], { MAPSCOPE_MAX_INPUT_MB: '0.0001' });
    expect(result.stderr.split('\n')).toContain(
      `${at('maps.csv')}: expected at most 104 bytes of input (set MAPSCOPE_MAX_INPUT_MB to change the limit), got more than 104 bytes: the file went on past the limit while being read (is it a growing or special file?)`,
    );
    expect(result.code).toBe(1);
    expect(await readFile(path.join(out, 'model.json'), 'utf8')).toBe('{"previous": true}\n');
  });
});

describe('npm run attack: bad bundles leave data/attack as it was', () => {
  const catalog = async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-catalog-'));
    await cp(path.join(ROOT, 'data', 'attack'), out, { recursive: true });
    return out;
  };
  sweep('import-attack', catalog, [
    {
      name: 'a 600 MB bundle: refused unread, no RangeError',
      args: () => [at('enterprise-attack-99.0.json')],
      code: 1,
      lines: () => [`${at('enterprise-attack-99.0.json')}: ${TOO_LARGE}`],
    },
    {
      name: 'a named pipe: refused, no hang',
      args: () => [at('pipes', 'q.json')],
      code: 1,
      lines: () => [`${at('pipes', 'q.json')}: expected a regular file, got a named pipe (FIFO)`],
    },
    {
      name: 'a link to /dev/zero: refused at once',
      args: () => [at('z.json')],
      code: 1,
      lines: () => [`${at('z.json')}: expected a regular file, got a link to a device (character device)`],
    },
    {
      name: 'a bundle over MAPSCOPE_MAX_INPUT_MB: refused',
      args: () => [fixture('attack', 'bundles', 'enterprise-attack-1.0.json')],
      env: { MAPSCOPE_MAX_INPUT_MB: '0.001' },
      code: 1,
      lines: () => [
        'tests/fixtures/attack/bundles/enterprise-attack-1.0.json: expected at most 1.0 KB of input (set MAPSCOPE_MAX_INPUT_MB to change the limit), got 8.9 KB',
      ],
    },
    {
      name: 'MAPSCOPE_MAX_INPUT_MB=0: an error naming the variable',
      args: () => [fixture('attack', 'bundles')],
      env: { MAPSCOPE_MAX_INPUT_MB: '0' },
      code: 2,
      lines: () => [limitLine('0')],
    },
    {
      name: 'a UTF-16 bundle without a byte-order mark: named',
      args: () => [at('enterprise-attack-u16.json')],
      code: 1,
      lines: () => [
        `${at('enterprise-attack-u16.json')}: expected UTF-8 text, got UTF-16 little-endian text without a byte-order mark (save the file as UTF-8)`,
      ],
    },
  ]);
});

describe('npm run baselines: bad profiles leave data/baselines as it was', () => {
  const baselines = async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'mapscope-baselines-'));
    await cp(path.join(ROOT, 'data', 'baselines'), out, { recursive: true });
    return out;
  };
  sweep('import-baselines', baselines, [
    {
      name: 'a 600 MB profile: refused unread, no RangeError',
      args: () => [at('huge_profile.json')],
      code: 1,
      lines: () => [`${at('huge_profile.json')}: ${TOO_LARGE}`],
    },
    {
      name: 'a named pipe: refused, no hang',
      args: () => [at('pipe_profile.json')],
      code: 1,
      lines: () => [`${at('pipe_profile.json')}: expected a regular file, got a named pipe (FIFO)`],
    },
    {
      name: 'a link to /dev/zero: refused at once',
      args: () => [at('z.json')],
      code: 1,
      lines: () => [`${at('z.json')}: expected a regular file, got a link to a device (character device)`],
    },
    {
      name: 'a profile over MAPSCOPE_MAX_INPUT_MB: refused',
      args: () => [fixture('oscal', 'profiles', 'acme_rev5_MODERATE-baseline_profile.json')],
      env: { MAPSCOPE_MAX_INPUT_MB: '0.001' },
      code: 1,
      lines: () => [
        'tests/fixtures/oscal/profiles/acme_rev5_MODERATE-baseline_profile.json: expected at most 1.0 KB of input (set MAPSCOPE_MAX_INPUT_MB to change the limit), got 1.8 KB',
      ],
    },
    {
      name: 'MAPSCOPE_MAX_INPUT_MB=abc: an error naming the variable',
      args: () => [fixture('oscal', 'profiles')],
      env: { MAPSCOPE_MAX_INPUT_MB: 'abc' },
      code: 2,
      lines: () => [limitLine('abc')],
    },
    {
      name: 'a UTF-16 profile without a byte-order mark: named',
      args: () => [at('u16_profile.json')],
      code: 1,
      lines: () => [`${at('u16_profile.json')}: expected UTF-8 text, got UTF-16 little-endian text without a byte-order mark (save the file as UTF-8)`],
    },
  ]);
});
