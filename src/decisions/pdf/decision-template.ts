/**
 * The text templates of decision letters (templates/decisions/*.txt) and their small markup, as
 * documented in templates/decisions/README.md:
 *
 *   # text        the subject (Onderwerp) of the letter, once
 *   ## text       a section heading
 *   - text        a list item (indented lines continue it)
 *   | a | b |     a table row; consecutive rows form a table (first column left, the others right)
 *   [[name]]      a block the layout inserts: reasons, amounts-table, or templates/decisions/blocks/<name>.txt
 *   [[name?]]     the same, left out when there is nothing to show (no calculation, no reasons)
 *   **text**      bold
 *   text \        a line ending in a backslash keeps its line break; other lines of a paragraph join
 *   blank line    ends a paragraph (a paragraph that renders empty is left out)
 *
 * Placeholders use Mustache ({{name}}, {{#section}}…{{/section}}, {{^inverted}}…{{/inverted}},
 * {{! comment}}). Values are not HTML-escaped; instead every inserted value is protected so it
 * can never be read as markup (a name starting with '#' or containing '|' or '**' stays text).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDirectory } from '../../common/project-paths';
import Mustache from 'mustache';

export interface Run {
  text: string;
  bold: boolean;
}

export type TemplateBlock =
  | { kind: 'subject'; runs: Run[] }
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; items: Run[][] }
  | { kind: 'table'; rows: Run[][][] }
  | { kind: 'marker'; name: string; optional: boolean };

/** Blocks the layout draws itself; any other marker names a file in blocks/. */
export const CODE_BLOCKS = ['reasons', 'amounts-table'] as const;

// Private-use characters around every inserted value: markup is only recognised outside them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029\uE000\uE001]+/g;
const MARKER = /^\[\[([a-z0-9-]+)(\?)?\]\]$/;
const BLOCK_NAME = /^[a-z0-9-]+$/;

function protect(value: unknown): string {
  return OPEN + String(value).replace(CONTROL, ' ') + CLOSE;
}

/** Reads and caches the template files of one directory; each file is read and parsed once. */
export class DecisionTemplates {
  private readonly writer = new Mustache.Writer();
  private readonly files = new Map<string, string>();

  constructor(readonly directory: string) {}

  /** The letter template of a decision type: <directory>/<type>.txt. */
  letter(type: string): string {
    return this.file(`${type}.txt`);
  }

  /** A shared block: <directory>/blocks/<name>.txt. */
  block(name: string): string {
    if (!BLOCK_NAME.test(name)) throw new Error(`invalid block name: ${JSON.stringify(name)}`);
    return this.file(join('blocks', `${name}.txt`));
  }

  /** Fills in the placeholders and parses the markup into blocks. */
  render(template: string, view: object): TemplateBlock[] {
    const text = this.writer.render(template, view, undefined, { escape: protect });
    return parseMarkup(text);
  }

  private file(relative: string): string {
    let text = this.files.get(relative);
    if (text === undefined) {
      const path = join(this.directory, relative);
      text = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
      this.writer.parse(text); // syntax errors surface at first use, with the file name below
      this.files.set(relative, text);
    }
    return text;
  }
}

/** The templates/decisions directory of this project (src or dist). */
export function defaultTemplatesDirectory(): string {
  return templatesDirectory('decisions', 'README.md');
}

/** Parses rendered template text (values protected) into blocks. Exported for tests. */
export function parseMarkup(text: string): TemplateBlock[] {
  const blocks: TemplateBlock[] = [];
  let paragraph: string | null = null;
  let hardBreak = false;
  let list: string[] | null = null;
  let table: string[][] | null = null;

  const flush = () => {
    if (paragraph !== null) {
      const runs = parseInline(paragraph);
      if (runs.length > 0) blocks.push({ kind: 'paragraph', runs });
    }
    if (list !== null) {
      const items = list.map(parseInline).filter((runs) => runs.length > 0);
      if (items.length > 0) blocks.push({ kind: 'list', items });
    }
    if (table !== null) {
      const rows = table.map((cells) => cells.map(parseInline));
      if (rows.length > 0) blocks.push({ kind: 'table', rows });
    }
    paragraph = null;
    list = null;
    table = null;
    hardBreak = false;
  };

  for (const rawLine of text.split('\n')) {
    const line = rawLine.trimEnd();
    const trimmed = line.trim();
    if (trimmed === '') {
      flush();
      continue;
    }
    const marker = MARKER.exec(trimmed);
    if (marker) {
      flush();
      blocks.push({ kind: 'marker', name: marker[1], optional: marker[2] === '?' });
    } else if (line.startsWith('# ')) {
      flush();
      const runs = parseInline(line.slice(2));
      if (runs.length > 0) blocks.push({ kind: 'subject', runs });
    } else if (line.startsWith('## ')) {
      flush();
      const runs = parseInline(line.slice(3));
      if (runs.length > 0) blocks.push({ kind: 'heading', runs });
    } else if (line.startsWith('- ')) {
      if (list === null) flush();
      list = list ?? [];
      list.push(line.slice(2).trim());
    } else if (list !== null && /^\s/.test(line)) {
      list[list.length - 1] += ` ${trimmed}`;
    } else if (trimmed.startsWith('|')) {
      if (table === null) flush();
      table = table ?? [];
      table.push(splitCells(trimmed));
    } else {
      if (paragraph === null) flush();
      const endsWithBreak = trimmed.endsWith('\\');
      const content = (endsWithBreak ? trimmed.slice(0, -1) : trimmed).trim();
      paragraph = paragraph === null ? content : `${paragraph}${hardBreak ? '\n' : ' '}${content}`;
      hardBreak = endsWithBreak;
    }
  }
  flush();
  return blocks;
}

/** Splits '| a | b |' on bars outside protected values. */
function splitCells(row: string): string[] {
  const cells: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of row) {
    if (ch === OPEN) depth++;
    if (ch === CLOSE) depth--;
    if (ch === '|' && depth === 0) {
      cells.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  cells.push(current);
  // The leading and trailing bars leave an empty first and last cell.
  if (cells.length > 1 && cells[0].trim() === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop();
  return cells.map((cell) => cell.trim());
}

/** Splits text into runs on '**' outside protected values and removes the protection. */
export function parseInline(text: string): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let depth = 0;
  let current = '';
  const push = () => {
    if (current !== '') {
      const last = runs[runs.length - 1];
      if (last && last.bold === bold) last.text += current;
      else runs.push({ text: current, bold });
    }
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === OPEN) {
      depth++;
    } else if (ch === CLOSE) {
      depth--;
    } else if (ch === '*' && depth === 0 && text[i + 1] === '*') {
      push();
      bold = !bold;
      i++;
    } else {
      current += ch;
    }
  }
  push();
  // Collapse runs of spaces left by empty values, and trim the whole paragraph.
  for (const run of runs) run.text = run.text.replace(/ {2,}/g, ' ').replace(/ ?\n ?/g, '\n');
  if (runs.length > 0) {
    runs[0].text = runs[0].text.replace(/^\s+/, '');
    runs[runs.length - 1].text = runs[runs.length - 1].text.replace(/\s+$/, '');
  }
  return runs.filter((run) => run.text !== '');
}

export function runsText(runs: Run[]): string {
  return runs.map((run) => run.text).join('');
}
