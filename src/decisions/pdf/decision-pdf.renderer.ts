/**
 * Renders a decision letter (beschikking) as an A4 PDF/A-2b document with pdfkit.
 *
 * The letter's words come from templates/decisions/<type>.txt (see the README there); this file
 * only lays them out: letterhead, the addressee in the window of a Dutch window envelope, the
 * reference lines, the template's blocks, the month-by-month amounts table, page numbers and the
 * CONCEPT mark of drafts. Fonts (DejaVu Sans, embedded as subsets) and template files are loaded
 * once per process; each render creates one PDFDocument and keeps nothing afterwards.
 *
 * The output is reproducible: with the same model and `creationDate` the bytes are identical
 * (pdfkit derives the file ID from the document info, which holds that date).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { DecisionDocumentModel, DecisionMonthLine } from './decision-document';
import { CODE_BLOCKS, DecisionTemplates, Run, TemplateBlock, defaultTemplatesDirectory, runsText } from './decision-template';
import { buildDecisionView } from './decision-view';
import {
  decimalToCents,
  formatCents,
  formatCentsAmount,
  formatDateNl,
  formatDecimalNl,
  formatMoney,
  formatMoneyAmount,
  formatMonthNl,
  formatPercentageNl,
  formatPostalCode,
} from './format-nl';

export interface RenderDecisionPdfOptions {
  /** The document's CreationDate (and XMP CreateDate); defaults to now. Fix it for reproducible bytes. */
  creationDate?: Date;
  /** Directory with the templates; defaults to the project's templates/decisions. */
  templatesDirectory?: string;
}

/** Labels the layout itself prints (the letter's text lives in the templates). */
const LABELS = {
  documentTitle: 'Beschikking loonkostensubsidie',
  draft: 'CONCEPT',
  draftNumber: 'concept',
  ourReference: 'Ons kenmerk',
  date: 'Datum',
  applicationNumber: 'Aanvraagnummer',
  participantNumber: 'Deelnemersnummer',
  kvkNumber: 'KvK-nummer',
  previousDecision: 'Vorig besluit',
  subject: 'Onderwerp',
  attention: 't.a.v.',
  page: (page: number, count: number) => `Pagina ${page} van ${count}`,
  total: 'Totaal',
  flatRate: 'forfaitair',
  // U+00AD soft hyphens and U+200B zero-width spaces let narrow columns break their headers; U+00A0 keeps words together.
  table: [
    'Maand',
    'Dagen',
    'WML/\u200Buur',
    'Uren',
    'Loon\u00ADwaarde',
    'WML/\u200Bmaand',
    'Loonkloof (na\u00A0maximum)',
    'Vakantie\u00ADbijslag',
    'Werkgevers\u00ADlasten',
    'Bedrag',
  ],
} as const;

// A4 in points; margins 2.5 cm left, 2 cm right and top, 2.5 cm bottom (the footer lives there).
const CM = 72 / 2.54;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGINS = { top: 2 * CM, bottom: 2.5 * CM, left: 2.5 * CM, right: 2 * CM };
const CONTENT_WIDTH = PAGE_WIDTH - MARGINS.left - MARGINS.right;
/** The address block sits in the window of a Dutch window envelope: 5 cm from the top. */
const ADDRESS_TOP = 5 * CM;
const REFERENCES_TOP = 8.7 * CM;

const COLORS = { text: '#1a1a1a', muted: '#555555', accent: '#1f4e79', rule: '#b8c4d0', fill: '#e9eef4', draft: '#c0392b' };
const BODY = { size: 9.5, lineGap: 2.6, paragraphGap: 7 };
const HEADING = { size: 10.5, before: 9, after: 3 };
const TABLE = { size: 7.5, headerSize: 7, padX: 3.2, padY: 3, minSize: 6 };

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';

type Font = fontkit.Font;
let fonts: { regular: Font; bold: Font } | null = null;

