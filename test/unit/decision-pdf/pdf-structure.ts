/**
 * A structural check of a PDF file, the part of `qpdf --check` that matters for generated files:
 * the header and %%EOF are there, `startxref` points at a cross-reference table (or stream), every
 * in-use entry's offset points exactly at `N G obj` for that object, and the trailer names /Root
 * and /Info. Follows /Prev for incremental updates. Returns the problems found (none = sound).
 */
import { inflateSync } from 'node:zlib';

export interface PdfStructure {
  version: string;
  /** In-use objects found through the cross-reference sections (numbers). */
  objects: number[];
  trailer: string;
  problems: string[];
}

const latin1 = (bytes: Buffer, start: number, end: number) => bytes.toString('latin1', start, end);

export function checkPdfStructure(pdf: Buffer): PdfStructure {
  const problems: string[] = [];
  const result: PdfStructure = { version: '', objects: [], trailer: '', problems };

  const header = /^%PDF-(\d\.\d)/.exec(latin1(pdf, 0, 16));
  if (!header) problems.push('does not start with %PDF-x.y');
  else result.version = header[1];

  const tail = latin1(pdf, Math.max(0, pdf.length - 1024), pdf.length);
  if (!/%%EOF\s*$/.test(tail)) problems.push('does not end with %%EOF');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) {
    problems.push('no startxref before %%EOF');
    return result;
  }

  const seen = new Set<number>();
  const checkObjectAt = (num: number, gen: number, offset: number) => {
    if (offset <= 0 || offset >= pdf.length) {
      problems.push(`object ${num} ${gen}: offset ${offset} is outside the file`);
      return;
    }
    const at = /^(\d+)\s+(\d+)\s+obj\b/.exec(latin1(pdf, offset, Math.min(pdf.length, offset + 40)));
    if (!at || Number(at[1]) !== num || Number(at[2]) !== gen) {
      problems.push(`object ${num} ${gen}: offset ${offset} does not point at "${num} ${gen} obj"`);
    }
  };

  let offset: number | null = Number(startxref[1]);
  const visited = new Set<number>();
  let first = true;
  while (offset !== null) {
    if (visited.has(offset)) {
      problems.push(`cross-reference sections loop at ${offset}`);
      break;
    }
    visited.add(offset);
    if (offset >= pdf.length) {
      problems.push(`startxref ${offset} is outside the file`);
      break;
    }
    const start = latin1(pdf, offset, Math.min(pdf.length, offset + 64));
    let trailer: string;
    if (start.startsWith('xref')) {
      trailer = readXrefTable(pdf, offset, problems, (num, gen, off) => {
        if (seen.has(num)) return;
        seen.add(num);
        checkObjectAt(num, gen, off);
      });
    } else if (/^\d+\s+\d+\s+obj\b/.test(start)) {
      trailer = readXrefStream(pdf, offset, problems, (num, gen, off) => {
        if (seen.has(num)) return;
        seen.add(num);
        checkObjectAt(num, gen, off);
      });
    } else {
      problems.push(`startxref ${offset} points at neither "xref" nor an xref stream object`);
      break;
    }
    if (first) {
      result.trailer = trailer;
      first = false;
    }
    const prev = /\/Prev\s+(\d+)/.exec(trailer);
    offset = prev ? Number(prev[1]) : null;
  }

  const trailer = result.trailer;
  if (trailer) {
    if (!/\/Root\s+\d+\s+\d+\s+R/.test(trailer)) problems.push('trailer has no /Root reference');
    if (!/\/Info\s+\d+\s+\d+\s+R/.test(trailer)) problems.push('trailer has no /Info reference');
    const size = /\/Size\s+(\d+)/.exec(trailer);
    if (!size) problems.push('trailer has no /Size');
    else if (seen.size > 0 && Math.max(...seen) >= Number(size[1]))
      problems.push(`/Size ${size[1]} is not above the highest object number`);
  }
  result.objects = [...seen].sort((a, b) => a - b);
  return result;
}

