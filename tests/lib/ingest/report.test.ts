import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, formatWarningSummary } from '../../../src/lib/ingest/problems.ts';
import { formatLocation } from '../../../src/lib/core/locations.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import type { DataWarning, Model } from '../../../src/lib/model/schema.ts';
import { DATA_RULES, WARNING_KIND_IDS } from '../../../src/lib/ingest/rules/index.ts';
import { fixture, ROOT } from '../../support/paths.ts';

// One object of each shape of the published files that the build reads with a warning
// (tests/fixtures/warnings): the build goes on, and each warning says where, what was found and
// what was done.
let model: Model;
let warnings: DataWarning[];
const m365 = path.relative(ROOT, fixture('warnings', 'm365-12.11.2023_attack-14.1-enterprise.json'));
const at = (index: number) => `${m365}#/mapping_objects/${index}`;
const warningAt = (source: string, field?: string) => {
  const found = warnings.filter((w) => w.occurrences.some((o) => formatLocation(o.location) === source) && (field === undefined || w.field === field));
  expect(found, `${source} ${field ?? ''}`).toHaveLength(1);
  return found[0]!;
};

beforeAll(async () => {
  const result = await runPipeline([fixture('warnings')]);
  expect(result.problems).toEqual([]);
  model = result.model!;
  warnings = model.warnings;
});

