/**
 * The "planning sheet" `exportImage()` returns: the map as drawn, with a title, the legend of the
 * visible layers, a scale bar, a north arrow, the selected zone's item table, the sources and
 * the date, composed on a canvas in the browser (no server, nothing fetched). Text is drawn with
 * the CJK font the map uses. Everything it shows arrives as plain data (see {@link SheetInput}).
 */
import { type PatternShape, patternMarks } from '../map/patterns.js';
import { scaleBar } from '../map/scale.js';
import type { MapSnapshot } from './map-controller.js';

export interface SheetLegendEntry {
  label: string;
  color: string;
  /** What the swatch draws: a hatched zone, an item dot, a line, a point. */
  shape: 'zone' | 'item' | 'corridor' | 'line' | 'point';
  pattern: PatternShape | null;
}

export interface SheetStatusEntry {
  label: string;
  stage: 'planned' | 'building' | 'done';
}

export interface SheetInput {
  snapshot: MapSnapshot;
  title: string;
  /** The selection and the view (year, filters) in words. */
  subtitle: string;
  legendTitle: string;
  legend: SheetLegendEntry[];
  statusTitle: string;
  statuses: SheetStatusEntry[];
  tableTitle: string;
  /** The selected zone's items; null without a selection. */
  table: { columns: string[]; rows: string[][] } | null;
  /** "… and n more" for rows left out. */
  moreRows: (n: number) => string;
  sourcesTitle: string;
  sources: string[];
  /** Attribution of the drawn layers (plain text). */
  attribution: string;
  dateLine: string;
  north: string;
}

/** Font of all sheet text: the CJK font MapLibre draws the labels with. */
export const SHEET_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Noto Sans", sans-serif';
/** Width of the legend column beside the map, CSS pixels. */
export const SHEET_SIDE_PX = 260;
/** Outer margin and gutters, CSS pixels. */
export const SHEET_MARGIN_PX = 16;
/** Title band height, CSS pixels. */
export const SHEET_TITLE_PX = 60;
/** Longest item table on one sheet; the rest are counted. */
const MAX_TABLE_ROWS = 60;

const INK = '#1d1d1f';
const MUTED = '#555';

