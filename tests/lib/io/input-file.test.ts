import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, problemsFromZod } from '../../../src/lib/ingest/problems.ts';
import { listInputFiles, parseInputFile, readInputFiles } from '../../../src/lib/ingest/read-inputs.ts';
import { csvCuts } from '../../../src/lib/io/csv-table.ts';
import {
  decodeInput,
  InputBudget,
  maxInputSize,
  otherEncoding,
  readInputBytes,
  readInputText,
  shownPath,
  type InputSource,
} from '../../../src/lib/io/input-file.ts';
import { mappingObjectInput } from '../../../src/lib/model/schema.ts';
import { fixture, ROOT } from '../../support/paths.ts';

const MB = 1024 * 1024;
let dir: string;
let server: Server;
const source = (name: string): InputSource => ({ path: path.join(dir, name), shown: path.join(dir, name) });
const message = (result: { problem: Parameters<typeof formatProblem>[0] } | object) => ('problem' in result ? formatProblem(result.problem) : null);

/** Settles within `ms` or fails: a read that blocks on a pipe would never settle. */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mapscope-input-'));
  await writeFile(path.join(dir, 'plain.json'), '{"a": 1}\n');
  execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
  await symlink('/dev/zero', path.join(dir, 'zero.json'));
  await symlink('loop.json', path.join(dir, 'loop.json'));
  await symlink('missing.csv', path.join(dir, 'broken.csv'));
  await mkdir(path.join(dir, 'folder.json'));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.csv'), resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('MAPSCOPE_MAX_INPUT_MB', () => {
  it('is 1024 MB unless set, and a number of MB when set', () => {
    expect(maxInputSize({})).toEqual({ bytes: 1024 * MB });
    expect(maxInputSize({ MAPSCOPE_MAX_INPUT_MB: ' ' })).toEqual({ bytes: 1024 * MB });
    expect(maxInputSize({ MAPSCOPE_MAX_INPUT_MB: '2' })).toEqual({ bytes: 2 * MB });
    expect(maxInputSize({ MAPSCOPE_MAX_INPUT_MB: '0.5' })).toEqual({ bytes: 0.5 * MB });
  });

  it('anything else is a problem naming the variable, what it takes and what it holds', () => {
    for (const value of ['abc', '0', '-5', '1e3', 'Infinity', '12MB']) {
      expect(message(maxInputSize({ MAPSCOPE_MAX_INPUT_MB: value }))).toBe(
        `MAPSCOPE_MAX_INPUT_MB: expected a number of megabytes greater than 0, such as 1024 (the default when it is not set), got ${JSON.stringify(value)}`,
      );
    }
  });
});

