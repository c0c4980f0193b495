import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import type { SepaFileDownload } from '../payment-runs.service';

/**
 * The stored SEPA file as a download (API and portal alike): ETag = SHA-256, streamed in byte mode
 * so the next chunk is read from the database only when the client has taken the last one.
 */
export function sepaFileResponse(file: SepaFileDownload, res: Response): StreamableFile {
  res.setHeader('ETag', `"${file.sha256}"`);
  return new StreamableFile(Readable.from(file.chunks, { objectMode: false }), {
    type: 'application/xml',
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.bytes,
  });
}
