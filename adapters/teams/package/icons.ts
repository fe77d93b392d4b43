import type { Image } from './png.js';

/**
 * The app icons, drawn in code so they can be regenerated without an image editor: a speech
 * bubble with a check mark (a question answered against the charter).
 * - color.png 192×192: white symbol on "bleu France" (#000091), symbol inside the central safe area;
 * - outline.png 32×32: the same symbol in white on a transparent background, as Teams requires.
 */

type Rgb = [number, number, number];
export const BLEU_FRANCE: Rgb = [0x00, 0x00, 0x91];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Is the point (u, v), in the symbol's unit square, on the symbol? */
function onSymbol(u: number, v: number): boolean {
  return (inRoundedRect(u, v, 0.08, 0.12, 0.92, 0.7, 0.14) || inTriangle(u, v, [0.24, 0.64], [0.46, 0.64], [0.2, 0.92])) && !nearPolyline(u, v, CHECK, 0.065);
}

const CHECK: [number, number][] = [
  [0.3, 0.42],
  [0.44, 0.55],
  [0.7, 0.28],
];

function inRoundedRect(u: number, v: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (u < x0 || u > x1 || v < y0 || v > y1) return false;
  const dx = Math.max(x0 + r - u, 0, u - (x1 - r));
  const dy = Math.max(y0 + r - v, 0, v - (y1 - r));
  return dx * dx + dy * dy <= r * r;
}

function inTriangle(u: number, v: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (v - p[1]) - (q[1] - p[1]) * (u - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function nearPolyline(u: number, v: number, pts: [number, number][], half: number): boolean {
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[i + 1]!;
    const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    if ((u - ax - t * (bx - ax)) ** 2 + (v - ay - t * (by - ay)) ** 2 <= half * half) return true;
  }
  return false;
}

/** Draws the symbol (4×4 supersampling) inside `box` (fractions of the icon), over an optional background. */
export function drawIcon(size: number, box: [number, number, number, number], background?: Rgb): Image {
  const pixels = new Uint8Array(size * size * 4);
  const [bx0, by0, bx1, by1] = box;
  const N = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const u = ((x + (sx + 0.5) / N) / size - bx0) / (bx1 - bx0);
          const v = ((y + (sy + 0.5) / N) / size - by0) / (by1 - by0);
          if (onSymbol(u, v)) hits++;
        }
      }
      const cover = hits / (N * N);
      const i = (y * size + x) * 4;
      if (background) {
        for (let k = 0; k < 3; k++) pixels[i + k] = Math.round(background[k]! * (1 - cover) + WHITE[k]! * cover);
        pixels[i + 3] = 255;
      } else {
        pixels.set(WHITE, i);
        pixels[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return { width: size, height: size, pixels };
}

export function colorIcon(): Image {
  return drawIcon(192, [0.2, 0.2, 0.8, 0.8], BLEU_FRANCE);
}

export function outlineIcon(): Image {
  return drawIcon(32, [0.03, 0.03, 0.97, 0.97]);
}
