/**
 * Where the generated model lives, and writing it so that a failed or interrupted build never
 * leaves a half-written file: the JSON goes to a temporary file that is then renamed. A build
 * writes its model into a folder of its own (scripts/build.ts) and publishes it with the site.
 */
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFilesAtomically } from '../io/atomic-files.ts';
import { writing } from '../io/write-errors.ts';
import { modelSchema, type Model } from './schema.ts';
import { readSetting, type Env } from '../config/settings.ts';

/** The generated folder: $MAPSCOPE_GENERATED, else ./generated. */
export function generatedDir(env: Env = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, readSetting('generated', env));
}

/** The model file inside a generated folder. */
export function modelPath(dir: string): string {
  return path.join(dir, 'model.json');
}

/** The downloads manifest inside a generated folder (scripts/build-downloads.ts writes it, the pages read it). */
export function manifestPath(dir: string): string {
  return path.join(dir, 'downloads.json');
}

/** Write the model atomically (temp file + rename in the same folder). */
export async function writeModel(dir: string, model: Model): Promise<string> {
  await writing(dir, () => mkdir(dir, { recursive: true }));
  const target = modelPath(dir);
  await writeFilesAtomically([{ path: target, content: JSON.stringify(model) }]);
  return target;
}

/** Read and validate a model file; the message says how to create it when it is missing. */
export function readModel(file: string): Model {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`No model at ${file}: run "npm run data" (or "npm run build") first.`);
  }
  const parsed = modelSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`The model at ${file} does not match the schema; rebuild it with "npm run data".\n${parsed.error.message}`);
  }
  return parsed.data;
}