describe('reading one input file', () => {
  const budget = () => new InputBudget(1024 * MB);

  it('reads a regular file and counts its bytes against the budget', async () => {
    const spent = budget();
    const read = await readInputBytes(source('plain.json'), { budget: spent });
    expect('bytes' in read && read.bytes.toString()).toBe('{"a": 1}\n');
    expect(spent.used).toBe(9);
  });

  it('refuses a named pipe without blocking on it', async () => {
    expect(message(await within(readInputBytes(source('pipe.csv'), { budget: budget() })))).toBe(
      `${dir}/pipe.csv: expected a regular file, got a named pipe (FIFO)`,
    );
  });

  it('refuses a link to /dev/zero at once, reading nothing', async () => {
    const spent = budget();
    expect(message(await within(readInputBytes(source('zero.json'), { budget: spent })))).toBe(
      `${dir}/zero.json: expected a regular file, got a link to a device (character device)`,
    );
    expect(spent.used).toBe(0);
  });

  it('refuses a socket and a folder', async () => {
    expect(message(await within(readInputBytes(source('socket.csv'), { budget: budget() })))).toBe(`${dir}/socket.csv: expected a regular file, got a socket`);
    expect(message(await readInputBytes(source('folder.json'), { budget: budget() }))).toBe(`${dir}/folder.json: expected a regular file, got a folder`);
  });

  it('calls a link loop a loop and a dangling link a broken link', async () => {
    expect(message(await readInputBytes(source('loop.json'), { budget: budget() }))).toBe(
      `${dir}/loop.json: expected a link to a file or folder, got a link loop (links that lead back to themselves)`,
    );
    expect(message(await readInputBytes(source('broken.csv'), { budget: budget() }))).toBe(
      `${dir}/broken.csv: expected a link to a file or folder, got a broken link (to "missing.csv", which does not exist)`,
    );
  });

  it('stops at the bound on bytes actually read, whatever size the file claims', async () => {
    // /proc files say they are empty regular files, and hold more.
    if (!existsSync('/proc/self/maps')) return;
    await symlink('/proc/self/maps', path.join(dir, 'maps.csv')).catch(() => undefined);
    const small = new InputBudget(64);
    expect(message(await readInputBytes(source('maps.csv'), { budget: small }))).toBe(
      `${dir}/maps.csv: expected at most 64 bytes of input (set MAPSCOPE_MAX_INPUT_MB to change the limit), got more than 64 bytes: the file went on past the limit while being read (is it a growing or special file?)`,
    );
  });

  it('refuses a file larger than the budget left before reading it, saying how much was read before', async () => {
    const big = path.join(dir, 'big.csv');
    await writeFile(big, '');
    await truncate(big, 3 * MB);
    const spent = new InputBudget(4 * MB);
    spent.used = 2 * MB;
    expect(message(await readInputBytes(source('big.csv'), { budget: spent }))).toBe(
      `${dir}/big.csv: expected at most 4.0 MB of input in all, 2.0 MB of it already read (set MAPSCOPE_MAX_INPUT_MB to change the limit), got 3.0 MB`,
    );
    expect(spent.used).toBe(2 * MB);
  });

  it('refuses a JSON text larger than one string holds, unread (here with a lowered bound)', async () => {
    const read = await readInputText(source('plain.json'), { budget: budget(), maxTextBytes: 4 });
    expect(message(read)).toBe(
      `${dir}/plain.json: expected a JSON or YAML file of at most 4 bytes, the most one text can hold (JSON and YAML are read as one text, not streamed; CSV is read in pieces), got 9 bytes`,
    );
  });

  it('names a path that does not exist as given', async () => {
    expect(message(await readInputBytes({ path: '/nonexistent/x', shown: '/nonexistent/x' }, { budget: budget() }))).toBe(
      '/nonexistent/x: expected a file, got nothing at that path',
    );
  });
});

describe('listing input files', () => {
  it('refuses pipes, devices, sockets, loops and broken links it finds, and lists the regular files', async () => {
    const listed = await within(listInputFiles([dir]));
    expect(listed.files.map((f) => path.basename(f.path))).toEqual(['big.csv', ...(existsSync('/proc/self/maps') ? ['maps.csv'] : []), 'plain.json']);
    expect(listed.problems.map(formatProblem).sort()).toEqual(
      [
        `${dir}/broken.csv: expected a link to a file or folder, got a broken link (to "missing.csv", which does not exist)`,
        `${dir}/loop.json: expected a link to a file or folder, got a link loop (links that lead back to themselves)`,
        `${dir}/pipe.csv: expected a regular file, got a named pipe (FIFO)`,
        `${dir}/socket.csv: expected a regular file, got a socket`,
        `${dir}/zero.json: expected a regular file, got a link to a device (character device)`,
      ].sort(),
    );
  });

  it('names files outside the working folder by their absolute path in messages, by folder and name on pages', async () => {
    const listed = await listInputFiles([path.join(dir, 'plain.json'), '/nonexistent/x']);
    expect(listed.files).toEqual([{ path: path.join(dir, 'plain.json'), shown: path.join(dir, 'plain.json'), name: 'plain.json' }]);
    expect(listed.problems.map(formatProblem)).toEqual(['/nonexistent/x: expected a data file or folder, got nothing at that path']);
    expect(shownPath(path.join(ROOT, 'data', 'x.csv'), ROOT)).toBe('data/x.csv');
    expect(shownPath('/tmp/x.csv', ROOT)).toBe('/tmp/x.csv');
  });
});

