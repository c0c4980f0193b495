import type { Test } from 'supertest';

/** Collects a binary response body (PDF, XML, images) into a Buffer. */
export function binary(req: Test): Test {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}
