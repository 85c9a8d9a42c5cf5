import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** Builds a subject identifier for one user, given the manager's salt and a sector identifier. */
export type SubjectFunction = (userId: string, context: { salt: string; sectorIdentifier?: string }) => string;

// One encoder for every subject: noble's utf8ToBytes makes a TextEncoder (and a copy) per call,
// which was most of the hashing time when a journal of thousands of sessions is replayed.
const encoder = new TextEncoder();

function sha256Hex(text: string): string {
  return bytesToHex(sha256(encoder.encode(text)));
}

/** `public` subject: lowercase hex SHA-256 of `userId + salt` (as the reference computes it). */
export function publicId(userId: string, salt: string): string {
  return sha256Hex(userId + salt);
}

/** `pairwise` subject: lowercase hex SHA-256 of `userId + sectorIdentifier + salt`. */
export function pairwiseId(userId: string, sectorIdentifier: string, salt: string): string {
  return sha256Hex(userId + sectorIdentifier + salt);
}
