import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(join(__dirname, '../../reference/pain.001.001.03.xsd'), 'utf8');

/** Validates a SEPA file against the ISO 20022 pain.001.001.03 schema (reference/). */
export function validatePain001(xml: Buffer) {
  return validateXML({
    xml: [{ fileName: 'run.xml', contents: xml.toString('utf8') }],
    schema: [{ fileName: 'pain.001.001.03.xsd', contents: XSD }],
  });
}
