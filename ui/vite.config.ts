import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Run with `ui/` as the root: `vite build ui`, `vite ui`, `vitest run --root ui` (see package.json).
export default defineConfig({
  clearScreen: false,
  // Caches under the root node_modules, not a ui/node_modules of their own.
  cacheDir: "../node_modules/.vite/ui",
  server: {
    // Must match `build.devUrl` in tauri.conf.json.
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Everything is served from the app itself; data: URIs stay small and are allowed by the CSP.
    assetsInlineLimit: 4096,
    rolldownOptions: {
      // Two pages: the app, and the upgrading page the window shows first while an older database
      // is upgraded (src-tauri/app/upgrading.rs).
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        upgrading: resolve(import.meta.dirname, "upgrading.html"),
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
