import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, formatProblems } from '../../../src/lib/ingest/problems.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

/** Run the pipeline on inputs and return its messages, one string per problem. */
async function messages(...paths: string[]): Promise<string[]> {
  const result = await runPipeline(paths);
  expect(result.model).toBeNull();
  return result.problems.map(formatProblem);
}

const broken = (name: string) => path.relative(process.cwd(), fixture('broken', name));

async function tempFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-bad-'));
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

const HEADER =
  'mapping_framework,mapping_framework_version,capability_group,capability_id,capability_description,mapping_type,attack_object_id,attack_object_name,attack_version,technology_domain,score_category,score_value,related_score,references,comments,organization,creation_date,last_update\n';

describe('bad input gets a message naming file, row, field, expected and found', () => {
  it('a value outside a vocabulary, on the line where its row starts', async () => {
    expect(await messages(broken('bad-score.csv'))).toEqual([`${broken('bad-score.csv')}:3: score_value: expected minimal|partial|significant, got "high"`]);
  });

  it('several bad values in JSON, each at its JSON pointer', async () => {
    expect(await messages(broken('bad-values.json'))).toEqual([
      `${broken('bad-values.json')}#/mapping_objects/0: status: expected complete|in_progress|participant_review|non_mappable, got "done"`,
      `${broken('bad-values.json')}#/mapping_objects/1: score_category: expected protect|detect|respond, got "prevent"`,
    ]);
  });

  it('a score value outside the vocabulary is an error, a missing score is not', async () => {
    // "high" cannot be read as a score; a row with no score at all is kept as "not scored" (a warning).
    const file = await tempFile(
      'scores.csv',
      `${HEADER}azure,06/29/2021,azure_firewall,azure_firewall,Azure Firewall,technique_scores,T1046,x,8.2,enterprise,protect,high,,[],,,,\nazure,06/29/2021,azure_firewall,azure_firewall,Azure Firewall,technique_scores,T1040,y,8.2,enterprise,,,,[],,,,\n`,
    );
    expect(await messages(file)).toEqual([`${file}:2: score_value: expected minimal|partial|significant, got "high"`]);
  });

  it('an id that is not an ATT&CK technique', async () => {
    expect(await messages(broken('bad-technique.csv'))).toEqual([
      `${broken('bad-technique.csv')}:2: attack_object_id: expected an ATT&CK technique id like T1046 or T1059.001, got "X1046"`,
    ]);
  });

  it('a mapping type the set does not declare', async () => {
    expect(await messages(broken('undeclared-mapping-type.json'))).toEqual([
      `${broken('undeclared-mapping-type.json')}#/mapping_objects/1: mapping_type: expected protects, got "detects"`,
    ]);
  });

  it('bad metadata: an unknown domain', async () => {
    expect(await messages(broken('bad-domain.json'))).toEqual([
      `${broken('bad-domain.json')}#/metadata: technology_domain: expected enterprise|mobile|ics, got "cloud"`,
    ]);
  });

  it('a date that is not MM/DD/YYYY', async () => {
    expect(await messages(broken('bad-date.csv'))).toEqual([`${broken('bad-date.csv')}:2: creation_date: expected a date as MM/DD/YYYY, got "13/01/2022"`]);
  });

  it('a CSV with missing columns', async () => {
    expect(await messages(broken('missing-columns.csv'))).toEqual([
      `${broken('missing-columns.csv')}:1: header: expected the columns mapping_framework_version, mapping_type, attack_version, technology_domain, got a header without them`,
    ]);
  });

  it('a CSV with a quote that never closes', async () => {
    expect(await messages(broken('unclosed-quote.csv'))).toEqual([
      `${broken('unclosed-quote.csv')}:2: expected a closing quote (") for a quoted cell, got a quoted cell that never ends`,
    ]);
  });

  it('JSON that does not parse, with its line', async () => {
    expect(await messages(broken('syntax-error.json'))).toEqual([
      `${broken('syntax-error.json')}:4: expected valid JSON, got a syntax error: Expected ',' or '}' after property value (column 3)`,
    ]);
  });

  it('JSON that is not a mapping file', async () => {
    expect(await messages(broken('not-a-mapping-file.json'))).toEqual([
      `${broken('not-a-mapping-file.json')}: expected a Mappings Explorer mapping file (an object with "metadata" and "mapping_objects"), got a list of 1 entry`,
    ]);
  });

  it('an empty file', async () => {
    // Messages name a file outside the working folder by its whole path (pages by its name alone).
    const file = await tempFile('empty.csv', '');
    expect(await messages(file)).toEqual([`${file}: expected mapping data, got an empty file`]);
    const blank = await tempFile('blank.json', '\ufeff  \n');
    expect(await messages(blank)).toEqual([`${blank}: expected mapping data, got an empty file`]);
  });

  it('a file that is not UTF-8, with the line of the first bad byte', async () => {
    const latin1 = Buffer.from(`${HEADER}nist_800_53,rev5,AC,AC-4,Contr\xf4le,protects,T1046,x,8.2,enterprise,,,,[],,,,\n`, 'latin1');
    const file = await tempFile('latin1.csv', latin1);
    expect(await messages(file)).toEqual([`${file}:2: expected UTF-8 text, got bytes that are not UTF-8 (is it Latin-1 or Windows-1252? save it as UTF-8)`]);
    const utf16 = await tempFile('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]));
    expect(await messages(utf16)).toEqual([`${utf16}: expected UTF-8 text, got UTF-16 (save the file as UTF-8)`]);
  });

  it('a UTF-8 BOM on JSON is fine', async () => {
    const json = await import('node:fs/promises').then((fs) => fs.readFile(path.join(fixture('mapex'), 'gcp-06.28.2022_attack-10.0-enterprise.json')));
    const file = await tempFile('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]));
    const result = await runPipeline([file]);
    expect(result.problems).toEqual([]);
    expect(result.model!.mappings.length).toBeGreaterThan(0);
  });

  it('a UTF-8 BOM is fine', async () => {
    const file = await tempFile(
      'bom.csv',
      `\ufeff${HEADER}nist_800_53,rev5,AC,AC-4,Information Flow Enforcement,protects,T1046,Network Service Scanning,8.2,enterprise,,,,[],,,01/13/2022,01/13/2022\n`,
    );
    const result = await runPipeline([file]);
    expect(result.problems).toEqual([]);
    expect(result.model!.mappings).toHaveLength(1);
  });

  it('a path that does not exist, and a folder with no data', async () => {
    expect(await messages('no/such/place')).toEqual(['no/such/place: expected a data file or folder, got nothing at that path']);
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-empty-'));
    expect(await messages(dir)).toEqual([`${dir}: expected at least one .json, .csv or .yaml file, got none`]);
  });

  it('lists every problem of every file, capped with a count of the rest', async () => {
    const all = await runPipeline([fixture('broken')]);
    expect(all.problems.length).toBeGreaterThanOrEqual(11);
    const text = formatProblems(all.problems, 5);
    expect(text.split('\n')).toHaveLength(1 + 5 + 1);
    expect(text).toMatch(new RegExp(`^${all.problems.length} problems in the input data:`));
    expect(text).toMatch(new RegExp(`\\.\\.\\. and ${all.problems.length - 5} more$`));
  });
});

describe('input beyond the memory limit', () => {
  it('stops with a clear message before reading anything', async () => {
    const previous = process.env['MAPSCOPE_MAX_INPUT_MB'];
    process.env['MAPSCOPE_MAX_INPUT_MB'] = '0.001';
    try {
      const result = await runPipeline([path.join(fixture('mapex'))]);
      expect(result.model).toBeNull();
      expect(result.problems.map(formatProblem)).toEqual([
        expect.stringMatching(/mapex: expected at most 1\.0 KB of input \(set MAPSCOPE_MAX_INPUT_MB to change the limit\), got \d+\.\d KB in 14 files$/),
      ]);
    } finally {
      if (previous === undefined) delete process.env['MAPSCOPE_MAX_INPUT_MB'];
      else process.env['MAPSCOPE_MAX_INPUT_MB'] = previous;
    }
  });
});
