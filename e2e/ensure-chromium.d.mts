export interface Found {
  source: "env" | "system" | "playwright";
  path: string;
}
export interface Where {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  playwrightPath?: () => string | undefined;
}
export function findChromium(where?: Where): Promise<Found | null | { source: "env-missing"; path: string }>;
export const HOW_TO_GET_CHROMIUM: string;
export function ensureChromium(where?: Where & { install?: () => number | null }): Promise<number>;
