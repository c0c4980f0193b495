import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DECISION_TYPES, DecisionDocumentModel, DecisionType } from '../../../src/decisions/pdf/decision-document';
import { renderDecisionPdf } from '../../../src/decisions/pdf/decision-pdf.renderer';
import { formatCents, formatMoney } from '../../../src/decisions/pdf/format-nl';
import { decisionCalculation, draftGrantModel, grantModel, modelOfType, rejectionModel } from './fixtures';
import { ParsedPdf, parsePdfs } from './pdf-text';
import { checkPdfStructure } from './pdf-structure';

const CREATED = new Date(Date.UTC(2026, 2, 2, 9, 30, 0));

/** `qpdf --check` as an extra opinion where qpdf is installed; the JS check always runs. */
function qpdfPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v qpdf'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const qpdf = qpdfPath();
const workDir = mkdtempSync(join(tmpdir(), 'werkkans-decision-pdf-'));

function expectSoundPdf(name: string, pdf: Buffer): void {
  const structure = checkPdfStructure(pdf);
  expect(structure.problems).toEqual([]);
  expect(structure.version).toBe('1.7');
  expect(structure.objects.length).toBeGreaterThan(20);
  if (qpdf) {
    const file = join(workDir, `${name}.pdf`);
    writeFileSync(file, pdf);
    // Exit code 0 = no errors, 3 = warnings only; execFileSync throws on anything else.
    const out = execFileSync(qpdf, ['--check', file], { encoding: 'utf8' });
    expect(out).toMatch(/No syntax or stream encoding errors found/);
  }
}

