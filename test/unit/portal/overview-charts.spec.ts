import { columns, horizontalBars, niceScale } from '../../../src/portal/backoffice/overview/charts';

describe('overview charts (pure geometry)', () => {
  it('rounds the axis up to 1, 2 or 5 × 10^n with even ticks', () => {
    expect(niceScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(430_000)).toEqual({ max: 600_000, ticks: [0, 200_000, 400_000, 600_000] });
    expect(niceScale(0.3)).toEqual({ max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceScale(1, 4, 1)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(0, 4, 1).max).toBe(1);
  });

  it('draws horizontal bars in proportion, the largest filling the room next to the labels', () => {
    const chart = horizontalBars(
      [
        { label: 'Ingediend', value: 4 },
        { label: 'Lopend', value: 2, alert: true },
        { label: 'Ingetrokken', value: 0 },
      ],
      { width: 600, labelWidth: 200, valueSpace: 100, rowHeight: 30 },
    );
    expect(chart.height).toBe(90);
    expect(chart.bars.map((b) => [b.label, b.width, b.y, b.valueLabel, b.alert])).toEqual([
      ['Ingediend', 300, 4, '4', false],
      ['Lopend', 150, 34, '2', true],
      ['Ingetrokken', 0, 64, '0', false],
    ]);
  });

  it('has no bars of any width when everything is zero', () => {
    expect(horizontalBars([{ label: 'Bevestigd', value: 0 }]).bars[0].width).toBe(0);
  });

  it('stacks parts per group per category on a shared scale, with the limit line between categories', () => {
    const chart = columns({
      categories: ['jan', 'feb'],
      groups: ['Zorg', 'Techniek'],
      parts: ['betaald', 'gepland'],
      values: [
        [
          [100, 0],
          [50, 50],
        ],
        [
          [0, 200],
          [0, 0],
        ],
      ],
      formatValue: (v) => `${v}`,
      limitAfter: { categories: 1, label: 'grens' },
      alertFrom: 1,
      width: 412,
      height: 264,
    });
    // Plot 112..396 wide (two slots of 142), 24..224 high; scale 0..200.
    expect(chart.plot).toEqual({ left: 112, top: 24, right: 396, bottom: 224 });
    expect(chart.ticks.map((t) => [t.label, t.y])).toEqual([
      ['0', 224],
      ['50', 174],
      ['100', 124],
      ['150', 74],
      ['200', 24],
    ]);
    expect(chart.parts.map((p) => [p.title, p.x, p.y, p.height, p.group, p.part, p.alert])).toEqual([
      ['jan, Zorg, betaald, 100', 126.2, 124, 100, 0, 0, false],
      ['jan, Techniek, betaald, 50', 183, 174, 50, 1, 0, false],
      ['jan, Techniek, gepland, 50', 183, 124, 50, 1, 1, false],
      ['feb, Zorg, gepland, 200', 268.2, 24, 200, 0, 1, true],
    ]);
    expect(chart.parts.every((p) => p.width === 56.8)).toBe(true);
    expect(chart.categories).toEqual([
      { x: 183, label: 'jan' },
      { x: 325, label: 'feb' },
    ]);
    expect(chart.limit).toEqual({ x: 254, label: 'grens' });
  });

  it('leaves negative amounts (corrections) out of the bars; the table next to the chart shows them', () => {
    const chart = columns({
      categories: ['jan'],
      groups: ['Zorg'],
      parts: ['betaald'],
      values: [[[-500]]],
      formatValue: (v) => `${v}`,
    });
    expect(chart.parts).toEqual([]);
    expect(chart.limit).toBeNull();
  });
});
