/**
 * Server-rendered charts as plain geometry for inline SVG (no script, CSP-friendly). Pure functions:
 * data in, rectangles, lines and labels out, in SVG user units. The template draws them and puts a
 * data table next to each chart as its text alternative.
 */

export interface Scale {
  /** The top of the axis: a "nice" number (1, 2 or 5 × 10^n) at or above the largest value. */
  max: number;
  ticks: number[];
}

/** An axis from 0 to a round number at or above `max`, with about `count` evenly spaced ticks. */
export function niceScale(max: number, count = 4, minStep = 0): Scale {
  if (!(max > 0)) return { max: Math.max(1, minStep), ticks: [0, Math.max(1, minStep)] };
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    minStep,
    [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough)!,
  );
  // Rounded to 6 decimals so 3 × 0.1 is 0.3, not 0.30000000000000004.
  const snap = (v: number) => Math.round(v * 1e6) / 1e6;
  const steps = Math.ceil(snap(max / step));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => snap(i * step));
  return { max: ticks[steps], ticks };
}

export interface HorizontalBar {
  label: string;
  value: number;
  valueLabel: string;
  y: number;
  width: number;
  height: number;
  alert: boolean;
}

export interface HorizontalBarChart {
  width: number;
  height: number;
  labelWidth: number;
  bars: HorizontalBar[];
}

/** One bar per row, the label left of it and the value after it (applications or enrolments per status). */
export function horizontalBars(
  data: Array<{ label: string; value: number; valueLabel?: string; alert?: boolean }>,
  options: { width?: number; labelWidth?: number; rowHeight?: number; valueSpace?: number } = {},
): HorizontalBarChart {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 200;
  const rowHeight = options.rowHeight ?? 32;
  const valueSpace = options.valueSpace ?? 80;
  const room = width - labelWidth - valueSpace;
  const max = Math.max(0, ...data.map((d) => d.value));
  return {
    width,
    height: Math.max(rowHeight, data.length * rowHeight),
    labelWidth,
    bars: data.map((d, i) => ({
      label: d.label,
      value: d.value,
      valueLabel: d.valueLabel ?? String(d.value),
      y: i * rowHeight + 4,
      width: max > 0 ? round((Math.max(0, d.value) / max) * room) : 0,
      height: rowHeight - 8,
      alert: Boolean(d.alert),
    })),
  };
}

export interface ColumnPart {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Index of the group (series) and of the part within the stack, for the CSS class. */
  group: number;
  part: number;
  title: string;
  /** In a category at or after `alertFrom`, or the part `alertPart` of a stack (e.g. decided after the term). */
  alert: boolean;
}

export interface ColumnChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: Array<{ y: number; label: string }>;
  categories: Array<{ x: number; label: string }>;
  parts: ColumnPart[];
  /** A dashed line between two categories (e.g. the 8-week term), with its label. */
  limit: { x: number; label: string } | null;
}

/**
 * Columns per category; per category one column per group (series), each column a stack of parts
 * (e.g. paid and still scheduled). `values[c][g][p]` is the size of part p of group g in category c.
 */
export function columns(input: {
  categories: string[];
  groups: string[];
  parts: string[];
  values: number[][][];
  formatValue: (value: number) => string;
  /** Draw the limit line after this many categories. */
  limitAfter?: { categories: number; label: string };
  alertFrom?: number;
  /** Mark this part of every stack (e.g. the decisions given after their term). */
  alertPart?: number;
  /** Smallest step between ticks (1 for counts, so there are no half applications). */
  minStep?: number;
  width?: number;
  height?: number;
}): ColumnChart {
  const width = input.width ?? 720;
  const height = input.height ?? 300;
  const plot = { left: 112, top: 24, right: width - 16, bottom: height - 40 };
  const stackTotals = input.values.flatMap((groups) => groups.map((parts) => parts.reduce((s, v) => s + Math.max(0, v), 0)));
  const scale = niceScale(Math.max(0, ...stackTotals), 4, input.minStep ?? 0);
  const plotHeight = plot.bottom - plot.top;
  const slot = (plot.right - plot.left) / Math.max(1, input.categories.length);
  const groupCount = Math.max(1, input.groups.length);
  const columnWidth = Math.max(2, (slot * 0.8) / groupCount);
  const parts: ColumnPart[] = [];
  input.values.forEach((groups, c) => {
    groups.forEach((stack, g) => {
      let base = 0;
      stack.forEach((raw, p) => {
        const value = Math.max(0, raw);
        if (value === 0) return;
        const y0 = plot.bottom - (base / scale.max) * plotHeight;
        const y1 = plot.bottom - ((base + value) / scale.max) * plotHeight;
        base += value;
        parts.push({
          x: round(plot.left + c * slot + slot * 0.1 + g * columnWidth),
          y: round(y1),
          width: round(columnWidth),
          height: round(y0 - y1),
          group: g,
          part: p,
          title: [input.categories[c], input.groups[g], input.parts[p], input.formatValue(raw)].filter(Boolean).join(', '),
          alert: (input.alertFrom !== undefined && c >= input.alertFrom) || p === input.alertPart,
        });
      });
    });
  });
  return {
    width,
    height,
    plot,
    ticks: scale.ticks.map((t) => ({ y: round(plot.bottom - (t / scale.max) * plotHeight), label: input.formatValue(t) })),
    categories: input.categories.map((label, c) => ({ x: round(plot.left + c * slot + slot / 2), label })),
    parts,
    limit: input.limitAfter ? { x: round(plot.left + input.limitAfter.categories * slot), label: input.limitAfter.label } : null,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
