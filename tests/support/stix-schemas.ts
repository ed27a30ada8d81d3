/** The OASIS STIX 2.1 JSON schemas (../shared/stix2-json-schemas), as validators for tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { shared } from './paths.ts';

/** A validator per object type, and one for bundles, from the OASIS schemas in `dir`. */
export function schemasIn(dir: string) {
  // The schemas write "\-" in patterns, which unicode-mode regular expressions refuse (their ABOUT.md).
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no IDN host names (only the domain-name observable uses them; Mapscope writes none).
  ajv.addFormat('idn-hostname', true);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  const id = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).$id as string;
  const validators = new Map(
    files
      .filter((f) => /^(sdos|sros)\//.test(f) || f === 'common/marking-definition.json' || f === 'common/extension-definition.json')
      .map((f) => [path.basename(f, '.json'), ajv.getSchema(id(f))!]),
  );
  return { validators, bundleSchema: ajv.getSchema(id('common/bundle.json'))! };
}

/** Every object of a bundle that a schema refuses (none: valid), with the schemas' messages. */
export function stixProblems(bundle: { objects?: { type: string; id: string }[] }, schemas = schemasIn(shared('stix2-json-schemas', 'schemas')!)): string[] {
  const problems: string[] = [];
  if (!schemas.bundleSchema(bundle)) problems.push(`bundle: ${JSON.stringify(schemas.bundleSchema.errors)}`);
  for (const object of bundle.objects ?? []) {
    const validate = schemas.validators.get(object.type);
    if (!validate) problems.push(`${object.id}: no schema for ${object.type}`);
    else if (!validate(object)) problems.push(`${object.id}: ${JSON.stringify(validate.errors)}`);
  }
  return problems;
}
