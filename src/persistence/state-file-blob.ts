import { InvalidStateFile } from "../core/index.ts";
import { MAX_STATE_FILE_BYTES } from "../ops/index.ts";

/**
 * The text of a state file picked or dropped by the user. A file over `MAX_STATE_FILE_BYTES`
 * is refused from its size alone, before anything is read or parsed.
 */
export async function readStateFileText(file: Blob): Promise<string> {
  if (file.size > MAX_STATE_FILE_BYTES) {
    throw new InvalidStateFile(
      [{ path: "", message: `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; state files are limited to ${MAX_STATE_FILE_BYTES / 1024 / 1024} MB` }],
      `This file is too large to import (${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_STATE_FILE_BYTES / 1024 / 1024} MB).`,
    );
  }
  return file.text();
}
