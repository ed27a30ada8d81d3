/**
 * Reading one input file, the same way for every importer (mapping files, ATT&CK bundles, OSCAL
 * profiles and catalogs, description files): regular files only (a named pipe, device, socket or
 * folder is refused before it is opened, and again after, from the open file), links followed
 * once (a loop is called a loop, a dangling link a broken link), and a bound on the bytes
 * actually read, so that a file that never ends (a link to /dev/zero, a /proc file) stops at the
 * limit instead of filling memory. Every refusal is a DataProblem naming the file as given.
 */
import { constants as bufferConstants } from 'node:buffer';
import { constants as fsConstants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { excerpt, type DataProblem } from '../ingest/problems.ts';
import { readSetting, SETTINGS, type Env } from '../config/settings.ts';

/** The variable that sets how much input one run reads, in MB (MiB). */
export const MAX_INPUT_VARIABLE = SETTINGS.maxInputMb.env;
export const DEFAULT_MAX_INPUT_MB = 1024;
/** The bound on Mapscope's own folders read beside the input (the ATT&CK catalog, the baselines): the default limit, whatever the setting. */
export const DEFAULT_MAX_INPUT_BYTES = DEFAULT_MAX_INPUT_MB * 1024 * 1024;

/** How much input one run may read, or why the setting cannot be used. */
export type InputLimit = { bytes: number } | { problem: DataProblem };

/**
 * $MAPSCOPE_MAX_INPUT_MB in bytes (unset or blank: 1024 MB). Anything but a positive decimal
 * number ("abc", "0", "-5", "1e3") is a problem naming the variable: the one place that reads it.
 */
export function maxInputSize(env: Env = process.env): InputLimit {
  const raw = env[SETTINGS.maxInputMb.env] ?? '';
  const problem = (): InputLimit => ({
    problem: {
      location: { file: MAX_INPUT_VARIABLE },
      expected: `a number of megabytes greater than 0, such as ${DEFAULT_MAX_INPUT_MB} (the default when it is not set)`,
      found: JSON.stringify(excerpt(raw, 40)),
    },
  });
  // The settings read the number; a limit must also be a plain positive decimal ("1e3" and "0" are not).
  if (raw.trim() !== '' && !/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw)) return problem();
  let mb: number;
  try {
    mb = readSetting('maxInputMb', env);
  } catch {
    return problem();
  }
  return Number.isFinite(mb) && mb > 0 ? { bytes: Math.max(1, Math.floor(mb * 1024 * 1024)) } : problem();
}

/** The input one run has read so far, against its limit. */
export class InputBudget {
  used = 0;
  constructor(readonly limit: number) {}
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }
}

/** A size for a message: "600.0 MB" (MiB, as MAPSCOPE_MAX_INPUT_MB counts them), "2.5 KB", "64 bytes". */
export function megabytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The most bytes one text may have to be decoded into one JavaScript string (V8: about 512 MiB;
 * a UTF-8 byte is at most one UTF-16 unit). JSON and YAML are parsed as one text, so a larger
 * file is refused; CSV is read in pieces (csv-table.ts).
 */
export const MAX_TEXT_BYTES = bufferConstants.MAX_STRING_LENGTH;

/** A file to read: its absolute path, and how messages name it. */
export interface InputSource {
  path: string;
  /** The path for messages: relative to the working folder when inside it, else absolute (see shownPath). */
  shown: string;
}

/**
 * How messages name a path: relative to the working folder when it lies inside it
 * ("data/x.csv"), else absolute ("/tmp/exports/x.csv"), so that it is never mistaken for a file
 * of the project. Pages name files otherwise (read-inputs.ts, inputName).
 */
export function shownPath(file: string, cwd = process.cwd()): string {
  const full = path.resolve(cwd, file);
  const relative = path.relative(cwd, full);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  return full;
}

/** The source for a path as given. */
export function inputSource(given: string, cwd = process.cwd()): InputSource {
  return { path: path.resolve(cwd, given), shown: shownPath(given, cwd) };
}

type FileKind = Pick<Stats | Dirent, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

/** What a path that is not a regular file is, in words: "a named pipe (FIFO)". */
export function describeFileKind(kind: FileKind): string {
  if (kind.isFile()) return 'a regular file';
  if (kind.isDirectory()) return 'a folder';
  if (kind.isFIFO()) return 'a named pipe (FIFO)';
  if (kind.isSocket()) return 'a socket';
  if (kind.isCharacterDevice()) return 'a device (character device)';
  if (kind.isBlockDevice()) return 'a device (block device)';
  return 'something other than a file';
}

