/** A file or storage size in words: "12 KB", "45.5 MB" (never "0 KB" for something that exists). */
export function formatSize(bytes: number): string {
  const kb = 1024;
  const mb = kb * 1024;
  return bytes < mb ? `${Math.max(1, Math.round(bytes / kb))} KB` : `${(bytes / mb).toFixed(1)} MB`;
}