describe('warnings', () => {
  it('are kept in the model with where, field, found and what was done', () => {
    expect(warningAt(at(0))).toEqual({
      kind: 'reference-dropped',
      setId: 'm365-12.11.2023_attack-14.1-enterprise',
      field: 'references[0]',
      expected: 'an http(s) URL',
      found: '"[]"',
      action: 'dropped: it names no reference',
      capabilityId: 'm365:def-ap-e3',
      occurrences: [
        { location: { file: m365, pointer: '/mapping_objects/0' }, techniqueId: 'T1566', rowId: expect.stringMatching(/^def-ap-e3-t1566-[0-9a-f]{6}$/) },
      ],
    });
  });

  it('point at the row each object became', () => {
    const warning = warningAt(at(12));
    const rowId = warning.occurrences[0]!.rowId;
    expect(model.mappings.find((m) => m.rowId === rowId)).toMatchObject({ techniqueId: 'T1534', source: at(12) });
  });

  it('cover each irregular reference of the published files', () => {
    const kind = (index: number, field = 'references[0]') => [warningAt(at(index), field).kind, warningAt(at(index), field).action];
    expect(kind(1)).toEqual(['reference-trimmed', 'trimmed; kept: "https://learn.example.com/lateral-movement-paths"']);
    expect(kind(2)).toEqual(['reference-trimmed', 'trimmed; kept: "https://learn.example.com/lateral-movement-paths"']);
    expect(kind(3)).toEqual(['reference-trimmed', 'trimmed; kept: "https://cloud.example.com/security-operations"']);
    expect(kind(4, 'references[1]')).toEqual(['reference-dropped', 'dropped: a label, not a reference']);
    expect(kind(5)).toEqual(['reference-dropped', 'label "Ref:" dropped; kept: "https://learn.example.com/safe-attachments-about"']);
    expect(kind(6)[0]).toBe('reference-not-a-link');
    expect(kind(7)).toEqual(['reference-unwrapped', 'the https URL inside a viewer address kept: "https://www.example.gov/fact-sheet.pdf"']);
    expect(kind(8)[0]).toBe('reference-not-a-link');
    for (const field of ['references[0]', 'references[1]', 'references[2]', 'references[3]']) expect(kind(9, field)[0]).toBe('reference-not-a-link');
    expect(kind(10, 'references[1]')[0]).toBe('reference-rejoined');
    expect(kind(11)[0]).toBe('reference-split');
  });

  it('keep what the references became: links where they are http(s), the rest as plain text', () => {
    const refs = (index: number) => model.mappings.find((m) => m.source === at(index))!.references;
    expect(refs(0)).toEqual([]);
    expect(refs(2)).toEqual(['https://learn.example.com/lateral-movement-paths']);
    expect(refs(4)).toEqual(['https://learn.example.com/safe-attachments-a', 'https://learn.example.com/safe-attachments-b']);
    expect(refs(6)).toEqual(['https://learn.example.com/howto-conditional-access-apis2', 'licensing']);
    expect(refs(7)).toEqual(['https://www.example.gov/fact-sheet.pdf']);
    expect(refs(9)).toEqual(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd']);
    expect(refs(10)).toEqual(['https://example.org/advisory#:~:text=first%20part,second%20part.']);
    expect(refs(11)).toEqual(['https://github.example/poc', 'https://news.example.com/fix']);
  });

  it('keep a scored row without a score, and say which part is missing', () => {
    expect(warningAt(at(12))).toMatchObject({ kind: 'score-missing', field: 'score_category, score_value', found: 'no score_category and no score_value' });
    expect(warningAt(at(13))).toMatchObject({ kind: 'score-missing', field: 'score_value', found: 'no score_value' });
    expect(model.mappings.find((m) => m.source === at(13))).toMatchObject({ scoreCategory: 'protect', scoreValue: null });
  });

  it('report a capability described otherwise than most rows of its set', () => {
    expect(warningAt(at(14))).toMatchObject({
      kind: 'description-varies',
      found: '"Safe Attachment"',
      action: 'the row keeps its own; DEF-SATT-E3 is titled "Safe Attachments", as most rows of the set describe it',
    });
  });

  it('report rows read from CSV that needed a guess: no ATT&CK version, a version spelled otherwise, a list that never closes', () => {
    const csv = (name: string, line: number) => `${path.relative(ROOT, fixture('warnings', 'exports', name))}:${line}`;
    expect(warningAt(csv('kev-07.28.2025_attack-16.1-mobile.csv', 3))).toMatchObject({
      kind: 'attack-version-inferred',
      found: '"[UNKNOWN_VERSION]"',
      action: 'read as 16.1, the only ATT&CK version of kev 07/28/2025 in the file',
    });
    expect(warningAt(csv('kev-07.28.2025_attack-16.1-mobile.csv', 2), 'references')).toMatchObject({ kind: 'reference-not-a-link' });
    expect(warningAt(csv('nist_800_53-rev5_attack-16.1-enterprise.csv', 2), 'mapping_framework_version')).toMatchObject({
      kind: 'framework-version-respelled',
      found: '"Rev5"',
      action: 'read as "rev5", as first written',
    });
  });

  it('report control characters removed, related scores that name no technique, and files of one set that disagree', () => {
    const csv = (name: string, line: number) => `${path.relative(ROOT, fixture('warnings', 'exports', name))}:${line}`;
    expect(warningAt(csv('kev-07.28.2025_attack-16.1-mobile.csv', 2), 'comments')).toMatchObject({
      kind: 'control-characters',
      found: '"A list that never\\u0007 closes."',
      action: 'the control character (U+0007) removed; the rest of the text kept',
    });
    expect(warningAt(csv('kev-07.28.2025_attack-16.1-mobile.csv', 4), 'related_score')).toMatchObject({
      kind: 'related-score-unknown',
      found: '"1404"',
      action: 'kept as written: it names no technique',
    });
    const json = path.relative(ROOT, fixture('warnings', 'nist_800_53-rev5_attack-16.1-enterprise.json'));
    expect(warningAt(csv('nist_800_53-rev5_attack-16.1-enterprise.csv', 2), 'last_update')).toMatchObject({
      kind: 'set-metadata-differs',
      found: `"2022-02-14" in ${csv('nist_800_53-rev5_attack-16.1-enterprise.csv', 2).replace(/:2$/, '')}`,
      action: `not used: the set keeps "2022-01-13" from ${json}, the first of its files read that gives one (files are read in path order)`,
    });
  });

  it('report what objects of a unified file say about their set, where it differs from the file', () => {
    const veris = path.relative(ROOT, fixture('warnings', 'veris-1.4.0_attack-16.1-mobile.json'));
    expect(warningAt(`${veris}#/mapping_objects/0`, 'attack_version')).toMatchObject({
      kind: 'attack-version-inferred',
      found: '"[UNKNOWN_VERSION]"',
      action: 'read as 16.1, the ATT&CK version of its file',
    });
    expect(warningAt(`${veris}#/mapping_objects/3`, 'mapping_framework_version')).toMatchObject({
      kind: 'set-field-differs',
      found: '"1.3.7"',
      action: 'placed in its file\'s set, veris-1.4.0_attack-16.1-mobile (the file says "1.4.0")',
    });
  });

  it("report rows naming a technique their set's ATT&CK version does not have, or has revoked or deprecated", () => {
    // The mobile technique has no STIX id in the enterprise catalog either: its set's bundle leaves it out, and says so.
    const unknown = warnings.filter((w) => w.occurrences.some((o) => formatLocation(o.location) === at(15)));
    expect(unknown.map((w) => w.kind)).toEqual(['technique-unknown', 'stix-id-missing']);
    expect(unknown[0]).toMatchObject({
      field: 'attack_object_id',
      found: '"T1521.003"',
      action: 'kept; ATT&CK Enterprise 14.1 has no technique T1521.003 (it is a technique of ATT&CK Mobile)',
    });
    expect(unknown[1]).toMatchObject({
      capabilityId: 'm365:def-ap-e3',
      field: 'attack_object_id',
      found: '"T1521.003"',
      action: "left out of the set's STIX bundle: the catalog has no STIX id for T1521.003 in ATT&CK Enterprise 14.1",
    });
    // Revoked and deprecated techniques keep their attack-patterns (and ids): they are in the bundle.
    expect(warnings.filter((w) => w.kind === 'stix-id-missing').flatMap((w) => w.occurrences.map((o) => formatLocation(o.location)))).toEqual([at(15)]);
    expect(warningAt(at(16))).toMatchObject({ kind: 'technique-revoked', action: 'kept; revoked in ATT&CK Enterprise 14.1, replaced by T1560' });
    expect(warningAt(at(17))).toMatchObject({ kind: 'technique-deprecated', action: 'kept; deprecated in ATT&CK Enterprise 14.1' });
  });

  it('report a set whose ATT&CK version the catalog lacks', () => {
    const file = path.relative(ROOT, fixture('warnings', 'nist_800_53-1_attack-13.0-enterprise.json'));
    expect(warningAt(`${file}#/metadata`)).toMatchObject({ kind: 'attack-version-unknown', found: 'ATT&CK Enterprise 13.0' });
  });

  it('report fields, metadata keys and columns the reader does not use, instead of dropping them silently', () => {
    const veris = path.relative(ROOT, fixture('warnings', 'veris-1.4.0_attack-16.1-mobile.json'));
    expect(warningAt(`${veris}#/metadata`)).toMatchObject({
      kind: 'field-unknown',
      field: 'review_notes',
      action: 'not read: Mapscope does not use this metadata field',
    });
    expect(warningAt(`${veris}#/mapping_objects/0`, 'confidence')).toMatchObject({ kind: 'field-unknown', found: '"high"' });
    const csv = `${path.relative(ROOT, fixture('warnings', 'exports', 'kev-07.28.2025_attack-16.1-mobile.csv'))}:2`;
    expect(warningAt(csv, 'reviewer')).toMatchObject({
      kind: 'field-unknown',
      found: 'the column "reviewer"',
      action: 'not read: Mapscope does not use this column',
    });
  });

  it('that say the same about several rows of one capability are one warning listing each row', async () => {
    const data = JSON.stringify({
      metadata: {
        attack_version: '16.1',
        technology_domain: 'enterprise',
        mapping_framework: 'kev',
        mapping_framework_version: '07/28/2025',
        mapping_types: { primary_impact: { name: 'primary_impact' } },
      },
      mapping_objects: ['T1190', 'T1203', 'T1068'].map((t) => ({
        capability_id: 'CVE-2025-1111',
        capability_description: 'x',
        mapping_type: 'primary_impact',
        attack_object_id: t,
        attack_object_name: 'y',
        references: ['https://a.example/advisory '],
        status: 'complete',
      })),
    });
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-group-'));
    await writeFile(path.join(dir, 'kev.json'), data);
    const result = await runPipeline([dir]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.occurrences.map((o) => o.techniqueId)).toEqual(['T1190', 'T1203', 'T1068']);
  });

  it('never stop the build, and every kind of the data rules is exercised by the fixture', () => {
    // The description files' kinds come only with --descriptions: tests/lib/descriptions and tests/site/descriptions.test.ts exercise them.
    const descriptionKinds = new Set(Object.keys(DATA_RULES.find((rule) => rule.id === 'description-irregular')!.kinds));
    expect(new Set(warnings.map((w) => w.kind))).toEqual(new Set(WARNING_KIND_IDS.filter((kind) => !descriptionKinds.has(kind))));
  });
});

describe('--strict', () => {
  it('turns every warning into an error: no model, one problem per object, each saying where and what was found', async () => {
    const result = await runPipeline([fixture('warnings')], { strict: true });
    expect(result.model).toBeNull();
    const total = warnings.reduce((n, w) => n + w.occurrences.length, 0);
    expect(result.problems).toHaveLength(total);
    expect(result.problems.map(formatProblem)).toContain(
      `${at(9)}: references[0]: expected an http(s) URL, got "javascript:alert(document.cookie)" (without --strict: kept as plain text, not a link: "javascript:alert(document.cookie)")`,
    );
  });

  it('changes nothing for data without warnings', async () => {
    const result = await runPipeline([path.join(ROOT, 'data')], { strict: true });
    expect(result.problems).toEqual([]);
    expect(result.model!.warnings).toEqual([]);
  });
});

describe('the warning summary', () => {
  it('gives a count per kind and the first examples, not a line per warning', () => {
    const lines = formatWarningSummary(warnings, 1);
    const total = warnings.reduce((n, w) => n + w.occurrences.length, 0);
    expect(lines[0]).toBe(`${total} warnings (the build goes on; --strict makes them errors; /data-quality/ lists every one):`);
    expect(lines).toContain('  References kept as plain text [reference-not-a-link]: 7');
    expect(lines).toContain(`    ${at(0)}: references[0]: "[]": dropped: it names no reference`);
    const kinds = new Set(warnings.map((w) => w.kind)).size;
    expect(lines.filter((l) => /^ {2}\S/.test(l))).toHaveLength(kinds);
    const examples = lines.filter((l) => l.startsWith('    ') && !l.startsWith('    ... and '));
    expect(examples).toHaveLength(kinds);
    expect(lines).toContain('    ... and 6 more');
  });
});