describe('text encodings', () => {
  const text = '{"metadata": {}, "mapping_objects": []}\n';
  it('names UTF-16 and UTF-32 without a byte-order mark, and binary data, instead of a syntax error', () => {
    const be16 = Buffer.from(text, 'utf16le').swap16();
    const le32 = Buffer.from([...text].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]));
    const be32 = Buffer.from([...text].flatMap((c) => [0, 0, 0, c.charCodeAt(0)]));
    expect(otherEncoding(Buffer.from(text, 'utf16le'))).toBe('UTF-16 little-endian text without a byte-order mark (save the file as UTF-8)');
    expect(otherEncoding(be16)).toBe('UTF-16 big-endian text without a byte-order mark (save the file as UTF-8)');
    expect(otherEncoding(le32)).toBe('UTF-32 little-endian text without a byte-order mark (save the file as UTF-8)');
    expect(otherEncoding(be32)).toBe('UTF-32 big-endian text without a byte-order mark (save the file as UTF-8)');
    expect(otherEncoding(Buffer.alloc(4096))).toBe('binary data, not text (it starts with NUL bytes)');
    expect(otherEncoding(Buffer.from(text))).toBeNull();
    expect(formatProblem(parseInputFile('x/u16.json', Buffer.from(text, 'utf16le')).problems[0]!)).toBe(
      'x/u16.json: expected UTF-8 text, got UTF-16 little-endian text without a byte-order mark (save the file as UTF-8)',
    );
  });

  it('finds the line of a byte that is not UTF-8 in a piece that starts further down', () => {
    const decoded = decodeInput('x.csv', Buffer.from('a\nb\n\xff\n', 'latin1'), 10, false);
    expect(message(decoded)).toBe('x.csv:12: expected UTF-8 text, got bytes that are not UTF-8 (is it Latin-1 or Windows-1252? save it as UTF-8)');
  });
});

describe('a CSV larger than one string holds (here with a lowered bound)', () => {
  it('is read in pieces cut between rows, exactly as if read whole', async () => {
    const header = 'mapping_framework,mapping_framework_version,capability_id,mapping_type,attack_object_id,attack_version,technology_domain,comments\n';
    const rows = Array.from(
      { length: 60 },
      (_, i) => `nist_800_53,rev5,AC-${i},protects,T1046,16.1,enterprise,"said ""twice"", then\non two lines: é ✓ ${i}"\n${i % 7 === 0 ? '\n' : ''}`,
    );
    for (const text of [`\ufeff${header}${rows.join('')}`, `${header}${rows.join('')}`.replace(/\n/g, '\r\n'), `${header}${rows.join('')}x,1,"never closed`]) {
      const bytes = Buffer.from(text);
      const whole = parseInputFile('x/set.csv', bytes);
      expect(whole.input?.kind === 'mapping-table' && whole.input.objects.map((o) => ('line' in o.location ? o.location.line : 0)).slice(0, 3)).toEqual([
        2, 5, 7,
      ]);
      for (const piece of [256, 1000, 3000]) expect(parseInputFile('x/set.csv', bytes, { maxTextBytes: piece })).toEqual(whole);
    }
    const listed = await listInputFiles([fixture('mapex', 'exports'), path.join(ROOT, 'data')]);
    for (const file of listed.files.filter((f) => f.path.endsWith('.csv'))) {
      const bytes = await readFile(file.path);
      expect(parseInputFile(file.name, bytes, { maxTextBytes: 1024 })).toEqual(parseInputFile(file.name, bytes));
    }
  });

  it('never cuts inside a quoted cell, even one holding line breaks and quotes', () => {
    const csv = Buffer.from('a,b\n"x\n""y""\n",1\n2,"z\n"\n');
    const { cuts } = csvCuts(csv, 1, 100);
    expect(cuts.map((at) => csv.subarray(0, at).toString())).toEqual(['a,b\n', 'a,b\n"x\n""y""\n",1\n', 'a,b\n"x\n""y""\n",1\n2,"z\n"\n']);
  });

  it('refuses a row longer than a piece, with its line', () => {
    const header = 'mapping_framework,mapping_framework_version,capability_id,mapping_type,attack_object_id,attack_version,technology_domain\n';
    const csv = Buffer.from(`${header}x,1,"${'c'.repeat(500)}`);
    expect(parseInputFile('x/long.csv', csv, { maxTextBytes: 200 }).problems.map(formatProblem)).toEqual([
      'x/long.csv:2: expected a row of at most 200 bytes (one row must fit in one text), got a longer one (a quoted cell that never ends?)',
    ]);
  });

  it('a JSON file that large is refused, naming the file, its size and the limit', () => {
    expect(parseInputFile('x/big.json', Buffer.from('[1, 2, 3]'), { maxTextBytes: 4 }).problems.map(formatProblem)).toEqual([
      'x/big.json: expected a JSON or YAML file of at most 4 bytes, the most one text can hold (JSON and YAML are read as one text, not streamed; CSV is read in pieces), got 9 bytes',
    ]);
  });
});