/** The problem of a path that is not a regular file (a pipe, a device, a socket, a folder). */
export function notRegularProblem(shown: string, kind: FileKind, viaLink: boolean): DataProblem {
  return { location: { file: shown }, expected: 'a regular file', found: `${viaLink ? 'a link to ' : ''}${describeFileKind(kind)}` };
}

/** What went wrong with a file-system call, in words, without the machine's paths. */
function failure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'nothing at that path';
    case 'EACCES':
    case 'EPERM':
      return 'a file Mapscope may not read (permission denied)';
    case 'ELOOP':
      return 'a link loop (links that lead back to themselves)';
    case 'ENAMETOOLONG':
      return 'a path too long for the file system';
    case 'EISDIR':
      return 'a folder';
    default:
      return code ? `an error reading it (${code})` : excerpt(String(error), 200);
  }
}

/** A path looked at without opening it: what it is (after one link) or why it cannot be used. */
export type Inspected = { stats: Stats; viaLink: boolean } | { problem: DataProblem };

/**
 * What is at a path, without opening it: lstat, and for a link, stat of what it leads to. A
 * link that leads nowhere is a broken link, one that leads back to itself a loop; a path that
 * does not exist is a problem saying `expected`.
 */
export async function inspectPath(full: string, shown: string, expected = 'a file'): Promise<Inspected> {
  let link: Stats;
  try {
    link = await lstat(full);
  } catch (error) {
    return { problem: { location: { file: shown }, expected, found: failure(error) } };
  }
  if (!link.isSymbolicLink()) return { stats: link, viaLink: false };
  try {
    return { stats: await stat(full), viaLink: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const target = await readlink(full).catch(() => null);
      return {
        problem: {
          location: { file: shown },
          expected: 'a link to a file or folder',
          found: `a broken link${target ? ` (to ${JSON.stringify(excerpt(target, 200))}, which does not exist)` : ''}`,
        },
      };
    }
    if (code === 'ELOOP')
      return { problem: { location: { file: shown }, expected: 'a link to a file or folder', found: 'a link loop (links that lead back to themselves)' } };
    return { problem: { location: { file: shown }, expected, found: failure(error) } };
  }
}

export interface ReadOptions {
  /** The run's input so far; what is read is added to it. */
  budget: InputBudget;
  /** The file is parsed as one text (JSON, YAML): larger than one string can hold, it is refused unread. */
  wholeText?: boolean;
  /** The most bytes of one text (tests lower it); default MAX_TEXT_BYTES. */
  maxTextBytes?: number;
}

function overLimit(source: InputSource, budget: InputBudget, found: string): DataProblem {
  const already = budget.used > 0 ? ` in all, ${megabytes(budget.used)} of it already read` : '';
  return {
    location: { file: source.shown },
    expected: `at most ${megabytes(budget.limit)} of input${already} (set ${MAX_INPUT_VARIABLE} to change the limit)`,
    found,
  };
}

/** The problem of a JSON or YAML file too large to be one text. */
export function textTooLarge(shown: string, found: string, maxTextBytes = MAX_TEXT_BYTES): DataProblem {
  return {
    location: { file: shown },
    expected: `a JSON or YAML file of at most ${megabytes(maxTextBytes)}, the most one text can hold (JSON and YAML are read as one text, not streamed; CSV is read in pieces)`,
    found,
  };
}

const CHUNK = 8 * 1024 * 1024;

/**
 * The bytes of one regular file, reading at most what the budget has left (and, for a whole
 * text, what one string holds): the bound counts the bytes actually read, whatever size the
 * file claims. The file is opened without blocking and checked again once open, so a pipe put
 * in its place in between is refused too.
 */
