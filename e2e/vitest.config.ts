import { defineConfig } from "vitest/config";

// End-to-end tests drive the real built app through tauri-driver. Run them with
// scripts/e2e.sh, which starts Xvfb and tauri-driver first (`vitest run --root e2e`).
export default defineConfig({
  // Caches under the root node_modules, not an e2e/node_modules of its own.
  cacheDir: "../node_modules/.vite/e2e",
  test: {
    include: ["**/*.e2e.ts"],
    // One app window at a time: the tests share one display and one tauri-driver.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
