import { defineConfig } from "vitest/config";

// End-to-end tests drive the real built app through tauri-driver. Run them with
// scripts/e2e.sh, which starts Xvfb and tauri-driver first (`vitest run --root e2e`).
export default defineConfig({
  test: {
    include: ["**/*.e2e.ts"],
    // One app window at a time: the tests share one display and one tauri-driver.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
