// A Backend that watches for one kind of failure. The shell gives the customer screens a
// backend that notices `NotLoggedIn` (the session ended in Rust) and the admin area one that
// notices `Forbidden` (the admin switch relocked), and returns to the right screen. The error
// is still thrown to the screen that called, which simply stops.
import type { Backend } from "../api/backend";
import { ApiError } from "../api/error";

type Code = ApiError["code"];

export function guardBackend(backend: Backend, codes: readonly Code[], onFailure: (error: ApiError) => void): Backend {
  const guarded: Record<string, unknown> = {};
  for (const [name, command] of Object.entries(backend)) {
    if (typeof command !== "function") {
      guarded[name] = command;
      continue;
    }
    guarded[name] = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await (command as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        if (error instanceof ApiError && codes.includes(error.code)) onFailure(error);
        throw error;
      }
    };
  }
  return guarded as Backend;
}
