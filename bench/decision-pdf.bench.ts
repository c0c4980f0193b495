/**
 * Throughput and memory of the decision letter renderer.
 * Run: node bench/run.js bench/decision-pdf.bench.ts   (exit code 1 when a goal is missed)
 *
 * 1. Renders 1,000 grant decisions with 12-month tables and compares decisions per second with a
 *    bare pdfkit document holding the same text: the text pdf-parse extracts from a rendered grant,
 *    line by line on the same number of pages, with the same embedded fonts and PDF/A settings, but
 *    without templates, layout, tables or tagging. Two baselines: plain pdfkit, and pdfkit with the
 *    shared word-layout cache the renderer uses (so the ratio shows the cost of the layout itself);
 *    the goal (at most 3× slower) holds against the faster of the two. The three are interleaved in
 *    batches, so load from other processes affects them alike.
 * 2. Goes on to 10,000 renders in a row (or the count given as first argument) and compares the heap after the 1,000th and the 10,000th
 *    (after a full garbage collection). Goal: growth below 50 MB.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import PDFDocument from 'pdfkit';
import { PDFParse } from 'pdf-parse';
import { DecisionDocumentModel } from '../src/decisions/pdf/decision-document';
import { decisionFonts, renderDecisionPdf, useSharedLayoutCache } from '../src/decisions/pdf/decision-pdf.renderer';
import { grantModel } from '../test/unit/decision-pdf/fixtures';

const RATIO_GOAL = 3;
const HEAP_GROWTH_GOAL_MB = 50;
const TIMED = 1_000;
/** `node bench/run.js bench/decision-pdf.bench.ts 3000` runs a shorter memory phase. */
const IN_A_ROW = Math.max(TIMED, Number(process.argv[2]) || 10_000);
const CREATED = new Date(Date.UTC(2026, 2, 2, 9, 0, 0));

/** A full collection: global.gc with --expose-gc, else switched on here (no flag needed on the command line). */
function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = collectGarbage();

const base = grantModel();
const models: DecisionDocumentModel[] = Array.from({ length: 64 }, (_, i) => ({
  ...base,
  decisionNumber: `LKS-2026-${String(i + 1).padStart(6, '0')}`,
  references: { ...base.references, applicationNumber: `AANV-2025-${String(4711 + i).padStart(6, '0')}` },
}));

/** The bare document: the given lines at fixed positions, first line of a page in bold. */
function renderBare(pages: string[][], sharedLayoutCache: boolean): Promise<Buffer> {
  const { regular, bold } = decisionFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 57, bottom: 71, left: 71, right: 57 },
    font: regular as unknown as string,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'nl-NL',
    info: { Title: 'Beschikking', Author: 'Gemeente', Creator: 'Werkkans', CreationDate: CREATED },
  });
  doc.registerFont('R', regular as unknown as Buffer);
  doc.registerFont('B', bold as unknown as Buffer);
  if (sharedLayoutCache) {
    useSharedLayoutCache(doc, 'R');
    useSharedLayoutCache(doc, 'B');
  }
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  pages.forEach((lines, p) => {
    if (p > 0) doc.addPage();
    let y = 57;
    lines.forEach((line, i) => {
      doc
        .font(i === 0 ? 'B' : 'R')
        .fontSize(9.5)
        .text(line, 71, y, { lineBreak: false });
      y += 12.5;
    });
  });
  doc.end();
  return done;
}

async function extractPages(pdf: Buffer): Promise<string[][]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    return text.pages.map((page) => page.text.split('\n').filter((line) => line.trim() !== ''));
  } finally {
    await parser.destroy();
  }
}

type Renderer = (i: number) => Promise<Buffer>;

/** Runs the renderers in turns of `batch` until each has rendered `count`; returns renders per second of each. */
async function interleaved(
  count: number,
  batch: number,
  renderers: Renderer[],
): Promise<Array<{ perSecond: number; bytes: number }>> {
  const nanos = renderers.map(() => 0n);
  const bytes = renderers.map(() => 0);
  for (let done = 0; done < count; done += batch) {
    for (let r = 0; r < renderers.length; r++) {
      const started = process.hrtime.bigint();
      for (let i = done; i < Math.min(count, done + batch); i++) bytes[r] += (await renderers[r](i)).length;
      nanos[r] += process.hrtime.bigint() - started;
    }
  }
  return renderers.map((_, r) => ({ perSecond: count / (Number(nanos[r]) / 1e9), bytes: bytes[r] }));
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const benchStarted = Date.now();
  const sample = await renderDecisionPdf(models[0], { creationDate: CREATED });
  const pages = await extractPages(sample);
  const lines = pages.reduce((n, p) => n + p.length, 0);

  // Warm up (JIT, font caches), then measure the three interleaved.
  for (let i = 0; i < 30; i++) {
    await renderBare(pages, false);
    await renderBare(pages, true);
    await renderDecisionPdf(models[i % models.length], { creationDate: CREATED });
  }
  let rendered = 0;
  const [bare, bareCached, decisions] = await interleaved(TIMED, 50, [
    () => renderBare(pages, false),
    () => renderBare(pages, true),
    (i) => {
      rendered++;
      return renderDecisionPdf(models[i % models.length], { creationDate: CREATED });
    },
  ]);
  const ratioPlain = bare.perSecond / decisions.perSecond;
  const ratio = bareCached.perSecond / decisions.perSecond;
  const fastestBare = Math.max(bare.perSecond, bareCached.perSecond);
  const worst = fastestBare / decisions.perSecond;
  console.log(
    `decision-pdf: ${fmt(TIMED)} grants  ${fmt(decisions.perSecond)}/s vs bare pdfkit ${fmt(fastestBare)}/s  ` +
      `ratio ${worst.toFixed(2)} (goal <= ${RATIO_GOAL})`,
  );
  console.log(
    `  bare pdfkit with the shared word-layout cache ${fmt(bareCached.perSecond)}/s (ratio ${ratio.toFixed(2)}); ` +
      `plain bare pdfkit ${fmt(bare.perSecond)}/s (ratio ${ratioPlain.toFixed(2)})`,
  );
  console.log(
    `  ${pages.length} pages, ${lines} text lines; ${kb(decisions.bytes / TIMED)} KB per decision vs ${kb(bare.bytes / TIMED)} KB bare`,
  );

  gc();
  const heapAt1000 = process.memoryUsage().heapUsed;
  const started = Date.now();
  for (; rendered < IN_A_ROW; rendered++) {
    await renderDecisionPdf(models[rendered % models.length], { creationDate: CREATED });
  }
  gc();
  const heapAtEnd = process.memoryUsage().heapUsed;
  const growth = heapAtEnd - heapAt1000;
  console.log(
    `decision-pdf: ${fmt(IN_A_ROW)} in a row  heap after #${fmt(TIMED)} ${mb(heapAt1000)} MB, after #${fmt(IN_A_ROW)} ${mb(heapAtEnd)} MB  ` +
      `growth ${mb(growth)} MB (goal < ${HEAP_GROWTH_GOAL_MB} MB)  ${((Date.now() - started) / 1000).toFixed(0)} s for the last ${fmt(IN_A_ROW - TIMED)}`,
  );
  console.log(`  total bench time ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);

  if (worst > RATIO_GOAL || growth > HEAP_GROWTH_GOAL_MB * 1024 * 1024) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