/** Lines of `text` no wider than `width` (breaks anywhere in CJK, at spaces otherwise). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of [...text]) {
    const next = line + ch;
    if (ctx.measureText(next).width <= width || line === '') {
      line = next;
      continue;
    }
    const space = line.lastIndexOf(' ');
    if (/[\x21-\x7e]/.test(ch) && space > 0) {
      lines.push(line.slice(0, space));
      line = line.slice(space + 1) + ch;
    } else {
      lines.push(line);
      line = ch.trimStart();
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A legend swatch (22 × 14 units at `r` pixels per unit), as the layer panel draws it. */
function swatch(
  ctx: CanvasRenderingContext2D,
  e: SheetLegendEntry,
  x: number,
  y: number,
  r: number,
): void {
  ctx.save();
  ctx.fillStyle = e.color;
  ctx.strokeStyle = e.color;
  switch (e.shape) {
    case 'zone': {
      ctx.globalAlpha = 0.22;
      ctx.fillRect(x, y, 22 * r, 14 * r);
      ctx.globalAlpha = 0.8;
      ctx.lineWidth = 1.2 * r;
      const marks = e.pattern
        ? patternMarks(e.pattern, x, y, 22 * r, 14 * r, 5 * r)
        : { lines: [], dots: [] };
      for (const [x1, y1, x2, y2] of marks.lines) {
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.stroke();
      }
      for (const [cx, cy] of marks.dots) {
        ctx.beginPath();
        ctx.arc(cx, cy, 1.1 * r, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      ctx.lineWidth = 3 * r;
      ctx.strokeRect(x + 1.5 * r, y + 1.5 * r, 19 * r, 11 * r);
      break;
    }
    case 'item':
      ctx.beginPath();
      ctx.arc(x + 11 * r, y + 7 * r, 6 * r, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'corridor':
    case 'line':
      ctx.fillRect(x, y + 5 * r, 22 * r, (e.shape === 'corridor' ? 4 : 2) * r);
      break;
    case 'point':
      ctx.beginPath();
      ctx.arc(x + 11 * r, y + 7 * r, 3 * r, 0, Math.PI * 2);
      ctx.fill();
      break;
  }
  ctx.restore();
}

/** An item status glyph, as the map draws it (map/style.ts `itemCirclePaint`), in grey. */
function statusGlyph(
  ctx: CanvasRenderingContext2D,
  stage: SheetStatusEntry['stage'],
  x: number,
  y: number,
  r: number,
): void {
  const c = '#666666';
  ctx.save();
  ctx.beginPath();
  ctx.arc(x + 11 * r, y + 7 * r, 5.5 * r, 0, Math.PI * 2);
  ctx.fillStyle = stage === 'planned' ? '#ffffff' : c;
  ctx.globalAlpha = stage === 'building' ? 0.45 : 1;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.lineWidth = 2 * r;
  ctx.strokeStyle = stage === 'done' ? '#ffffff' : c;
  ctx.stroke();
  ctx.restore();
}

function northArrow(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  r: number,
  bearing: number,
  label: string,
): void {
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  ctx.arc(cx, cy, 22 * r, 0, Math.PI * 2);
  ctx.fill();
  ctx.translate(cx, cy);
  // North on the map is `bearing` degrees anticlockwise from up.
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.moveTo(0, -16 * r);
  ctx.lineTo(7 * r, 8 * r);
  ctx.lineTo(0, 3 * r);
  ctx.lineTo(-7 * r, 8 * r);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
  ctx.save();
  ctx.fillStyle = INK;
  ctx.font = `bold ${11 * r}px ${SHEET_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(label, cx, cy + 9 * r);
  ctx.restore();
}

function scale(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  metresPerPx: number,
): void {
  const bar = scaleBar(metresPerPx, 120);
  const w = bar.px * r;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 8 * r, y - 22 * r, w + 16 * r, 34 * r);
  ctx.fillStyle = INK;
  ctx.fillRect(x, y, w, 3 * r);
  ctx.fillRect(x, y - 5 * r, 1.5 * r, 8 * r);
  ctx.fillRect(x + w - 1.5 * r, y - 5 * r, 1.5 * r, 8 * r);
  ctx.font = `${11 * r}px ${SHEET_FONT}`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(bar.label, x, y - 6 * r);
  ctx.restore();
}

/** Draw the sheet on a new canvas. */
export function drawSheet(input: SheetInput): HTMLCanvasElement {
  const snap = input.snapshot;
  const r = snap.pixelRatio;
  const m = SHEET_MARGIN_PX * r;
  const mapW = snap.canvas.width;
  const mapH = snap.canvas.height;
  const side = SHEET_SIDE_PX * r;
  const width = m + mapW + m + side + m;
  const lineH = 18 * r;

  // Measure first (a scratch context), then draw on a canvas of the right height.
  const scratch = document.createElement('canvas').getContext('2d')!;
  scratch.font = `${12 * r}px ${SHEET_FONT}`;
  const full = width - 2 * m;
  const sourceLines = input.sources.flatMap((s) => wrap(scratch, s, full));
  const attributionLines = input.attribution ? wrap(scratch, input.attribution, full) : [];
  const rows = input.table?.rows.slice(0, MAX_TABLE_ROWS) ?? [];
  const more = (input.table?.rows.length ?? 0) - rows.length;
  const tableH = input.table ? (2 + rows.length + (more > 0 ? 1 : 0)) * lineH + m : 0;
  const footerH = (2 + sourceLines.length + attributionLines.length + 1) * lineH;
  const top = SHEET_TITLE_PX * r;
  const sideH = (input.legend.length + input.statuses.length + 4) * 22 * r;
  const bodyH = Math.max(mapH, sideH);
  const height = top + bodyH + m + tableH + footerH + m;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';

  // Title band.
  ctx.fillStyle = INK;
  ctx.font = `bold ${18 * r}px ${SHEET_FONT}`;
  ctx.fillText(input.title, m, m * 0.75, full);
  ctx.fillStyle = MUTED;
  ctx.font = `${13 * r}px ${SHEET_FONT}`;
  ctx.fillText(input.subtitle, m, m * 0.75 + 26 * r, full);

  // The map, framed, with its scale bar and north arrow.
  ctx.drawImage(snap.canvas, m, top);
  ctx.strokeStyle = '#999999';
  ctx.lineWidth = 1 * r;
  ctx.strokeRect(m, top, mapW, mapH);
  northArrow(ctx, m + 32 * r, top + 32 * r, r, snap.bearing, input.north);
  scale(ctx, m + 20 * r, top + mapH - 20 * r, r, snap.metresPerPixel);

  // Legend column: the visible layers, then the item status key.
  const sx = m + mapW + m;
  let y = top;
  ctx.fillStyle = INK;
  ctx.font = `bold ${13 * r}px ${SHEET_FONT}`;
  ctx.fillText(input.legendTitle, sx, y);
  y += 24 * r;
  ctx.font = `${12 * r}px ${SHEET_FONT}`;
  for (const e of input.legend) {
    swatch(ctx, e, sx, y, r);
    ctx.fillStyle = INK;
    ctx.fillText(e.label, sx + 30 * r, y, side - 30 * r);
    y += 22 * r;
  }
  if (input.statuses.length > 0) {
    y += 8 * r;
    ctx.font = `bold ${13 * r}px ${SHEET_FONT}`;
    ctx.fillText(input.statusTitle, sx, y);
    y += 24 * r;
    ctx.font = `${12 * r}px ${SHEET_FONT}`;
    for (const s of input.statuses) {
      statusGlyph(ctx, s.stage, sx, y, r);
      ctx.fillStyle = INK;
      ctx.fillText(s.label, sx + 30 * r, y, side - 30 * r);
      y += 22 * r;
    }
  }

  // The selected zone's items.
  y = top + bodyH + m;
  if (input.table) {
    ctx.font = `bold ${13 * r}px ${SHEET_FONT}`;
    ctx.fillStyle = INK;
    ctx.fillText(input.tableTitle, m, y);
    y += lineH;
    const cols = input.table.columns.length;
    // The first column (the name) gets half the width.
    const colX = (i: number) => m + (i === 0 ? 0 : full / 2 + ((i - 1) * full) / 2 / (cols - 1));
    const colW = (i: number) => (i === 0 ? full / 2 : full / 2 / (cols - 1)) - 8 * r;
    ctx.font = `bold ${12 * r}px ${SHEET_FONT}`;
    input.table.columns.forEach((c, i) => {
      ctx.fillText(c, colX(i), y, colW(i));
    });
    y += lineH;
    ctx.font = `${12 * r}px ${SHEET_FONT}`;
    rows.forEach((row, n) => {
      if (n % 2 === 0) {
        ctx.fillStyle = '#f3f3f0';
        ctx.fillRect(m, y - 2 * r, full, lineH);
      }
      ctx.fillStyle = INK;
      row.forEach((cell, i) => {
        ctx.fillText(cell, colX(i), y, colW(i));
      });
      y += lineH;
    });
    if (more > 0) {
      ctx.fillStyle = MUTED;
      ctx.fillText(input.moreRows(more), m, y);
      y += lineH;
    }
    y += m;
  }

  // Sources, attribution and date.
  ctx.fillStyle = INK;
  ctx.font = `bold ${13 * r}px ${SHEET_FONT}`;
  ctx.fillText(input.sourcesTitle, m, y);
  y += lineH;
  ctx.font = `${12 * r}px ${SHEET_FONT}`;
  for (const line of sourceLines) {
    ctx.fillText(line, m, y);
    y += lineH;
  }
  ctx.fillStyle = MUTED;
  for (const line of attributionLines) {
    ctx.fillText(line, m, y);
    y += lineH;
  }
  ctx.fillText(input.dateLine, m, y);
  return canvas;
}

/** The sheet as a PNG. */
export function sheetPng(input: SheetInput): Promise<Blob> {
  const canvas = drawSheet(input);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the sheet could not be encoded'))),
      'image/png',
    );
  });
}
