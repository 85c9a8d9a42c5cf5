import { InvalidStateFile } from "../core/index.ts";
import { MAX_STATE_FILE_BYTES, type JournalEntry, type Workspace } from "../ops/index.ts";
import { utf8 } from "./text-blob.ts";

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

/** JSON already stored as Blobs, which an export copies into the file unread. */
export interface StoredJson {
  /** The stored JSON text of a journal entry (`JSON.stringify(entry)`), when it is kept as a Blob. */
  entry?: (entry: JournalEntry) => Blob | undefined;
  /** `JSON.stringify(workspace.manager.toJSON())` as stored, when a snapshot of the current state is. */
  snapshot?: Blob;
}

/**
 * The compact state file as a Blob, byte for byte `workspace.toStateFile({ exportedAt })`, built
 * from parts: JSON the store already holds as Blobs (an imported state in the journal, the
 * current snapshot) goes in by reference, so a 100,000-token state is neither serialized nor
 * encoded again. Everything else is written here as `JSON.stringify` would.
 */
export function stateFileBlob(workspace: Workspace, stored: StoredJson = {}, exportedAt?: string): Blob {
  const { blob } = assembleStateFile(workspace, stored, exportedAt);
  return blob;
}

/**
 * As `stateFileBlob`, but only once every stored Blob it would copy can be read: a Blob whose
 * data the browser has lost would make the download fail with no word of why, so then the
 * state is written from memory instead. Reading one byte of each is enough to know.
 */
export async function readableStateFileBlob(workspace: Workspace, stored: StoredJson = {}, exportedAt?: string): Promise<Blob> {
  const { blob, copied } = assembleStateFile(workspace, stored, exportedAt);
  const readable = await Promise.all(copied.map((part) => part.slice(0, 1).arrayBuffer().then(() => true, () => false)));
  return readable.every(Boolean) ? blob : stateFileBlob(workspace, {}, exportedAt);
}

function assembleStateFile(workspace: Workspace, stored: StoredJson, exportedAt: string | undefined): { blob: Blob; copied: Blob[] } {
  const copied: Blob[] = [];
  const head = JSON.stringify(workspace.stateFileHead(exportedAt));
  // Text parts are encoded here (see utf8): a Blob would encode a 20 MB string about three times slower.
  const parts: BlobPart[] = [`${head.slice(0, -1)},"journal":[`];
  // Consecutive small entries are joined into one part: 10,000 parts would cost more than the text.
  let run: string[] = [];
  workspace.journal.forEach((entry, i) => {
    const blob = stored.entry?.(entry);
    if (!blob) {
      run.push(JSON.stringify(entry));
      return;
    }
    if (run.length) parts.push(utf8(run.join(",")), ",");
    run = [];
    parts.push(blob);
    copied.push(blob);
    if (i < workspace.journal.length - 1) parts.push(",");
  });
  if (run.length) parts.push(utf8(run.join(",")));
  if (stored.snapshot) copied.push(stored.snapshot);
  parts.push(`],"snapshot":`, stored.snapshot ?? utf8(JSON.stringify(workspace.manager.toJSON())), "}");
  return { blob: new Blob(parts, { type: "application/json" }), copied };
}
