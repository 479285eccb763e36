import { describe, expect, it } from 'vitest';
import { cropRect, dragCrop, INITIAL_CROP } from '../../../renderer/src/settings/cropImage.js';

describe('profile picture crops', () => {
  it('start as the centred largest square', () => {
    expect(cropRect(900, 600, INITIAL_CROP)).toEqual({ sx: 150, sy: 0, side: 600 });
    expect(cropRect(600, 900, INITIAL_CROP)).toEqual({ sx: 0, sy: 150, side: 600 });
  });
  it('zoom shrinks the square around its centre, and it never leaves the picture', () => {
    expect(cropRect(900, 600, { zoom: 2, cx: 0.5, cy: 0.5 })).toEqual({
      sx: 300,
      sy: 150,
      side: 300,
    });
    expect(cropRect(900, 600, { zoom: 2, cx: 0, cy: 1 })).toEqual({ sx: 0, sy: 300, side: 300 });
    expect(cropRect(900, 600, { zoom: 0.5, cx: 0.5, cy: 0.5 }).side).toBe(600);
  });
  it('dragging moves the picture with the pointer, clamped at the edges without slack', () => {
    const crop = { zoom: 2, cx: 0.5, cy: 0.5 };
    // Dragging right by half the preview shows more of the left: the square moves left.
    const moved = dragCrop(crop, 900, 600, 200, 100, 0);
    expect(cropRect(900, 600, moved).sx).toBe(150);
    const far = dragCrop(crop, 900, 600, 200, 10_000, 0);
    expect(cropRect(900, 600, far).sx).toBe(0);
    const back = dragCrop(far, 900, 600, 200, -100, 0);
    expect(cropRect(900, 600, back).sx).toBe(150);
  });
});
