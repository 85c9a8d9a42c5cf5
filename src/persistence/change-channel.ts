import type { ExternalChange } from "./types.ts";

/** The BroadcastChannel every tab of the playground shares. */
export const CHANNEL_NAME = "oidc-session-playground";

const KINDS = new Set<ExternalChange["kind"]>(["appended", "undone", "redone", "renamed", "deleted", "created"]);

/** Tells other tabs what this tab changed, and hears what they changed. */
export interface ChangeChannel {
  post(change: ExternalChange): void;
  listen(listener: (change: ExternalChange) => void): () => void;
  close(): void;
}

/** A channel over `BroadcastChannel`, or `null` where there is none (nothing to tell then). */
export function openChangeChannel(name: string = CHANNEL_NAME): ChangeChannel | null {
  if (typeof BroadcastChannel === "undefined") return null;
  const channel = new BroadcastChannel(name);
  // Node keeps its event loop alive for an open channel; a browser tab has no such notion.
  (channel as { unref?: () => void }).unref?.();
  const listeners = new Set<(change: ExternalChange) => void>();
  let closed = false;
  channel.onmessage = (event: MessageEvent) => {
    const change = readChange(event.data);
    if (!change) return; // another version of the app, or something else on this channel
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (e) {
        // One failing listener must not stop the others from hearing about the change.
        console.error("A listener for changes from other tabs failed:", e);
      }
    }
  };
  return {
    post(change) {
      if (!closed) channel.postMessage({ workspaceId: change.workspaceId, kind: change.kind });
    },
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      channel.close();
    },
  };
}

function readChange(data: unknown): ExternalChange | null {
  if (typeof data !== "object" || data === null) return null;
  const { workspaceId, kind } = data as Record<string, unknown>;
  if (typeof workspaceId !== "string" || typeof kind !== "string" || !KINDS.has(kind as ExternalChange["kind"])) return null;
  return { workspaceId, kind: kind as ExternalChange["kind"] };
}
