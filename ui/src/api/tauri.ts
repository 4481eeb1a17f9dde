// The only file that imports @tauri-apps: the real backend, over Tauri's IPC.
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { UpgradeProgress } from "../gen/UpgradeProgress";
import { makeBackend, type Backend } from "./backend";
import { toApiError } from "./error";

export function tauriBackend(): Backend {
  return makeBackend(async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await tauriInvoke<T>(command, args);
    } catch (raw) {
      throw toApiError(raw);
    }
  });
}

/** The upgrading page's one event (`UPGRADE_PROGRESS_EVENT` in src-tauri/app/upgrading.rs). */
export const UPGRADE_PROGRESS_EVENT = "upgrade-progress";

/** Calls `show` with each progress report of the schema upgrade under way; resolves to the unlisten. */
export function onUpgradeProgress(show: (p: UpgradeProgress) => void): Promise<() => void> {
  return listen<UpgradeProgress>(UPGRADE_PROGRESS_EVENT, (event) => show(event.payload));
}
