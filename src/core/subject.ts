import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** Builds a subject identifier for one user, given the manager's salt and a sector identifier. */
export type SubjectFunction = (userId: string, context: { salt: string; sectorIdentifier?: string }) => string;

function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** `public` subject: lowercase hex SHA-256 of `userId + salt` (as the reference computes it). */
export function publicId(userId: string, salt: string): string {
  return sha256Hex(userId + salt);
}

/** `pairwise` subject: lowercase hex SHA-256 of `userId + sectorIdentifier + salt`. */
export function pairwiseId(userId: string, sectorIdentifier: string, salt: string): string {
  return sha256Hex(userId + sectorIdentifier + salt);
}