export async function readInputBytes(source: InputSource, options: ReadOptions): Promise<{ bytes: Buffer } | { problem: DataProblem }> {
  const { budget } = options;
  const inspected = await inspectPath(source.path, source.shown);
  if ('problem' in inspected) return inspected;
  if (!inspected.stats.isFile()) return { problem: notRegularProblem(source.shown, inspected.stats, inspected.viaLink) };
  let handle;
  try {
    handle = await open(source.path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: { location: { file: source.shown }, expected: 'a readable file', found: failure(error) } };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: notRegularProblem(source.shown, info, inspected.viaLink) };
    const maxText = options.wholeText ? (options.maxTextBytes ?? MAX_TEXT_BYTES) : Infinity;
    if (info.size > budget.remaining) return { problem: overLimit(source, budget, megabytes(info.size)) };
    if (info.size > maxText) return { problem: textTooLarge(source.shown, megabytes(info.size), maxText) };
    const bound = Math.min(budget.remaining, maxText, bufferConstants.MAX_LENGTH - 1);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte beyond the claimed size, to see a file that goes on past it.
    let buffer = Buffer.allocUnsafe(Math.min(bound + 1, Math.max(info.size + 1, 64 * 1024)));
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        chunks.push(buffer);
        buffer = Buffer.allocUnsafe(Math.min(bound + 1 - total, CHUNK));
        filled = 0;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      total += bytesRead;
      if (total > bound) {
        const more = `more than ${megabytes(bound)}: the file went on past the limit while being read (is it a growing or special file?)`;
        return { problem: bound === maxText ? textTooLarge(source.shown, more, maxText) : overLimit(source, budget, more) };
      }
    }
    chunks.push(buffer.subarray(0, filled));
    budget.used += total;
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return { problem: { location: { file: source.shown }, expected: 'a readable file', found: failure(error) } };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Text encodings told by their byte patterns: a byte-order mark, or, without one, the NUL bytes
 * UTF-16 and UTF-32 put beside ASCII characters; a file that starts with NUL bytes in no such
 * pattern is binary. Null when nothing points away from UTF-8.
 */
export function otherEncoding(bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32 (save the file as UTF-8)';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32 (save the file as UTF-8)';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'UTF-16 (save the file as UTF-8)';
  const length = Math.min(bytes.length, 4096) & ~3;
  if (length === 0) return b0 === 0 ? 'binary data, not text (it starts with NUL bytes)' : null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) if (bytes[i] === 0) zeros[i & 3]!++;
  if (zeros.every((z) => z === 0)) return null;
  const quarter = length / 4;
  const share = (...residues: number[]) => residues.reduce((n, r) => n + zeros[r]!, 0) / (quarter * residues.length);
  const without = (what: string) => `${what} text without a byte-order mark (save the file as UTF-8)`;
  if (share(3) === 1 && share(2) >= 0.9 && share(0) < 0.5) return without('UTF-32 little-endian');
  if (share(0) === 1 && share(1) >= 0.9 && share(3) < 0.5) return without('UTF-32 big-endian');
  if (share(1, 3) >= 0.3 && share(0, 2) < 0.05) return without('UTF-16 little-endian');
  if (share(0, 2) >= 0.3 && share(1, 3) < 0.05) return without('UTF-16 big-endian');
  if (b0 === 0) return 'binary data, not text (it starts with NUL bytes)';
  return null;
}

/**
 * Decode a file's bytes (or a piece of them starting at `firstLine`) as UTF-8, the one accepted
 * encoding; a leading BOM is dropped (of the first piece only). UTF-16, UTF-32 and binary data
 * are named as such; other bytes that are not UTF-8 are located by line.
 */
export function decodeInput(file: string, bytes: Uint8Array, firstLine = 1, atStart = true): { text: string } | { problem: DataProblem } {
  const other = atStart ? otherEncoding(bytes) : null;
  if (other) return { problem: { location: { file }, expected: 'UTF-8 text', found: other } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: !atStart }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8', { ignoreBOM: !atStart }).decode(bytes);
    const at = Math.max(lenient.indexOf('\ufffd'), 0);
    let line = firstLine;
    for (let i = 0; i < at; i++) if (lenient.charCodeAt(i) === 10) line++;
    return {
      problem: {
        location: { file, line },
        expected: 'UTF-8 text',
        found: 'bytes that are not UTF-8 (is it Latin-1 or Windows-1252? save it as UTF-8)',
      },
    };
  }
}

/** The text of a file parsed whole (JSON, YAML): read with readInputBytes, then decoded. */
export async function readInputText(source: InputSource, options: ReadOptions): Promise<{ text: string } | { problem: DataProblem }> {
  const read = await readInputBytes(source, { ...options, wholeText: true });
  if ('problem' in read) return read;
  return decodeInput(source.shown, read.bytes);
}
