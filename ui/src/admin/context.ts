// What every admin screen is given, and the backend wrapper that notices a relocked switch.
import type { Backend } from "../api/backend";
import { toApiError } from "../api/error";
import type { CylinderStatus } from "../gen/CylinderStatus";

export type ScreenId = "dashboard" | "inventory" | "bookings" | "complaints" | "customers" | "settings" | "backups" | "audit";

/** Where a link from one screen to another should land. */
export interface NavHint {
  /** Inventory: show only cylinders of this status. */
  cylinderStatus?: CylinderStatus;
  /** Bookings: show only this customer's bookings. */
  customer?: { id: number; username: string };
  /** Audit log: show only this record's entries. */
  entity?: { entity: string; id: number };
}

export interface ScreenContext {
  /** The backend; a `Forbidden` from any command has already locked the admin area. */
  backend: Backend;
  kiosk: boolean;
  /** Where dialogs are attached (inside the admin area, so they go when it goes). */
  host: HTMLElement;
  navigate(to: ScreenId, hint?: NavHint): void;
  /** Something changed that the navigation badges count (open gas leaks). */
  changed(): void;
}

export interface Screen {
  el: HTMLElement;
  /** Called when the screen is left (charts, timers). */
  dispose?(): void;
}

/**
 * Wraps every backend command so that errors always arrive as `ApiError`, and a `Forbidden`
 * (the admin switch was relocked, by idle or elsewhere) calls `onForbidden` before it is
 * rethrown.
 */
export function guardBackend(backend: Backend, onForbidden: () => void): Backend {
  const guarded: Record<string, unknown> = {};
  for (const [name, command] of Object.entries(backend)) {
    const call = command as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await call(...args);
      } catch (raw) {
        const error = toApiError(raw);
        if (error.code === "Forbidden") onForbidden();
        throw error;
      }
    };
  }
  return guarded as Backend;
}

