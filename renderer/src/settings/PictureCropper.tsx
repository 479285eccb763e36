/**
 * Crops a picked picture to a square: drag it (or use the arrow keys) to move, the slider to zoom.
 * Everything happens in the browser; only the 256×256 result is uploaded.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { dragCrop, drawCrop, encodeCrop, INITIAL_CROP, type Crop } from './cropImage.js';

const PREVIEW = 192;

/** Props: the picked file, and what to do with the result. */
export interface PictureCropperProps {
  file: File;
  onSave: (picture: {
    bytes: Uint8Array<ArrayBuffer>;
    type: 'image/png' | 'image/jpeg';
  }) => Promise<void>;
  onCancel: () => void;
}

/** The cropper. */
export function PictureCropper({ file, onSave, onCancel }: PictureCropperProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<HTMLImageElement>();
  const [error, setError] = useState<string>();
  const [crop, setCrop] = useState<Crop>(INITIAL_CROP);
  const [busy, setBusy] = useState(false);
  const drag = useRef<{ x: number; y: number } | undefined>(undefined);

  useEffect(() => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => setImage(img);
    img.onerror = () => setError(`“${file.name}” is not a picture this browser can read.`);
    img.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);

  useEffect(() => {
    if (image && canvas.current) drawCrop(canvas.current, image, crop, PREVIEW);
  }, [image, crop]);

  const move = (dx: number, dy: number) => {
    if (image)
      setCrop((c) => dragCrop(c, image.naturalWidth, image.naturalHeight, PREVIEW, dx, dy));
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drag.current) return;
    move(e.clientX - drag.current.x, e.clientY - drag.current.y);
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const onKey = (e: KeyboardEvent) => {
    const step = 8;
    const d = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    }[e.key];
    if (!d) return;
    e.preventDefault();
    move(d[0]!, d[1]!);
  };

  const save = async () => {
    if (!image) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSave(await encodeCrop(image, crop));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="cropper">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <canvas
        ref={canvas}
        className="cropper-canvas"
        width={PREVIEW}
        height={PREVIEW}
        tabIndex={0}
        role="img"
        aria-label="Picture crop: drag or use the arrow keys to move it"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = undefined)}
        onPointerCancel={() => (drag.current = undefined)}
        onKeyDown={onKey}
      />
      <label>
        Zoom
        <input
          type="range"
          min={1}
          max={4}
          step={0.05}
          value={crop.zoom}
          onChange={(e) => setCrop((c) => ({ ...c, zoom: Number(e.target.value) }))}
        />
      </label>
      <div className="form-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={save} disabled={!image || busy}>
          {busy ? 'Saving…' : 'Save picture'}
        </button>
      </div>
    </div>
  );
}
