import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ParsedPdf {
  /** All text, pages separated by pdf-parse's "-- n of m --" lines. */
  text: string;
  pages: string[];
  /** The document information dictionary as pdf.js reads it (Title, Author, CreationDate, Language, …). */
  info: Record<string, unknown>;
}

/**
 * Extracts text and document info with pdf-parse. pdf-parse 2 loads pdf.js's worker as an ES
 * module, which Jest's module system cannot do without --experimental-vm-modules, so it runs in a
 * child Node process (one for the whole batch).
 */
export function parsePdfs(pdfs: Buffer[]): Promise<ParsedPdf[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'pdf-parse-child.cjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`pdf-parse exited with ${code}: ${Buffer.concat(err).toString()}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as ParsedPdf[]);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(JSON.stringify(pdfs.map((pdf) => pdf.toString('base64'))));
  });
}
