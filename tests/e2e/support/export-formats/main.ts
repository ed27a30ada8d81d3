/**
 * A page that makes the three newer download formats in the browser, with the modules the site
 * will use: the browser test builds it with Vite (as Astro bundles client code) and calls
 * `window.makeFormats` from playwright.
 */
import type { ExportRow, ExportSet } from '../../../../src/lib/exports/export-formats.ts';
import { stixBundleOf } from '../../../../src/lib/exports/formats/stix-bundle.ts';
import { xlsxOf, type WorkbookAbout } from '../../../../src/lib/exports/formats/xlsx.ts';
import { yamlOf } from '../../../../src/lib/exports/formats/yaml.ts';

export interface FormatsInput {
  sets: { set: ExportSet; rows: ExportRow[] }[];
  attackPatternIds: Record<string, string>;
  about: WorkbookAbout;
}

async function makeFormats(input: FormatsInput) {
  const [first] = input.sets;
  const workbook = await xlsxOf(input.sets, input.about);
  let binary = '';
  for (const byte of workbook.bytes) binary += String.fromCharCode(byte);
  const stix = stixBundleOf(first!.set, first!.rows, new Map(Object.entries(input.attackPatternIds)));
  return { xlsx: btoa(binary), stix: JSON.stringify(stix), yaml: yamlOf(first!.set, first!.rows) };
}

(window as unknown as { makeFormats: typeof makeFormats }).makeFormats = makeFormats;
document.body.dataset['ready'] = 'true';
