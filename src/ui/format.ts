/** Virtual time (epoch seconds) as a UTC date and time, e.g. "2023-11-14 22:13:20 UTC". */
export function formatTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A duration in seconds as "1h 5m", "9m 40s", "12s", "2d 3h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (d) return h ? `${d}d ${h}h` : `${d}d`;
  if (h) return m ? `${h}h ${m}m` : `${h}h`;
  if (m) return r ? `${m}m ${r}s` : `${m}m`;
  return `${r}s`;
}

/** Time left until `expiresAt` at `now`, in words: "expires in 9m 40s", "expired 2m ago", "no expiry". */
export function expiryText(expiresAt: number, now: number): string {
  if (!expiresAt) return "no expiry";
  // At exactly expires_at an item is still active (SPEC §3).
  if (now <= expiresAt) return `expires in ${formatDuration(expiresAt - now)}`;
  return `expired ${formatDuration(now - expiresAt)} ago`;
}

/** A long id or value shortened for a node: the first characters and an ellipsis. */
export function shortId(id: string, keep = 14): string {
  return id.length > keep + 1 ? `${id.slice(0, keep)}…` : id;
}

/** "1 token", "3 tokens". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
