import { Document, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import { createTestApp, type TestApp } from '../support/test-app';
import { nlgovAdrRuleset } from './nlgov-adr-ruleset';

async function lint(doc: unknown): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset(nlgovAdrRuleset);
  return spectral.run(new Document(JSON.stringify(doc), Json, 'openapi.json'));
}

const errorsOf = (results: ISpectralDiagnostic[]) =>
  results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.http.get('/api/v1/openapi.json').expect(200);
    doc = res.body;
  });
  afterAll(() => t.close());

  it('is served at /api/v1/openapi.json as OpenAPI 3 with the API routes', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/lks-calculations', '/auth/token', '/health']));
  });

  it('passes the NL API Design Rules linter with 0 errors', async () => {
    expect(errorsOf(await lint(doc))).toEqual([]);
  });

  it('is linted for real: a document breaking the rules gets errors', async () => {
    const broken = JSON.parse(JSON.stringify(doc));
    broken.paths['/Snake_Case'] = broken.paths['/health'];
    delete broken.paths['/health/live'].get.responses['200'].headers;
    delete broken.info.contact.email;
    const errors = errorsOf(await lint(broken));
    expect(errors.some((e) => e.startsWith('adr:path-segments-kebab-case'))).toBe(true);
    expect(errors.some((e) => e.startsWith('adr:version-header'))).toBe(true);
    expect(errors.some((e) => e.startsWith('adr:doc-openapi-contact'))).toBe(true);
  });

  it('serves an interactive docs page', async () => {
    const res = await t.http.get('/api/v1/docs/').expect(200);
    expect(res.text).toMatch(/swagger/i);
  });
});