describe('messages in words a user knows, quoting a short excerpt', () => {
  const metadata = { attack_version: '16.1', technology_domain: 'enterprise', mapping_framework: 'x', mapping_framework_version: '1' };
  const problems = (document: unknown) => parseInputFile('x/m.json', Buffer.from(JSON.stringify(document))).problems.map(formatProblem);

  it('mapping_objects that is not a list is said so', () => {
    expect(problems({ metadata, mapping_objects: {} })).toEqual(['x/m.json: mapping_objects: expected a list, got an object']);
    expect(problems({ metadata: [], mapping_objects: [] })).toEqual(['x/m.json: metadata: expected an object, got an empty list']);
  });

  it('no validation-library wording ("Invalid input", "a array", "Too small")', () => {
    const issues = mappingObjectInput.safeParse({ capability_id: ['x'], references: 'a', comments: {} });
    const lines = problemsFromZod(issues.error!.issues, { file: 'x/m.json' }, { capability_id: ['x'], references: 'a', comments: {} }).map(formatProblem);
    expect(lines).toEqual([
      'x/m.json: capability_id: expected text or a number, got a list of 1 entry',
      'x/m.json: comments: expected text or a number, got an object',
      'x/m.json: references: expected a list, got "a"',
    ]);
  });

  it('a 2 MB one-line file gives a message of a few hundred characters', () => {
    const key = 'k'.repeat(2 * MB);
    const keyed = problems({ [key]: 1 });
    expect(keyed[0]!.length).toBeLessThan(400);
    const quoted = parseInputFile('x/q.csv', Buffer.from(`"${'a'.repeat(2 * MB)}`)).problems.map(formatProblem);
    expect(quoted.join('\n').length).toBeLessThan(1000);
    const syntax = parseInputFile('x/s.json', Buffer.from(`{"a": ${'1'.repeat(2 * MB)} x}`)).problems.map(formatProblem);
    expect(syntax).toEqual([`x/s.json:1: expected valid JSON, got a syntax error: Expected ',' or '}' after property value (column ${2 * MB + 8})`]);
  });

  it('reads every listed file within one budget, naming each as given', async () => {
    const read = await readInputFiles([{ path: path.join(dir, 'plain.json'), shown: path.join(dir, 'plain.json'), name: 'plain.json' }], new InputBudget(4));
    expect(read.problems.map(formatProblem)).toEqual([
      `${dir}/plain.json: expected at most 4 bytes of input (set MAPSCOPE_MAX_INPUT_MB to change the limit), got 9 bytes`,
    ]);
  });
});
