// The only file that imports @tauri-apps: the real backend, over Tauri's IPC.
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
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
