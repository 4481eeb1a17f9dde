// Starts the real GasDesk binary through tauri-driver (WebDriver) and gives a test a session.
// scripts/e2e.sh provides the display, the driver and these environment variables.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { remote } from "webdriverio";

// tauri-driver's own capability: which binary to start, and its arguments.
declare global {
  namespace WebdriverIO {
    interface Capabilities {
      "tauri:options"?: { application: string; args?: string[] };
    }
  }
}

export interface AppSession {
  browser: WebdriverIO.Browser;
  /** A fresh temporary folder for this session; removed by `close`. */
  workDir: string;
  /** The database file the app was started with (inside `workDir`). */
  dbPath: string;
  close(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set: run the end-to-end tests with scripts/e2e.sh`);
  }
  return value;
}

/** Where screenshots and other evidence go (gitignored). */
export function artifactsDir(): string {
  const dir = resolve(process.env["E2E_ARTIFACTS"] ?? join(import.meta.dirname, "artifacts"));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface LaunchOptions {
  /** Runs before the app starts, given the database path and the binary (e.g. to make a demo database). */
  prepare?: (dbPath: string, application: string) => void | Promise<void>;
  /** `false`: no `--db` argument (a kiosk PC's window, `--kiosk --server`, has no database). */
  database?: boolean;
}

/** Launches the app on a new, empty database with the given extra arguments. */
export async function launchApp(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<AppSession> {
  const application = resolve(requiredEnv("GASDESK_BIN"));
  const port = Number(requiredEnv("TAURI_DRIVER_PORT"));
  const workDir = mkdtempSync(join(tmpdir(), "gasdesk-e2e-"));
  const dbPath = join(workDir, "gasdesk.db");
  try {
    await options.prepare?.(dbPath, application);
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }

  const startSession = () =>
    remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "warn",
      connectionRetryCount: 0,
      // A hung driver command fails the test with a clear message instead of the test timeout.
      connectionRetryTimeout: 30_000,
      capabilities: {
        // tauri-driver speaks classic WebDriver only; no BiDi websocket.
        "wdio:enforceWebDriverClassic": true,
        "tauri:options": { application, args: options.database === false ? extraArgs : ["--db", dbPath, ...extraArgs] },
      },
    });
  // Once in a while under Xvfb a freshly started app cannot open the display ("Failed to
  // initialize GTK") and the session request times out; the next start works. One more try,
  // said in the log, so a real failure to start still fails the test.
  const browser = await startSession().catch((error: unknown) => {
    console.warn(`e2e: the app did not start (${String(error)}); starting it once more`);
    return startSession();
  });

  // A debug binary built without Tauri's custom-protocol feature loads the Vite dev server.
  const url = await browser.getUrl();
  if (!url.startsWith("tauri://") && !url.startsWith("http://tauri.localhost")) {
    await browser.deleteSession();
    rmSync(workDir, { recursive: true, force: true });
    throw new Error(`the app loaded ${url}, not its bundled UI: build it with scripts/build-app.sh`);
  }

  return {
    browser,
    workDir,
    dbPath,
    async close() {
      try {
        await browser.deleteSession();
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}

/** What a command invoked from the page answered. */
export type Invoked = { ok: true; value: unknown } | { ok: false; failure: { code?: string; message?: string } };

/**
 * Calls a backend command directly from the page, as a script injected there could, bypassing
 * the UI. (The answer must not have a key named `error`: WebKitWebDriver would report the whole
 * script as failed.)
 */
export async function invokeFromPage(browser: WebdriverIO.Browser, command: string, args: Record<string, unknown> = {}): Promise<Invoked> {
  const result: unknown = await browser.execute(
    `const [command, args] = arguments;
     return window.__TAURI_INTERNALS__.invoke(command, args).then(
       (value) => ({ ok: true, value }),
       (failure) => ({ ok: false, failure }),
     );`,
    command,
    args,
  );
  return result as Invoked;
}
