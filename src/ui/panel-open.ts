import { useCallback, useState } from "react";

const PREFIX = "oidc-playground:panel:";

function stored(key: string): boolean | null {
  try {
    const v = localStorage.getItem(PREFIX + key);
    return v === "open" ? true : v === "closed" ? false : null;
  } catch {
    return null; // Storage blocked: panels simply start at their defaults.
  }
}

/**
 * Whether a collapsible panel is open, remembered per browser. Until the user chooses, the
 * default applies (it may depend on the window's width, so a small screen leaves room to the graph).
 */
export function usePanelOpen(key: string, byDefault: () => boolean): [boolean, (open: boolean) => void] {
  const [open, setOpenState] = useState(() => stored(key) ?? byDefault());
  const setOpen = useCallback(
    (next: boolean) => {
      setOpenState(next);
      try {
        localStorage.setItem(PREFIX + key, next ? "open" : "closed");
      } catch {
        // Not remembered; the panel still opens or closes.
      }
    },
    [key],
  );
  return [open, setOpen];
}

/** Wide enough for the API console beside the graph and the inspector (below this it starts collapsed). */
export const WIDE_WINDOW_PX = 1400;
export const isWideWindow = () => typeof window === "undefined" || window.innerWidth >= WIDE_WINDOW_PX;
