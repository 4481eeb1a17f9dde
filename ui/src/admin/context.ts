// What every admin screen is given. (A screen itself is lib/screen.ts's `Screen`.)
import type { Backend } from "../api/backend";
import type { CylinderStatus } from "../gen/CylinderStatus";

export type ScreenId = "dashboard" | "inventory" | "types" | "bookings" | "complaints" | "customers" | "settings" | "backups" | "audit" | "kiosks";

/** Where a link from one screen to another should land. */
export interface NavHint {
  /** Inventory: show only cylinders of this status. */
  cylinderStatus?: CylinderStatus;
  /** Inventory: show only cylinders of this type. */
  typeId?: number;
  /** Inventory: show only cylinders due for test or held back. */
  attention?: boolean;
  /** Inventory: show only cylinders whose test-due date was never recorded. */
  undated?: boolean;
  /** Bookings: show only this customer's bookings. */
  customer?: { id: number; username: string };
  /** Audit log: show only this record's entries. */
  entity?: { entity: string; id: number };
}

export interface ScreenContext {
  /** The shell's backend for staff: a `Forbidden` from any command has already relocked. */
  backend: Backend;
  kiosk: boolean;
  /** Where dialogs are attached (inside the admin area, so they go when it goes). */
  host: HTMLElement;
  navigate(to: ScreenId, hint?: NavHint): void;
  /** Something changed that the navigation badges count (open gas leaks). */
  changed(): void;
}
