// Getting a file to the user without a server: a Blob URL behind an <a download>, and PNG by
// drawing the SVG onto a canvas (the browser's own rasteriser, no screenshot library).

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL is no longer needed once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Rasterises an SVG document to a PNG at `scale` × its size (2 for sharp text on a projector). */
export function svgToPng(svg: string, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    // A data: URL, which the page's CSP allows as an image source (img-src 'self' data:).
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('this browser gives no 2D canvas to draw the PNG on'));
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png');
    };
    img.onerror = () => {
      reject(new Error('the SVG could not be drawn'));
    };
    img.src = url;
  });
}
