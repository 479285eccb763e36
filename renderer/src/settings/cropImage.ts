/** Square crops of a picked picture, drawn to a canvas and encoded, all in the browser. */

/** Side of the stored profile picture, in pixels. */
export const PICTURE_SIZE = 256;
/** Largest picture the server accepts (LIMITS.avatarBytesMax). */
const MAX_BYTES = 512 * 1024;

/** How the square sits on the picture: zoom ≥ 1, centre as a fraction of width and height. */
export interface Crop {
  zoom: number;
  cx: number;
  cy: number;
}

/** The centred, unzoomed crop. */
export const INITIAL_CROP: Crop = { zoom: 1, cx: 0.5, cy: 0.5 };

/** The source square for a crop, kept inside the picture (the centre is clamped). */
export function cropRect(
  width: number,
  height: number,
  crop: Crop,
): { sx: number; sy: number; side: number } {
  const side = Math.min(width, height) / Math.max(1, crop.zoom);
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), Math.max(0, max));
  return {
    sx: clamp(crop.cx * width - side / 2, width - side),
    sy: clamp(crop.cy * height - side / 2, height - side),
    side,
  };
}

/** Moves a crop by a drag of (dx, dy) pixels on a preview `previewSize` pixels wide. */
export function dragCrop(
  crop: Crop,
  width: number,
  height: number,
  previewSize: number,
  dx: number,
  dy: number,
): Crop {
  const { sx, sy, side } = cropRect(width, height, crop);
  const scale = side / previewSize;
  const nx = sx + side / 2 - dx * scale;
  const ny = sy + side / 2 - dy * scale;
  const next = { ...crop, cx: nx / width, cy: ny / height };
  // Store the clamped centre, so dragging past an edge does not build up slack.
  const r = cropRect(width, height, next);
  return { ...crop, cx: (r.sx + side / 2) / width, cy: (r.sy + side / 2) / height };
}

/** Draws the crop of an image onto a square canvas of `size` pixels. */
export function drawCrop(
  canvas: HTMLCanvasElement,
  image: HTMLImageElement,
  crop: Crop,
  size: number,
): void {
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { sx, sy, side } = cropRect(image.naturalWidth, image.naturalHeight, crop);
  ctx.imageSmoothingQuality = 'high';
  ctx.clearRect(0, 0, size, size);
  ctx.drawImage(image, sx, sy, side, side, 0, 0, size, size);
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/** The 256×256 picture as PNG, or JPEG when a PNG would be too big for the server. */
export async function encodeCrop(
  image: HTMLImageElement,
  crop: Crop,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: 'image/png' | 'image/jpeg' }> {
  const canvas = document.createElement('canvas');
  drawCrop(canvas, image, crop, PICTURE_SIZE);
  const png = await toBlob(canvas, 'image/png');
  if (png && png.size <= MAX_BYTES)
    return { bytes: new Uint8Array(await png.arrayBuffer()), type: 'image/png' };
  const jpeg = await toBlob(canvas, 'image/jpeg', 0.9);
  if (!jpeg) throw new Error('This browser could not encode the picture.');
  return { bytes: new Uint8Array(await jpeg.arrayBuffer()), type: 'image/jpeg' };
}