/** pdf.js puts table cells and runs in reading order with spaces or newlines between them. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('decision PDF', () => {
  const models: Record<string, DecisionDocumentModel> = {
    grant: grantModel(),
    draft: draftGrantModel(),
    rejection: rejectionModel(),
    ...Object.fromEntries(DECISION_TYPES.filter((t) => t !== 'grant' && t !== 'rejection').map((t) => [t, modelOfType(t)])),
  };
  const pdfs: Record<string, Buffer> = {};
  const parsed: Record<string, ParsedPdf> = {};

  beforeAll(async () => {
    for (const [name, model] of Object.entries(models)) pdfs[name] = await renderDecisionPdf(model, { creationDate: CREATED });
    const names = Object.keys(pdfs);
    const results = await parsePdfs(names.map((name) => pdfs[name]));
    names.forEach((name, i) => (parsed[name] = results[i]));
  }, 60_000);

  it.each(['grant', 'draft', 'rejection', 'change', 'termination', 'settlement', 'recovery'])(
    '%s: is a structurally sound PDF',
    (name) => {
      expectSoundPdf(name, pdfs[name]);
    },
  );

  it('the structure check notices a broken cross-reference table', () => {
    const pdf = pdfs.rejection;
    // Insert a byte early in the file: every object after it moves, the xref no longer matches.
    const broken = Buffer.concat([pdf.subarray(0, 20), Buffer.from(' '), pdf.subarray(20)]);
    expect(checkPdfStructure(broken).problems.length).toBeGreaterThan(0);
    expect(checkPdfStructure(pdf.subarray(0, pdf.length - 8)).problems).toContain('does not end with %%EOF');
  });

  describe('grant', () => {
    const model = grantModel();
    const text = () => flat(parsed.grant.text);

    it('shows the number, the parties and the references', () => {
      expect(text()).toContain('LKS-2026-000123');
      expect(text()).toContain('Zorggroep Amstelland B.V.');
      expect(text()).toContain('t.a.v. mevrouw J. Brouwer, afdeling P&O');
      expect(text()).toContain('1185 XE AMSTELVEEN');
      expect(text()).toContain('AANV-2025-004711');
      expect(text()).toContain('D-0012345');
      expect(text()).toContain('34567890');
      expect(text()).toContain('2 maart 2026');
      expect(text()).toContain('Verlening loonkostensubsidie voor mevrouw Ö. Yılmaz-de Vries');
    });

    it('states why the person belongs to the LKS target group: the doelgroepregister and the date of registration', () => {
      expect(text()).toContain(
        'mevrouw Ö. Yılmaz-de Vries hoort bij de doelgroep loonkostensubsidie: mevrouw Ö. Yılmaz-de Vries is op 20 mei 2025 opgenomen in het doelgroepregister.',
      );
    });

    it('shows the decision, the period and the total', () => {
      expect(text()).toContain('Wij verlenen u loonkostensubsidie');
      expect(text()).toContain('14 juli 2025 tot en met 30 juni 2026');
      // 32 h, wage value 55% (gap 45%), 23.5% employer costs: a full month = hourly × 32 × 0.45 × 5.7798
      // (52/12 × 1.08 × 1.235): 2025 at 14.40: 207.36 × 5.7798 = 1198.499328 → 1198.50;
      // 2026 at 14.71: 211.824 × 5.7798 = 1224.3003552 → 1224.30; July 2025, 18 of 31 days:
      // 1198.499328 × 18 / 31 = 695.90283… → 695.90. Total 695.90 + 5 × 1198.50 + 6 × 1224.30
      // = 695.90 + 5992.50 + 7345.80 = 14034.20.
      expect(model.calculation!.totalCents).toBe(1_403_420);
      expect(text()).toContain('€ 14.034,20');
    });

    it('has a table with every month, its amount, and a total row', () => {
      const months = [
        'jul 2025',
        'aug 2025',
        'sep 2025',
        'okt 2025',
        'nov 2025',
        'dec 2025',
        'jan 2026',
        'feb 2026',
        'mrt 2026',
        'apr 2026',
        'mei 2026',
        'jun 2026',
      ];
      for (const month of months) expect(text()).toContain(month);
      for (const line of model.calculation!.months) expect(text()).toContain(formatMoney(line.total));
      expect(text()).toContain('€ 1.198,50'); // a full month in 2025
      expect(text()).toContain('€ 1.224,30'); // a full month in 2026
      expect(text()).toContain('€ 695,90'); // 18 of 31 days in July 2025
      expect(text()).toContain('18/31');
      expect(text()).toContain('1.996,80'); // WML/maand: 14,40 × 32 × 52/12
      expect(text()).toMatch(/Totaal € 14\.034,20/);
    });

    it('repeats the table header on the next page when the table breaks', () => {
      const pagesWithHeader = parsed.grant.pages.filter((page) => /Maand\s+Dagen/.test(page));
      const pagesWithMonths = parsed.grant.pages.filter((page) =>
        /(jul|aug|sep|okt|nov|dec|jan|feb|mrt|apr|mei|jun) 202[56]/.test(page),
      );
      expect(pagesWithMonths.length).toBeGreaterThanOrEqual(1);
      expect(pagesWithHeader.length).toBe(pagesWithMonths.length);
    });

    it('explains the rule with its parameters and the minimum wage periods used', () => {
      expect(text()).toContain('52/12');
      expect(text()).toContain('maximaal 70% van het WML/maand');
      expect(text()).toContain('8% vakantiebijslag');
      expect(text()).toContain('23,5% tegemoetkoming in de werkgeverslasten');
      // The basis of the wage value in euros (issue #22): the minimum wage, as the law fixes it.
      expect(text()).toContain(
        'De loonwaarde is een percentage van het wettelijk minimumloon (artikel 6, onderdeel g, van de Participatiewet)',
      );
      expect(text()).toContain('de periode van 1 juli 2025 tot en met 31 december 2025');
      expect(text()).toContain('de periode van 1 januari 2026 tot en met 30 juni 2026');
    });

    it('states the reasons, legal basis, obligations, signature and objection clause', () => {
      expect(text()).toContain('Onze arbeidsdeskundige heeft op 12 juni 2025');
      expect(text()).toContain('artikel 10d van de Participatiewet');
      expect(text()).toContain('titel 4.2 (subsidies) van de Algemene wet bestuursrecht');
      expect(text()).toContain('Uw verplichtingen');
      expect(text()).toContain('loonstroken');
      expect(text()).toContain('Namens het college van burgemeester en wethouders van Gemeente Amstelveen');
      expect(text()).toContain('drs. P.J. (Pieter) van den Bérg');
      expect(text()).toContain('teammanager Werk en Inkomen');
      expect(text()).toContain(
        'binnen zes weken na de dag waarop wij dit besluit hebben verzonden (artikel 6:7 en 3:45 van de Algemene wet bestuursrecht)',
      );
      expect(text()).toContain('Wij hebben dit besluit verzonden op 3 maart 2026');
      expect(text()).toContain('uiterlijk op 14 april 2026');
      expect(text()).not.toContain('CONCEPT');
    });

    it('numbers every page "Pagina X van Y"', () => {
      const pages = parsed.grant.pages;
      expect(pages.length).toBe(3);
      pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} van ${pages.length}`));
      expect(text()).toContain('Pagina 1 van 3');
    });

    it('keeps €, ë, é, Ö and ı intact', () => {
      expect(text()).toMatch(/€ \d/);
      expect(text()).toContain('Bérg');
      expect(text()).toContain('Ö. Yılmaz');
      expect(flat(parsed.termination.text)).toContain('beëindiging');
      expect(flat(parsed.termination.text)).toContain('Beëindiging loonkostensubsidie');
      expect(flat(parsed.recovery.text)).toContain('in één keer');
    });
  });

  describe('metadata', () => {
    it('has title, subject, author, creator, creation date and language', () => {
      const info = parsed.grant.info;
      expect(info.Title).toBe('Beschikking loonkostensubsidie LKS-2026-000123');
      expect(info.Subject).toBe('Verlening loonkostensubsidie voor mevrouw Ö. Yılmaz-de Vries');
      expect(info.Author).toBe('Gemeente Amstelveen');
      expect(info.Creator).toBe('Werkkans');
      expect(info.CreationDate).toBe('D:20260302093000Z');
      expect(info.Language).toBe('nl-NL');
      expect(parsed.draft.info.Title).toBe('Beschikking loonkostensubsidie (concept)');
    });

    it('is byte-for-byte reproducible for the same model and creation date', async () => {
      const again = await renderDecisionPdf(grantModel(), { creationDate: CREATED });
      expect(again.equals(pdfs.grant)).toBe(true);
      const later = await renderDecisionPdf(grantModel(), { creationDate: new Date(Date.UTC(2026, 2, 3)) });
      expect(later.equals(pdfs.grant)).toBe(false);
    });

    it('declares PDF/A-2b: XMP identification, output intent, embedded fonts only, tagged', () => {
      const raw = pdfs.grant.toString('latin1');
      expect(raw.startsWith('%PDF-1.7')).toBe(true);
      expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
      expect(raw).toContain('/S /GTS_PDFA1');
      expect(raw).toContain('/DestOutputProfile');
      expect(raw).toContain('<dc:title>');
      expect(raw).toMatch(/<xmp:CreateDate>2026-03-02T09:30:00Z<\/xmp:CreateDate>/);
      // Every font is an embedded TrueType subset; none of the 14 standard (non-embedded) fonts.
      const fonts = raw.match(/\/BaseFont \/[^\s/]+/g) ?? [];
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect((raw.match(/\/FontFile2/g) ?? []).length).toBe((raw.match(/\/Type \/FontDescriptor/g) ?? []).length);
      expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
      expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toContain('/Lang (nl-NL)');
      expect(raw).not.toMatch(/\/Encrypt/);
    });
  });

  describe('rejection', () => {
    const text = () => flat(parsed.rejection.text);

    it('states the decision and reasons without an amounts table', () => {
      expect(text()).toContain('LKS-2026-000124');
      expect(text()).toContain('Zorggroep Amstelland B.V.');
      expect(text()).toContain('Afwijzing aanvraag loonkostensubsidie');
      expect(text()).toContain('Wij wijzen uw aanvraag af');
      expect(text()).toContain('loonwaarde op de werkplek vastgesteld op 100%');
      expect(text()).toContain('artikel 10d van de Participatiewet');
      expect(text()).toContain('uiterlijk op 14 april 2026');
      expect(text()).not.toContain('WML/maand');
      expect(text()).not.toContain('Totaal');
      expect(text()).toContain('Pagina 1 van');
    });
  });

  describe('draft', () => {
    const text = () => flat(parsed.draft.text);

    it('is marked CONCEPT on every page, without number, dates or signature', () => {
      parsed.draft.pages.forEach((page) => expect(page).toContain('CONCEPT'));
      expect(text()).not.toContain('LKS-2026-000123');
      expect(text()).toContain('Ons kenmerk concept');
      expect(text()).not.toContain('van den Bérg');
      expect(text()).not.toContain('Namens het college');
      expect(text()).not.toContain('uiterlijk op');
      expect(text()).toContain('€ 14.034,20');
    });
  });

  describe('other decision types', () => {
    it('change: old and new amounts from the effective date', () => {
      const text = flat(parsed.change.text);
      const model = modelOfType('change');
      expect(text).toContain('Wij wijzigen de loonkostensubsidie');
      expect(text).toContain('met ingang van 1 januari 2026');
      // 24 h from January: 14.71 × 24 × 0.45 × 5.7798 = 158.868 × 5.7798 = 918.2252664 → 918.23 a month,
      // 6 × 918.23 = 5509.38; the fixture puts the previous total 2117.34 higher: 7626.72.
      expect(text).toContain(`volgens het vorige besluit ${formatMoney('7626.72')}`);
      expect(model.facts.previousTotalCents! - model.facts.totalCents!).toBe(211_734);
      expect(text).toContain('Verschil € -2.117,34');
      expect(text).toContain('De subsidie wordt € 2.117,34 lager');
      expect(text).toContain('LKS-2025-000087');
    });

    it('termination: ends the subsidy from the effective date', () => {
      const text = flat(parsed.termination.text);
      expect(text).toContain('Wij beëindigen de loonkostensubsidie voor mevrouw Ö. Yılmaz-de Vries met ingang van 1 april 2026');
      expect(text).toContain('De arbeidsovereenkomst met mevrouw Ö. Yılmaz-de Vries eindigt op 31 maart 2026');
    });

    it('settlement: what was due against what was paid', () => {
      const text = flat(parsed.settlement.text);
      expect(text).toContain('vast op € 14.034,20');
      expect(text).toContain('Al aan u betaald als voorschot € 14.577,41');
      expect(text).toContain('U hebt € 543,21 te veel ontvangen');
    });

    it('recovery: amount, reason and payment term with its date', () => {
      const text = flat(parsed.recovery.text);
      expect(text).toContain('Wij vorderen € 543,21 van u terug');
      expect(text).toContain('binnen 42 dagen na de datum van deze brief betalen, dus uiterlijk op 13 april 2026');
      expect(text).toContain('artikel 4:57 van de Algemene wet bestuursrecht');
    });
  });

  it('shows flat-rate months as forfaitair and explains the flat rate', async () => {
    const calculation = decisionCalculation({
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      contractStart: '2026-01-01',
      flatRate: true,
      wageValuePercentage: null,
    });
    const model = grantModel({ calculation });
    model.facts = {
      ...model.facts,
      flatRate: true,
      wageValuePercentage: null,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      totalCents: calculation.totalCents,
    };
    const pdf = await renderDecisionPdf(model, { creationDate: CREATED });
    expectSoundPdf('flat-rate', pdf);
    const [result] = await parsePdfs([pdf]);
    const text = flat(result.text);
    expect((text.match(/forfaitair/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(text).toContain('een loonkloof van 50% van het wettelijk minimumloon');
    expect(text).toContain('in een maand met forfaitaire subsidie is de loonkloof 50% van het WML/maand');
    expect(text).not.toContain('De loonwaarde van mevrouw Ö. Yılmaz-de Vries is vastgesteld');
    expect(text).toContain(formatCents(calculation.totalCents));
  });

  describe('refuses to render a wrong letter', () => {
    it('a grant without amounts', async () => {
      await expect(renderDecisionPdf(grantModel({ calculation: null }))).rejects.toThrow(/has no calculation/);
    });

    it('month amounts that do not add up to the total', async () => {
      const model = grantModel();
      model.calculation = { ...model.calculation!, totalCents: model.calculation!.totalCents + 1 };
      await expect(renderDecisionPdf(model)).rejects.toThrow(/add up to 14\.034,20, not to the total 14\.034,21/);
    });

    it('a grant without reasons', async () => {
      const model = grantModel();
      model.facts = { ...model.facts, reasons: '  \n\n ' };
      await expect(renderDecisionPdf(model)).rejects.toThrow(/needs reasons/);
    });

    it('a template that names a block that does not exist', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'werkkans-templates-'));
      writeFileSync(join(dir, 'grant.txt'), '# Onderwerp\n\n[[no-such-block]]\n');
      await expect(renderDecisionPdf(grantModel(), { templatesDirectory: dir })).rejects.toThrow(/no block no-such-block\.txt/);
    });
  });

  it('renders any template in the syntax (a custom one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'werkkans-templates-'));
    const type: DecisionType = 'grant';
    writeFileSync(
      join(dir, `${type}.txt`),
      '# Eigen brief {{decisionNumber}}\n\n## Kop\n\nTekst met **vet**.\n\n| A | {{total}} |\n\n[[amounts-table]]\n',
    );
    const pdf = await renderDecisionPdf(grantModel(), { templatesDirectory: dir, creationDate: CREATED });
    expectSoundPdf('custom', pdf);
    const [result] = await parsePdfs([pdf]);
    expect(flat(result.text)).toContain('Eigen brief LKS-2026-000123');
    expect(flat(result.text)).toContain('A € 14.034,20');
  });
});
