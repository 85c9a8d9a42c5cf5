import { MAX_STATE_FILE_BYTES } from "../../ops/index.ts";
import { formatSize } from "../../persistence/index.ts";

/**
 * What to tell the user after an export, or null when there is nothing to say: a file over the
 * import limit is still a complete record (for a bug report, or to read), but this playground
 * will refuse to import it, and the user should know that before relying on it as a backup.
 */
export function exportNotice(fileName: string, bytes: number): string | null {
  if (bytes <= MAX_STATE_FILE_BYTES) return null;
  return (
    `${fileName} is ${formatSize(bytes)}, over the ${MAX_STATE_FILE_BYTES / 1024 / 1024} MB a state file may have to be imported: ` +
    `it records the whole workspace, but the playground cannot open it again. The workspace itself stays saved in this browser.`
  );
}
