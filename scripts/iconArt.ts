/**
 * The Parley icon as geometry (in a 512-unit square), drawn at any size with anti-aliasing.
 * This is the one source every icon file comes from (scripts/icons.ts): a blue rounded square,
 * a white speech bubble with a tail, three blue dots. No image library: coverage is sampled.
 */

const BLUE: readonly [number, number, number] = [59, 91, 219];
const WHITE: readonly [number, number, number] = [255, 255, 255];

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Whether a point is inside a triangle. */
function inTriangle(x: number, y: number, t: readonly number[]): boolean {
  const [ax, ay, bx, by, cx, cy] = t as [number, number, number, number, number, number];
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

const TAIL = [160, 340, 226, 340, 150, 410] as const;
const DOTS = [190, 256, 322] as const;

/** Colour at one point of the 512-unit square, or undefined where the icon is transparent. */
function colourAt(x: number, y: number): readonly [number, number, number] | undefined {
  if (roundedRect(x, y, 16, 16, 496, 496, 92) > 0) return undefined;
  for (const dx of DOTS) if (Math.hypot(x - dx, y - 240) <= 26) return BLUE;
  if (roundedRect(x, y, 108, 130, 404, 350, 50) <= 0 || inTriangle(x, y, TAIL)) return WHITE;
  return BLUE;
}

/** Samples per pixel side: 4×4 keeps edges smooth from 16 px to 1024 px. */
const SS = 4;

/** RGBA pixels (non-premultiplied) of the icon at `size`×`size`. */
export function renderIcon(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const scale = 512 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = colourAt((px + (sx + 0.5) / SS) * scale, (py + (sy + 0.5) / SS) * scale);
          if (!c) continue;
          covered++;
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const i = (py * size + px) * 4;
      if (covered === 0) continue;
      out[i] = Math.round(r / covered);
      out[i + 1] = Math.round(g / covered);
      out[i + 2] = Math.round(b / covered);
      out[i + 3] = Math.round((covered * 255) / (SS * SS));
    }
  }
  return out;
}
