/** Hands `text` to the browser as a downloaded file named `fileName`. */
export function downloadText(fileName: string, text: string, type = "application/json"): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Hands `blob` to the browser as a downloaded file named `fileName`; returns its size in bytes. */
export function downloadBlob(fileName: string, blob: Blob): number {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the next task; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return blob.size;
}