/** The embedded fonts, parsed once per process and shared by every document (pdfkit subsets per document). */
export function decisionFonts(): { regular: Font; bold: Font } {
  if (!fonts) {
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const load = (file: string) => fontkit.create(readFileSync(join(dir, file))) as Font;
    fonts = { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
  }
  return fonts;
}

/**
 * pdfkit lays out every word with fontkit (OpenType shaping) and caches the result per document in
 * `layoutCache`, keyed by the word. The runs it stores are never changed afterwards and depend only
 * on the font, so one cache per font is shared by all documents: the same words are not shaped again
 * for every letter. Bounded: it starts afresh when it holds `limit` words.
 */
function sharedLayoutCache(limit: number): Record<string, unknown> {
  let words = new Map<string, unknown>();
  return new Proxy(Object.create(null) as Record<string, unknown>, {
    get: (_target, key) => (typeof key === 'string' ? words.get(key) : undefined),
    set: (_target, key, value) => {
      if (typeof key !== 'string') return false;
      if (words.size >= limit) words = new Map();
      words.set(key, value);
      return true;
    },
  });
}
const layoutCaches = new Map<string, Record<string, unknown>>();

/** Points pdfkit's per-document layout cache of a registered font at the shared one (exported for the bench). */
export function useSharedLayoutCache(doc: PDFKit.PDFDocument, name: string): void {
  doc.font(name);
  const embedded = (doc as unknown as { _font?: { layoutCache?: unknown } })._font;
  if (!embedded || !('layoutCache' in embedded)) return; // another pdfkit version: just no sharing
  let cache = layoutCaches.get(name);
  if (!cache) {
    cache = sharedLayoutCache(20_000);
    layoutCaches.set(name, cache);
  }
  embedded.layoutCache = cache;
}

const templatesByDirectory = new Map<string, DecisionTemplates>();

function templatesFor(directory: string): DecisionTemplates {
  let templates = templatesByDirectory.get(directory);
  if (!templates) {
    templates = new DecisionTemplates(directory);
    templatesByDirectory.set(directory, templates);
  }
  return templates;
}

/** XMP metadata is written unescaped by pdfkit: keep XML's special characters out of it. */
function metadataText(text: string): string {
  return text.replace(/&/g, 'en').replace(/[<>"]/g, '').replace(/\s+/g, ' ').trim();
}

/** Renders the decision letter; resolves to the PDF bytes. */
export async function renderDecisionPdf(model: DecisionDocumentModel, options: RenderDecisionPdfOptions = {}): Promise<Buffer> {
  const templates = templatesFor(options.templatesDirectory ?? defaultTemplatesDirectory());
  const view = buildDecisionView(model);
  const blocks = templates.render(templates.letter(model.type), view);
  const subjectBlock = blocks.find((b): b is Extract<TemplateBlock, { kind: 'subject' }> => b.kind === 'subject');
  if (!subjectBlock) throw new Error(`template ${model.type}.txt has no subject line ('# …')`);
  const subject = runsText(subjectBlock.runs);
  const number = model.draft || !model.decisionNumber ? null : model.decisionNumber;

  const { regular, bold } = decisionFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    // Start with our own font: pdfkit's default would parse Helvetica's metrics for every document.
    font: regular as unknown as string,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    info: {
      Title: metadataText(`${LABELS.documentTitle} ${number ?? `(${LABELS.draftNumber})`}`),
      Subject: metadataText(subject),
      Author: metadataText(model.municipality.name),
      Creator: 'Werkkans',
      Producer: 'Werkkans (PDFKit)',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  const output = collect(doc);
  // pdfkit accepts a parsed fontkit font; its types only list paths and buffers.
  doc.registerFont(REGULAR, regular as unknown as Buffer);
  doc.registerFont(BOLD, bold as unknown as Buffer);
  useSharedLayoutCache(doc, REGULAR);
  useSharedLayoutCache(doc, BOLD);

  try {
    new DecisionLayout(doc, model, templates, view).render(blocks);
    doc.end();
  } catch (error) {
    // Abandon the half-written document (nothing refers to it any more); never wait for its end.
    output.catch(() => undefined);
    throw error;
  }
  return output;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

interface Cell {
  text: string;
  bold?: boolean;
}

interface TableSpec {
  widths: number[];
  aligns: Array<'left' | 'right'>;
  header: Cell[] | null;
  rows: Cell[][];
  /** Rows drawn with a rule above them (totals). */
  ruleAbove: Set<number>;
  size: number;
  headerSize: number;
}

type Struct = PDFKit.PDFStructureElement;

/** One render: the document, the model and where we are on the page. */
class DecisionLayout {
  private readonly root: Struct;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly model: DecisionDocumentModel,
    private readonly templates: DecisionTemplates,
    private readonly view: Record<string, unknown>,
  ) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  render(blocks: TemplateBlock[]): void {
    const doc = this.doc;
    doc.fillColor(COLORS.text);
    this.letterhead();
    this.addressee();
    const subject = blocks.find((b) => b.kind === 'subject');
    this.references(subject && subject.kind === 'subject' ? subject.runs : []);
    doc.x = MARGINS.left;
    this.blocks(
      blocks.filter((b) => b.kind !== 'subject'),
      this.root,
    );
    this.root.end();
    this.pageDecorations();
  }

  // ---- fixed parts of the letter ----

  private letterhead(): void {
    const { doc } = this;
    const m = this.model.municipality;
    const lines = [...m.addressLines, m.phone, m.email, m.website].filter((line) => line.trim() !== '');
    const contactSize = 7.5;
    // The contact column is as wide as its longest line (within reason), flush with the right margin.
    const rightWidth = Math.min(220, Math.max(140, ...lines.map((line) => this.textWidth(line, false, contactSize) + 8)));
    const rightX = PAGE_WIDTH - MARGINS.right - rightWidth;
    const leftWidth = rightX - MARGINS.left - 12;
    const top = 1.5 * CM;
    const head = doc.struct('Sect');
    this.root.add(head);
    this.leaf(head, 'P', () => {
      doc.font(BOLD).fontSize(15).fillColor(COLORS.accent).text(m.name, MARGINS.left, top, { width: leftWidth });
      doc
        .font(REGULAR)
        .fontSize(9)
        .fillColor(COLORS.muted)
        .text(m.department, MARGINS.left, doc.y + 1, { width: leftWidth });
    });
    this.leaf(head, 'P', () => {
      doc.font(REGULAR).fontSize(contactSize).fillColor(COLORS.muted);
      doc.text(lines.join('\n'), rightX, top + 2, { width: rightWidth, lineGap: 1.2 });
    });
    head.end();
    this.artifact(() => {
      doc
        .moveTo(MARGINS.left, 3.9 * CM)
        .lineTo(PAGE_WIDTH - MARGINS.right, 3.9 * CM)
        .lineWidth(0.6)
        .strokeColor(COLORS.rule)
        .stroke();
    });
    doc.fillColor(COLORS.text);
  }

  private addressee(): void {
    const { doc } = this;
    const a = this.model.addressee;
    const lines = [
      a.organisation,
      a.attention ? `${LABELS.attention} ${a.attention}` : null,
      `${a.street} ${a.houseNumber}`.trim(),
      // PostNL: postal code (stored without its space), two spaces, the city in capitals.
      `${formatPostalCode(a.postalCode)}  ${a.city.toUpperCase()}`,
    ].filter((line): line is string => line !== null && line.trim() !== '');
    this.leaf(this.root, 'P', () => {
      doc.font(REGULAR).fontSize(10).fillColor(COLORS.text);
      doc.text(lines.join('\n'), MARGINS.left, ADDRESS_TOP, { width: 8.5 * CM, lineGap: 1.5 });
    });
  }

  private references(subject: Run[]): void {
    const { doc, model } = this;
    const number = model.draft || !model.decisionNumber ? LABELS.draftNumber : model.decisionNumber;
    const date = model.draft || !model.decisionDate ? LABELS.draftNumber : formatDateNl(model.decisionDate);
    const left: Array<[string, string]> = [
      [LABELS.ourReference, number],
      [LABELS.applicationNumber, model.references.applicationNumber],
      [LABELS.participantNumber, model.references.participantNumber],
    ];
    const right: Array<[string, string]> = [
      [LABELS.date, date],
      [LABELS.kvkNumber, model.references.kvkNumber],
    ];
    if (model.references.previousDecisionNumber) right.push([LABELS.previousDecision, model.references.previousDecisionNumber]);
    const labelWidth = 88;
    const columnWidth = CONTENT_WIDTH / 2;
    const rowHeight = 13;
    const section = doc.struct('Sect');
    this.root.add(section);
    const row = (x: number, y: number, [label, value]: [string, string]) => {
      this.leaf(section, 'P', () => {
        doc
          .font(REGULAR)
          .fontSize(7.5)
          .fillColor(COLORS.muted)
          .text(label, x, y + 1, { width: labelWidth, lineBreak: false });
        doc
          .font(REGULAR)
          .fontSize(9)
          .fillColor(COLORS.text)
          .text(value, x + labelWidth, y, { width: columnWidth - labelWidth - 8, lineBreak: false });
      });
    };
    left.forEach((entry, i) => row(MARGINS.left, REFERENCES_TOP + i * rowHeight, entry));
    right.forEach((entry, i) => row(MARGINS.left + columnWidth, REFERENCES_TOP + i * rowHeight, entry));
    section.end();

    const subjectTop = REFERENCES_TOP + Math.max(left.length, right.length) * rowHeight + 8;
    this.leaf(this.root, 'H1', () => {
      doc
        .font(REGULAR)
        .fontSize(7.5)
        .fillColor(COLORS.muted)
        .text(LABELS.subject, MARGINS.left, subjectTop + 1.5, { width: labelWidth, lineBreak: false });
      doc
        .font(BOLD)
        .fontSize(10)
        .fillColor(COLORS.text)
        .text(runsText(subject), MARGINS.left + labelWidth, subjectTop, { width: CONTENT_WIDTH - labelWidth });
    });
    doc.y += 22;
  }

  // ---- template blocks ----

  private blocks(blocks: TemplateBlock[], parent: Struct): void {
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i];
      switch (block.kind) {
        case 'subject':
          break;
        case 'heading':
          this.heading(block.runs, parent, blocks[i + 1]);
          break;
        case 'paragraph':
          this.paragraph(block.runs, parent);
          break;
        case 'list':
          this.list(block.items, parent);
          break;
        case 'table':
          this.templateTable(block.rows, parent);
          break;
        case 'marker':
          this.marker(block.name, block.optional, parent);
          break;
      }
    }
  }

  private marker(name: string, optional: boolean, parent: Struct): void {
    if ((CODE_BLOCKS as readonly string[]).includes(name)) {
      if (name === 'reasons') this.reasons(optional, parent);
      else this.amountsTable(optional, parent);
      return;
    }
    let text: string;
    try {
      text = this.templates.block(name);
    } catch (error) {
      throw new Error(
        `template ${this.model.type}.txt uses [[${name}]], but there is no block ${name}.txt: ${(error as Error).message}`,
      );
    }
    const blocks = this.templates.render(text, this.view);
    if (blocks.length === 0) return;
    const section = this.doc.struct('Sect');
    parent.add(section);
    // Keep a short block (a signature, a clause) on one page. Measured only when it might not fit.
    const keepTogether = 260;
    if (this.doc.y + keepTogether > this.maxY()) {
      const height = this.measureBlocks(blocks);
      if (height < keepTogether) this.ensureSpace(height);
    }
    this.blocks(blocks, section);
    section.end();
  }

  private heading(runs: Run[], parent: Struct, next: TemplateBlock | undefined): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(HEADING.size);
    const height = doc.heightOfString(runsText(runs), { width: CONTENT_WIDTH });
    doc.y += HEADING.before;
    // Keep the heading with the first lines of what follows (measured only near the page end).
    const lines = 3 * this.lineHeight();
    if (doc.y + height + HEADING.after + lines > this.maxY()) {
      const following =
        next && next.kind !== 'heading' && next.kind !== 'marker' ? Math.min(this.measureBlocks([next]), lines) : lines;
      this.ensureSpace(height + HEADING.after + following);
    }
    this.leaf(parent, 'H2', () => {
      doc
        .font(BOLD)
        .fontSize(HEADING.size)
        .fillColor(COLORS.accent)
        .text(runsText(runs), MARGINS.left, doc.y, { width: CONTENT_WIDTH });
    });
    doc.fillColor(COLORS.text);
    doc.y += HEADING.after;
  }

  private paragraph(runs: Run[], parent: Struct, x = MARGINS.left, width = CONTENT_WIDTH, type = 'P'): void {
    this.leaf(parent, type, () => this.runs(runs, x, width));
    this.doc.y += BODY.paragraphGap;
  }

  /** Draws runs of regular and bold text as one flowing paragraph; '\n' in a run is a line break. */
  private runs(runs: Run[], x: number, width: number): void {
    const { doc } = this;
    doc.fillColor(COLORS.text).fontSize(BODY.size);
    // Start a paragraph near the page end on the next page rather than with a lone line.
    const twoLines = 2 * this.lineHeight();
    if (doc.y + twoLines > this.maxY()) this.ensureSpace(Math.min(twoLines, this.measureRuns(runs, width)));
    // Each hard line is drawn as its own sequence of continued runs: pdfkit's `continued` does not
    // return to the left edge reliably after a newline inside a run.
    for (const line of splitLines(runs)) {
      if (line.length === 0) {
        doc.y += this.lineHeight();
        continue;
      }
      const y = doc.y;
      line.forEach((run, i) => {
        doc.font(run.bold ? BOLD : REGULAR);
        const options = { width, lineGap: BODY.lineGap, continued: i < line.length - 1 };
        if (i === 0) doc.text(run.text, x, y, options);
        else doc.text(run.text, options);
      });
    }
    doc.x = MARGINS.left;
  }

  private list(items: Run[][], parent: Struct): void {
    const { doc } = this;
    const indent = 14;
    const list = doc.struct('L');
    parent.add(list);
    items.forEach((runs, i) => {
      const item = doc.struct('LI');
      list.add(item);
      this.ensureSpace(this.lineHeight());
      const y = doc.y;
      this.leaf(item, 'Lbl', () => {
        doc
          .font(REGULAR)
          .fontSize(BODY.size)
          .fillColor(COLORS.text)
          .text('•', MARGINS.left + 3, y, { width: indent, lineBreak: false });
      });
      doc.y = y;
      this.leaf(item, 'LBody', () => this.runs(runs, MARGINS.left + indent, CONTENT_WIDTH - indent));
      item.end();
      doc.y += i < items.length - 1 ? 2 : BODY.paragraphGap;
    });
    list.end();
  }

  private reasons(optional: boolean, parent: Struct): void {
    const paragraphs = this.model.facts.reasons
      .replace(/\r\n?/g, '\n')
      .split(/\n[ \t]*\n/)
      .map((p) =>
        p
          .split('\n')
          .map((line) => line.trim())
          .join('\n')
          .trim(),
      )
      .filter((p) => p !== '');
    if (paragraphs.length === 0) {
      if (optional) return;
      throw new Error(`template ${this.model.type}.txt needs reasons, but facts.reasons is empty`);
    }
    for (const text of paragraphs) this.paragraph([{ text, bold: false }], parent);
  }

  private templateTable(rows: Run[][][], parent: Struct): void {
    const { doc } = this;
    const columns = Math.max(...rows.map((r) => r.length));
    const cells: Cell[][] = rows.map((row) =>
      Array.from({ length: columns }, (_, i) => {
        const runs = row[i] ?? [];
        return { text: runsText(runs), bold: runs.length > 0 && runs.every((run) => run.bold) };
      }),
    );
    // Value columns take what they need; the first column the rest, up to 60% of the width.
    doc.fontSize(BODY.size);
    const valueWidths = Array.from(
      { length: columns - 1 },
      (_, c) =>
        Math.max(...cells.map((row) => this.textWidth(row[c + 1].text, !!row[c + 1].bold, BODY.size))) + 2 * TABLE.padX + 4,
    );
    const first = Math.min(CONTENT_WIDTH - valueWidths.reduce((a, b) => a + b, 0), CONTENT_WIDTH * 0.6);
    const widths = [first, ...valueWidths];
    const ruleAbove = new Set<number>();
    cells.forEach((row, i) => {
      if (i > 0 && row.every((cell) => cell.bold || cell.text === '')) ruleAbove.add(i);
    });
    this.table(
      {
        widths,
        aligns: widths.map((_, i) => (i === 0 ? 'left' : 'right')),
        header: null,
        rows: cells,
        ruleAbove,
        size: BODY.size,
        headerSize: BODY.size,
      },
      parent,
    );
    doc.y += BODY.paragraphGap;
  }

  private amountsTable(optional: boolean, parent: Struct): void {
    const calculation = this.model.calculation;
    if (!calculation || calculation.months.length === 0) {
      if (optional) return;
      throw new Error(`template ${this.model.type}.txt shows the amounts, but the model has no calculation`);
    }
    const sum = calculation.months.reduce((acc, m) => acc + decimalToCents(m.total), 0n);
    if (sum !== BigInt(calculation.totalCents)) {
      throw new Error(
        `the month amounts add up to ${formatCentsAmount(sum)}, not to the total ${formatCentsAmount(calculation.totalCents)}`,
      );
    }
    const rows: Cell[][] = calculation.months.map((m) => monthCells(m));
    rows.push([
      { text: LABELS.total, bold: true },
      ...Array.from({ length: 8 }, () => ({ text: '' })),
      { text: formatCents(calculation.totalCents), bold: true },
    ]);
    const header = LABELS.table.map((text) => ({ text, bold: true }));
    const aligns: Array<'left' | 'right'> = LABELS.table.map((_, i) => (i === 0 ? 'left' : 'right'));

    // Fit the columns to the page: natural widths at the largest size that fits, extra space spread evenly.
    let size: number = TABLE.size;
    let headerSize: number = TABLE.headerSize;
    let widths: number[] = [];
    for (;;) {
      widths = header.map((h, c) => {
        const headerWidth = Math.max(...splitHeader(h.text).map((word) => this.textWidth(word, true, headerSize)));
        const cellWidth = Math.max(...rows.map((row) => this.textWidth(row[c].text, !!row[c].bold, size)));
        return Math.max(headerWidth, cellWidth) + 2 * TABLE.padX + 0.5;
      });
      const total = widths.reduce((a, b) => a + b, 0);
      if (total <= CONTENT_WIDTH || size <= TABLE.minSize) {
        // Spend the spare width first on headers that would otherwise wrap (the cheapest first),
        // then spread the rest evenly.
        let spare = Math.max(0, CONTENT_WIDTH - total);
        const wants = header.map((h, c) => ({
          c,
          deficit: this.textWidth(h.text.replace(/[\u00AD\u200B]/g, ''), true, headerSize) + 2 * TABLE.padX + 0.5 - widths[c],
        }));
        for (const { c, deficit } of wants.filter((w) => w.deficit > 0).sort((a, b) => a.deficit - b.deficit)) {
          if (deficit > spare) break;
          widths[c] += deficit;
          spare -= deficit;
        }
        widths = widths.map((w) => w + spare / widths.length);
        break;
      }
      size -= 0.5;
      headerSize -= 0.5;
    }
    this.table({ widths, aligns, header, rows, ruleAbove: new Set([rows.length - 1]), size, headerSize }, parent);
    this.doc.y += BODY.paragraphGap;
  }

  /** A table that breaks across pages between rows and repeats its header row on each page. */
  private table(spec: TableSpec, parent: Struct): void {
    const { doc } = this;
    const rowHeight = (cells: Cell[], size: number) =>
      Math.max(
        ...cells.map((cell, c) => {
          doc.font(cell.bold ? BOLD : REGULAR).fontSize(size);
          return cell.text === '' ? size : doc.heightOfString(cell.text, { width: spec.widths[c] - 2 * TABLE.padX });
        }),
      ) +
      2 * TABLE.padY;
    const headerHeight = spec.header ? rowHeight(spec.header, spec.headerSize) : 0;
    const heights = spec.rows.map((row) => rowHeight(row, spec.size));
    const width = spec.widths.reduce((a, b) => a + b, 0);
    const table = doc.struct('Table');
    parent.add(table);

    const drawRow = (cells: Cell[], height: number, size: number, isHeader: boolean, struct: Struct | null) => {
      const y = doc.y;
      if (isHeader) {
        this.artifact(() => doc.rect(MARGINS.left, y, width, height).fill(COLORS.fill));
      }
      let x = MARGINS.left;
      cells.forEach((cell, c) => {
        const draw = () => {
          doc
            .font(cell.bold ? BOLD : REGULAR)
            .fontSize(size)
            .fillColor(COLORS.text);
          doc.text(cell.text, x + TABLE.padX, y + TABLE.padY, { width: spec.widths[c] - 2 * TABLE.padX, align: spec.aligns[c] });
        };
        if (struct) this.leaf(struct, isHeader ? 'TH' : 'TD', draw);
        else if (cell.text !== '') this.artifact(draw, 'Pagination');
        x += spec.widths[c];
      });
      doc.y = y + height;
      this.artifact(() => {
        doc
          .moveTo(MARGINS.left, y + height)
          .lineTo(MARGINS.left + width, y + height)
          .lineWidth(isHeader ? 0.8 : 0.4)
          .strokeColor(isHeader ? COLORS.accent : COLORS.rule)
          .stroke();
      });
    };

    // Start on a new page when the header and two rows do not fit.
    const firstRows = heights.slice(0, 2).reduce((a, b) => a + b, 0);
    this.ensureSpace(headerHeight + firstRows);
    if (spec.header) {
      const tr = doc.struct('TR');
      table.add(tr);
      drawRow(spec.header, headerHeight, spec.headerSize, true, tr);
      tr.end();
    }
    spec.rows.forEach((row, i) => {
      if (doc.y + heights[i] > this.maxY()) {
        doc.addPage();
        doc.y = MARGINS.top;
        // The repeated header is a visual aid only: an artifact, not a second header row.
        if (spec.header) drawRow(spec.header, headerHeight, spec.headerSize, true, null);
      }
      if (spec.ruleAbove.has(i)) {
        const y = doc.y;
        this.artifact(() =>
          doc
            .moveTo(MARGINS.left, y)
            .lineTo(MARGINS.left + width, y)
            .lineWidth(0.8)
            .strokeColor(COLORS.text)
            .stroke(),
        );
      }
      const tr = doc.struct('TR');
      table.add(tr);
      drawRow(row, heights[i], spec.size, false, tr);
      tr.end();
    });
    table.end();
    doc.x = MARGINS.left;
    doc.fillColor(COLORS.text);
  }

  // ---- every page ----

  private pageDecorations(): void {
    const { doc, model } = this;
    const range = doc.bufferedPageRange();
    const reference = model.draft || !model.decisionNumber ? LABELS.draftNumber : model.decisionNumber;
    const footerY = PAGE_HEIGHT - 1.5 * CM;
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing in the margin must not start a new page
      this.artifact(() => {
        doc.font(REGULAR).fontSize(7.5).fillColor(COLORS.muted);
        doc.text(`${model.municipality.name} · ${LABELS.ourReference} ${reference}`, MARGINS.left, footerY, {
          width: CONTENT_WIDTH / 2,
          lineBreak: false,
        });
        doc.text(LABELS.page(i + 1, range.count), MARGINS.left + CONTENT_WIDTH / 2, footerY, {
          width: CONTENT_WIDTH / 2,
          align: 'right',
          lineBreak: false,
        });
      }, 'Pagination');
      if (model.draft) {
        this.artifact(() => {
          doc.save();
          doc.font(BOLD).fontSize(11).fillColor(COLORS.draft);
          doc.text(LABELS.draft, MARGINS.left, 0.8 * CM, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
          doc.rotate(-40, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
          doc.fillOpacity(0.1).font(BOLD).fontSize(110);
          doc.text(LABELS.draft, 0, PAGE_HEIGHT / 2 - 60, { width: PAGE_WIDTH, align: 'center', lineBreak: false });
          doc.restore();
        }, 'Pagination');
      }
      doc.page.margins.bottom = bottom;
    }
  }

  // ---- helpers ----

  private leaf(parent: Struct, type: string, draw: () => void): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  private artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  private maxY(): number {
    return PAGE_HEIGHT - MARGINS.bottom;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.maxY() && this.doc.y > MARGINS.top + 1) {
      this.doc.addPage();
      this.doc.x = MARGINS.left;
      this.doc.y = MARGINS.top;
    }
  }

  private lineHeight(): number {
    this.doc.font(REGULAR).fontSize(BODY.size);
    return this.doc.currentLineHeight(true) + BODY.lineGap;
  }

  private textWidth(text: string, bold: boolean, size: number): number {
    return this.doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(size)
      .widthOfString(text);
  }

  private measureRuns(runs: Run[], width: number): number {
    const bold = runs.some((run) => run.bold);
    this.doc.font(bold ? BOLD : REGULAR).fontSize(BODY.size);
    return this.doc.heightOfString(runsText(runs), { width, lineGap: BODY.lineGap });
  }

  /** Approximate height of blocks (bold measured throughout where a paragraph has bold). */
  private measureBlocks(blocks: TemplateBlock[]): number {
    let height = 0;
    for (const block of blocks) {
      if (block.kind === 'paragraph') height += this.measureRuns(block.runs, CONTENT_WIDTH) + BODY.paragraphGap;
      else if (block.kind === 'heading') height += HEADING.before + HEADING.after + this.lineHeight();
      else if (block.kind === 'list')
        height += block.items.reduce((h, runs) => h + this.measureRuns(runs, CONTENT_WIDTH - 14) + 2, BODY.paragraphGap);
      else if (block.kind === 'table') height += block.rows.length * (this.lineHeight() + 2 * TABLE.padY) + BODY.paragraphGap;
      else if (block.kind === 'marker') height += 1000; // unknown size: never keep together
    }
    return height;
  }
}

function monthCells(m: DecisionMonthLine): Cell[] {
  return [
    { text: formatMonthNl(m.month, true) },
    { text: `${m.daysCovered}/${m.daysInMonth}` },
    { text: formatMoneyAmount(m.hourlyMinimumWage) },
    { text: formatDecimalNl(m.hoursPerWeek) },
    { text: m.flatRate || m.wageValuePercentage == null ? LABELS.flatRate : formatPercentageNl(m.wageValuePercentage) },
    { text: formatMoneyAmount(m.minimumWageMonthly) },
    { text: formatMoneyAmount(m.cappedGap) },
    { text: formatMoneyAmount(m.holidayAllowance) },
    { text: formatMoneyAmount(m.employerCosts) },
    { text: formatMoney(m.total) },
  ];
}

/** Splits runs into lines at '\n'; an empty line is an empty array. */
function splitLines(runs: Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1].push({ text: part, bold: run.bold });
    });
  }
  return lines;
}

/** The pieces a header may break into: at spaces, after soft hyphens (which then show) and zero-width spaces. */
function splitHeader(text: string): string[] {
  return text.split(/[ \u200B]|(?<=\u00AD)/).map((piece) => piece.replace('\u00AD', '-'));
}
