import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DECISION_TYPES } from '../../../src/decisions/pdf/decision-document';
import {
  DecisionTemplates,
  defaultTemplatesDirectory,
  parseMarkup,
  runsText,
} from '../../../src/decisions/pdf/decision-template';
import { buildDecisionView } from '../../../src/decisions/pdf/decision-view';
import { grantModel, modelOfType } from './fixtures';

function templatesWith(files: Record<string, string>): DecisionTemplates {
  const dir = mkdtempSync(join(tmpdir(), 'werkkans-templates-'));
  mkdirSync(join(dir, 'blocks'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return new DecisionTemplates(dir);
}

describe('template markup', () => {
  it('reads subject, headings, paragraphs, lists, tables, markers and hard breaks', () => {
    const blocks = parseMarkup(
      [
        '# Onderwerp',
        '',
        'Eerste regel',
        'loopt door. \\',
        'Nieuwe regel met **vet** erin.',
        '',
        '## Kop',
        '- een',
        '- twee',
        '  loopt door',
        '| Label | € 1,00 |',
        '| **Totaal** | **€ 2,00** |',
        '[[amounts-table?]]',
        '[[signature]]',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.kind)).toEqual(['subject', 'paragraph', 'heading', 'list', 'table', 'marker', 'marker']);
    const paragraph = blocks[1];
    expect(paragraph.kind === 'paragraph' && paragraph.runs).toEqual([
      { text: 'Eerste regel loopt door.\nNieuwe regel met ', bold: false },
      { text: 'vet', bold: true },
      { text: ' erin.', bold: false },
    ]);
    const list = blocks[3];
    expect(list.kind === 'list' && list.items.map(runsText)).toEqual(['een', 'twee loopt door']);
    const table = blocks[4];
    expect(table.kind === 'table' && table.rows.map((row) => row.map(runsText))).toEqual([
      ['Label', '€ 1,00'],
      ['Totaal', '€ 2,00'],
    ]);
    expect(blocks[5]).toEqual({ kind: 'marker', name: 'amounts-table', optional: true });
    expect(blocks[6]).toEqual({ kind: 'marker', name: 'signature', optional: false });
  });

  it('inserts values as text: no HTML escaping, and never read as markup', () => {
    const templates = templatesWith({
      'letter.txt': '# Over {{name}}\n\n{{name}}\n\n{{marker}}\n\n| {{cell}} | x |\n\n{{#absent}}Weg{{/absent}}\n\n- {{bold}}\n',
    });
    const blocks = templates.render(templates.letter('letter'), {
      name: '# P&O <afdeling> "x"',
      marker: '[[amounts-table]]',
      cell: 'a | b',
      bold: '**niet vet**',
    });
    expect(blocks.map((b) => b.kind)).toEqual(['subject', 'paragraph', 'paragraph', 'table', 'list']);
    expect(blocks[0].kind === 'subject' && runsText(blocks[0].runs)).toBe('Over # P&O <afdeling> "x"');
    expect(blocks[1].kind === 'paragraph' && runsText(blocks[1].runs)).toBe('# P&O <afdeling> "x"');
    expect(blocks[2].kind === 'paragraph' && runsText(blocks[2].runs)).toBe('[[amounts-table]]');
    expect(blocks[3].kind === 'table' && blocks[3].rows[0].map(runsText)).toEqual(['a | b', 'x']);
    expect(blocks[4].kind === 'list' && blocks[4].items[0]).toEqual([{ text: '**niet vet**', bold: false }]);
  });

  it('turns newlines in values into spaces, so a value cannot start a new block', () => {
    const templates = templatesWith({ 'letter.txt': 'Naam: {{name}}\n' });
    const blocks = templates.render(templates.letter('letter'), { name: 'Jan\n\n## Kop\n[[signature]]' });
    expect(blocks).toHaveLength(1);
    expect(blocks[0].kind === 'paragraph' && runsText(blocks[0].runs)).toBe('Naam: Jan ## Kop [[signature]]');
  });

  it('reads each file once and caches it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'werkkans-templates-'));
    writeFileSync(join(dir, 'letter.txt'), 'Eerste versie\n');
    const templates = new DecisionTemplates(dir);
    expect(templates.letter('letter')).toBe('Eerste versie\n');
    writeFileSync(join(dir, 'letter.txt'), 'Tweede versie\n');
    expect(templates.letter('letter')).toBe('Eerste versie\n');
  });

  it('refuses block names that could leave the blocks folder', () => {
    const templates = templatesWith({});
    expect(() => templates.block('../grant')).toThrow(/invalid block name/);
  });

  it.each(DECISION_TYPES)('the %s template has one subject and only known markers', (type) => {
    const templates = new DecisionTemplates(defaultTemplatesDirectory());
    const blocks = templates.render(templates.letter(type), buildDecisionView(modelOfType(type)));
    expect(blocks.filter((b) => b.kind === 'subject')).toHaveLength(1);
    for (const block of blocks) {
      if (block.kind === 'marker' && !['reasons', 'amounts-table'].includes(block.name)) {
        expect(() => templates.block(block.name)).not.toThrow();
      }
    }
    // No placeholder was left unfilled or misspelt into visible braces.
    const all = JSON.stringify(blocks);
    expect(all).not.toMatch(/\{\{|\}\}/);
  });

  it('a grant states the target-group basis: the praktijkroute with its date and assessor, or nothing when none was recorded', () => {
    const templates = new DecisionTemplates(defaultTemplatesDirectory());
    const text = (targetGroup: ReturnType<typeof grantModel>['facts']['targetGroup']) => {
      const base = grantModel();
      const blocks = templates.render(
        templates.letter('grant'),
        buildDecisionView({ ...base, facts: { ...base.facts, targetGroup } }),
      );
      return blocks.map((b) => (b.kind === 'paragraph' ? runsText(b.runs) : '')).join('\n');
    };
    expect(text({ basis: 'praktijkroute', registeredOn: null, assessedOn: '2025-06-30', assessorName: 'M. Jansen' })).toContain(
      'Dat heeft de gemeente zelf beoordeeld (praktijkroute): M. Jansen heeft dat op 30 juni 2025 vastgesteld.',
    );
    expect(text(null)).not.toContain('doelgroep loonkostensubsidie');
  });
});
