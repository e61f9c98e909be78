/**
 * Draws the Teams app icons (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons):
 * color.png 192×192 (full-bleed colour) and outline.png 32×32 (white on transparent only).
 * The motif is a shield holding a board of control points with level dots.
 *
 *   npx tsx scripts/app-package/icons.ts   # writes appPackage/color.png and appPackage/outline.png
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, type Rgba } from './png.js';

type Point = readonly [number, number];
/** A shape: does the point (unit coordinates, 0..1 across the icon) lie inside it? */
type Shape = (x: number, y: number) => boolean;
type Color = readonly [number, number, number];

export const ACCENT = '#1F5F8B';
const BLUE: Color = [0x1f, 0x5f, 0x8b];
const WHITE: Color = [255, 255, 255];
const LEVELS: Color[] = [
  [0x2e, 0x85, 0x40], // green
  [0xe8, 0xa3, 0x3d], // amber
  [0xc4, 0x31, 0x4b], // red
];

function quadratic(a: Point, control: Point, b: Point, steps: number): Point[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = i / steps;
    const u = 1 - t;
    return [u * u * a[0] + 2 * u * t * control[0] + t * t * b[0], u * u * a[1] + 2 * u * t * control[1] + t * t * b[1]] as const;
  });
}

/** The shield outline, clockwise from the top left, in unit coordinates. */
function shieldPolygon(left: number, top: number, right: number, bottom: number): Point[] {
  const mid = (left + right) / 2;
  const shoulder = top + (bottom - top) * 0.45;
  const curveControl = top + (bottom - top) * 0.8;
  return [
    [left, top],
    [mid, top - (bottom - top) * 0.05],
    [right, top],
    ...quadratic([right, shoulder], [right, curveControl], [mid, bottom], 24),
    ...quadratic([mid, bottom], [left, curveControl], [left, shoulder], 24).slice(1),
  ];
}

function inPolygon(polygon: Point[]): Shape {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
      const [xi, yi] = polygon[i]!;
      const [xj, yj] = polygon[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

function distanceToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A stroke of the given width along a path (closed: back to the first point). */
function stroke(points: Point[], width: number, closed = false): Shape {
  const segments = points.slice(1).map((p, i) => [points[i]!, p] as const);
  if (closed) segments.push([points[points.length - 1]!, points[0]!]);
  return (x, y) => segments.some(([a, b]) => distanceToSegment(x, y, a, b) <= width / 2);
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) <= r;
}

function capsule(x1: number, x2: number, cy: number, height: number): Shape {
  return stroke(
    [
      [x1, cy],
      [x2, cy],
    ],
    height,
  );
}

class Canvas {
  readonly data: Uint8Array;
  constructor(readonly size: number) {
    this.data = new Uint8Array(size * size * 4);
  }

  /** Paints a shape with 8×8 supersampling for smooth edges (source-over blending). */
  paint(shape: Shape, [r, g, b]: Color, opacity = 1): this {
    const n = 8;
    for (let py = 0; py < this.size; py += 1) {
      for (let px = 0; px < this.size; px += 1) {
        let hits = 0;
        for (let sy = 0; sy < n; sy += 1) {
          for (let sx = 0; sx < n; sx += 1) {
            if (shape((px + (sx + 0.5) / n) / this.size, (py + (sy + 0.5) / n) / this.size)) hits += 1;
          }
        }
        if (hits > 0) this.blend(px, py, [r, g, b], (hits / (n * n)) * opacity);
      }
    }
    return this;
  }

  private blend(px: number, py: number, color: Color, alpha: number): void {
    const i = (py * this.size + px) * 4;
    const below = this.data[i + 3]! / 255;
    const out = alpha + below * (1 - alpha);
    for (let c = 0; c < 3; c += 1) {
      const mixed = (color[c]! * alpha + this.data[i + c]! * below * (1 - alpha)) / out;
      this.data[i + c] = Math.round(mixed);
    }
    this.data[i + 3] = Math.round(out * 255);
  }

  image(): Rgba {
    return { width: this.size, height: this.size, data: this.data };
  }
}

export function drawColorIcon(): Rgba {
  const canvas = new Canvas(192).paint(() => true, BLUE);
  canvas.paint(inPolygon(shieldPolygon(0.22, 0.17, 0.78, 0.88)), WHITE);
  const rows = [0.33, 0.47, 0.61];
  rows.forEach((y, i) => {
    canvas.paint(circle(0.36, y, 0.042), LEVELS[i]!);
    canvas.paint(capsule(0.46, i === 2 ? 0.6 : 0.66, y, 0.05), BLUE, 0.85);
  });
  return canvas.image();
}

export function drawOutlineIcon(): Rgba {
  const canvas = new Canvas(32);
  canvas.paint(stroke(shieldPolygon(0.19, 0.14, 0.81, 0.9), 0.075, true), WHITE);
  canvas.paint(
    stroke(
      [
        [0.33, 0.5],
        [0.46, 0.63],
        [0.68, 0.37],
      ],
      0.09,
    ),
    WHITE,
  );
  return canvas.image();
}

export function iconFiles(): Record<'color.png' | 'outline.png', Buffer> {
  return { 'color.png': encodePng(drawColorIcon()), 'outline.png': encodePng(drawOutlineIcon()) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../appPackage');
  for (const [name, bytes] of Object.entries(iconFiles())) {
    fs.writeFileSync(path.join(dir, name), bytes);
    console.log(`wrote ${path.relative(process.cwd(), path.join(dir, name))} (${bytes.length} bytes)`);
  }
}
