/** The part of the Clipboard API used here (so tests can pass their own). */
export interface TextClipboard {
  writeText(text: string): Promise<void>;
}

/**
 * Puts text on the clipboard. Resolves false, never throws, when there is no clipboard (an
 * insecure origin, an old browser) or the browser refuses (no permission, document not focused):
 * the caller then shows the text to copy by hand.
 */
export async function copyText(text: string, clipboard: TextClipboard | undefined = globalThis.navigator?.clipboard): Promise<boolean> {
  if (!clipboard || typeof clipboard.writeText !== "function") return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
