import { describe, expect, it } from "vitest";
import { InvalidStateFile } from "../core/index.ts";
import { MAX_STATE_FILE_BYTES } from "../ops/index.ts";
import { MemoryWorkspaceRepository } from "./memory-workspace-repository.ts";
import { readStateFileText } from "./state-file-blob.ts";
import { buildWorkspace } from "./test-fixtures.ts";

describe("reading state files", () => {
  it("reads a picked or dropped file's text", async () => {
    const text = buildWorkspace(3).toStateFile();
    expect(await readStateFileText(new Blob([text], { type: "application/json" }))).toBe(text);
  });

  it("refuses a file over 50 MB from its size, without reading it", async () => {
    let read = false;
    const huge = { size: MAX_STATE_FILE_BYTES + 1, text: async () => ((read = true), "") } as unknown as Blob;
    const error = await readStateFileText(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as Error).message).toMatch(/too large to import .* the limit is 50 MB/);
    expect(read).toBe(false);
  });

  it("importStateFile refuses text over 50 MB before parsing, and stores nothing", async () => {
    const repository = new MemoryWorkspaceRepository();
    const text = " ".repeat(MAX_STATE_FILE_BYTES + 1);
    await expect(repository.importStateFile(text)).rejects.toThrow(/larger than 50 MB/);
    expect(await repository.listWorkspaces()).toEqual([]);
  });
});
