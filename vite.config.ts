/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { initialJsSize } from "./e2e/bench/initial-js.ts";

export default defineConfig({
  plugins: [react(), initialJsSize()],
  // Relative base so the built app also works from a sub-path or a file share.
  base: "./",
  build: { target: "es2022", sourcemap: true },
  worker: { format: "es" },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
    // The tables, then every target named in a bench ("[target: mean < 100 ms]") as met or missed.
    benchmark: { include: ["src/**/*.bench.ts"], reporters: ["./src/test-support/bench-targets-reporter.ts"] },
  },
});
