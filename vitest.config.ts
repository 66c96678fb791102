import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real HTTP servers on loopback and real files: give slow CI machines room.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
