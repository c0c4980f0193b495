import { parsePdfs } from '../unit/decision-pdf/pdf-text';

/** The text of a PDF as pdf-parse reads it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await parsePdfs([pdf]))[0].text;
}
