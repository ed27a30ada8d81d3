import { describe, expect, it } from 'vitest';
import { fidelityInput } from '../../scripts/check-fidelity.ts';
import { prepareDownloads } from '../../scripts/build-downloads.ts';
import { checkDownloadFidelity, unwarnedDifferences } from '../../scripts/site-check/download-fidelity.ts';
import { runPipeline } from '../../src/lib/ingest/pipeline.ts';
import { fixture } from '../support/paths.ts';

// Every row of every download (the build's files, in memory) against its source file, for the
// fixtures of irregular shapes ("SC-7 " with its space, exports read back, references mended):
// only repairs a warning names may differ.
describe('npm run fidelity on the fixtures', () => {
  it.each([
    ['mapex', 3],
    ['fidelity', 0],
  ])('%s: every field of every download as its source gives it, but for warned repairs', async (name, minWarned) => {
    const { model } = await runPipeline([fixture(name)]);
    expect(model).not.toBeNull();
    const { files } = await prepareDownloads(model!, {});
    const input = await fidelityInput(
      model!,
      [fixture(name)],
      new Map(files.flatMap((f) => (typeof f.content === 'string' ? [[f.path, f.content] as const] : []))),
    );
    const report = checkDownloadFidelity(input);
    expect(report.rows).toBeGreaterThan(10);
    expect(unwarnedDifferences(report), JSON.stringify(report.fields, null, 1)).toBe(0);
    expect(report.missingRows + report.extraRows).toBe(0);
    expect(Object.values(report.fields).reduce((n, f) => n + f.warned, 0)).toBeGreaterThanOrEqual(minWarned);
  });
});
