/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  // Relative base so the built app also works from a sub-path or a file share.
  base: "./",
  build: { target: "es2022", sourcemap: true },
  worker: { format: "es" },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
    benchmark: { include: ["src/**/*.bench.ts"] },
  },
});
