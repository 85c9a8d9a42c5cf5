/** Opens a `<dialog>` modally; jsdom (component tests) lacks `showModal`, so the attribute stands in. */
export function openDialog(d: HTMLDialogElement | null): void {
  if (!d || d.open) return;
  if (typeof d.showModal === "function") d.showModal();
  else d.setAttribute("open", "");
}

/** Closes a `<dialog>` opened with `openDialog`. */
export function closeDialog(d: HTMLDialogElement | null): void {
  if (!d?.open) return;
  if (typeof d.close === "function") d.close();
  else d.removeAttribute("open");
}