/** Reads a classic `xref` table at `offset`; returns the trailer dictionary's text. */
function readXrefTable(
  pdf: Buffer,
  offset: number,
  problems: string[],
  inUse: (num: number, gen: number, offset: number) => void,
): string {
  let pos = offset + 4;
  const text = latin1(pdf, pos, pdf.length);
  // Subsections: "first count" then count entries of exactly 20 bytes "oooooooooo ggggg n\r\n".
  let cursor = 0;
  const skipEol = () => {
    while (cursor < text.length && (text[cursor] === '\r' || text[cursor] === '\n' || text[cursor] === ' ')) cursor++;
  };
  skipEol();
  for (;;) {
    const sub = /^(\d+) (\d+)[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(cursor, cursor + 40));
    if (!sub) break;
    cursor += sub[0].length;
    const firstNum = Number(sub[1]);
    const count = Number(sub[2]);
    for (let i = 0; i < count; i++) {
      const entry = text.slice(cursor, cursor + 20);
      const m = /^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)$/.exec(entry);
      if (!m) {
        problems.push(`xref entry ${firstNum + i} is not a 20-byte entry: ${JSON.stringify(entry)}`);
        return '';
      }
      if (m[3] === 'n') inUse(firstNum + i, Number(m[2]), Number(m[1]));
      cursor += 20;
    }
  }
  skipEol();
  if (!text.startsWith('trailer', cursor)) {
    problems.push('no trailer after the xref table');
    return '';
  }
  const end = text.indexOf('startxref', cursor);
  pos = cursor + 'trailer'.length;
  return text.slice(pos, end < 0 ? undefined : end);
}

/** Reads a cross-reference stream object at `offset`; returns its dictionary's text. */
function readXrefStream(
  pdf: Buffer,
  offset: number,
  problems: string[],
  inUse: (num: number, gen: number, offset: number) => void,
): string {
  const head = latin1(pdf, offset, Math.min(pdf.length, offset + 4096));
  const streamAt = head.indexOf('stream');
  const dict = streamAt < 0 ? head : head.slice(0, streamAt);
  if (!/\/Type\s*\/XRef/.test(dict)) {
    problems.push(`object at ${offset} is not an /XRef stream`);
    return '';
  }
  const w = /\/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(dict);
  const size = /\/Size\s+(\d+)/.exec(dict);
  const length = /\/Length\s+(\d+)/.exec(dict);
  if (!w || !size || !length) {
    problems.push('xref stream lacks /W, /Size or a direct /Length');
    return dict;
  }
  let dataStart = offset + streamAt + 'stream'.length;
  if (pdf[dataStart] === 0x0d) dataStart++;
  if (pdf[dataStart] === 0x0a) dataStart++;
  let data = pdf.subarray(dataStart, dataStart + Number(length[1]));
  if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
  else if (/\/Filter/.test(dict)) {
    problems.push('xref stream uses a filter other than FlateDecode');
    return dict;
  }
  if (/\/DecodeParms/.test(dict)) {
    problems.push('xref stream with /DecodeParms (predictors) is not supported by this check');
    return dict;
  }
  const widths = [Number(w[1]), Number(w[2]), Number(w[3])];
  const indexMatch = /\/Index\s*\[([\d\s]+)\]/.exec(dict);
  const index = indexMatch ? indexMatch[1].trim().split(/\s+/).map(Number) : [0, Number(size[1])];
  const field = (pos: number, width: number, fallback: number) => {
    if (width === 0) return fallback;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + data[pos + i];
    return value;
  };
  let pos = 0;
  const entry = widths[0] + widths[1] + widths[2];
  for (let s = 0; s < index.length; s += 2) {
    for (let i = 0; i < index[s + 1]; i++) {
      if (pos + entry > data.length) {
        problems.push('xref stream is shorter than its /Index says');
        return dict;
      }
      const type = field(pos, widths[0], 1);
      const second = field(pos + widths[0], widths[1], 0);
      const third = field(pos + widths[0] + widths[1], widths[2], 0);
      if (type === 1) inUse(index[s] + i, third, second);
      pos += entry;
    }
  }
  return dict;
}
