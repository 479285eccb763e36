/** A QR code drawn on a canvas with the `qrcode` package (no network, no images). */
import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';

/** Props: the text to encode and its accessible description. */
export interface QrCodeProps {
  text: string;
  label: string;
  size?: number;
}

/** The canvas; an error message instead if the text cannot be encoded. */
export function QrCode({ text, label, size = 200 }: QrCodeProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!ref.current) return;
    QRCode.toCanvas(ref.current, text, { width: size, margin: 2, errorCorrectionLevel: 'M' }).then(
      () => setError(undefined),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [text, size]);
  if (error) return <p className="form-error">QR code unavailable: {error}</p>;
  return <canvas ref={ref} className="qr-code" role="img" aria-label={label} data-text={text} />;
}
