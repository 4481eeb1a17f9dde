// What every customer screen is given by the shell.
import type { Backend } from "../../api/backend";
import type { PublicSettings } from "../../gen/PublicSettings";
import type { Receipt } from "../../gen/Receipt";
import type { RefillChoice } from "./connection";

export interface CustomerNav {
  home(): void;
  /** Booking step 1 for the connection of `typeId`: its type, price and whether a cylinder goes back. */
  book(typeId: number): void;
  /** Booking step 2: the payment sheet, for what the confirmation showed. */
  pay(choice: RefillChoice): void;
  /** A sale's invoice (or an old receipt); `fresh` when it is the one just paid for (a "thank you" is shown). */
  receipt(receipt: Receipt, fresh: boolean): void;
  report(): void;
  complaints(): void;
  history(tab?: "bookings" | "payments"): void;
  logout(): void;
}

/**
 * Whether the office can be reached. A kiosk PC forwards every command to the office PC; while
 * the office is offline nothing can be booked there, so starting a booking is disabled. On the
 * office PC itself the office is always there (`ALWAYS_ONLINE`).
 */
export interface OfficeLink {
  readonly online: boolean;
  /** Calls `listener` with every change; returns the way to stop. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export const ALWAYS_ONLINE: OfficeLink = { online: true, subscribe: () => () => undefined };

export interface CustomerContext {
  /** The backend; a `NotLoggedIn` from it has already sent the shell back to the welcome screen. */
  backend: Backend;
  settings: PublicSettings;
  kiosk: boolean;
  /** `mock-razorpay`, or `failing` when started with `--gateway fail`. */
  gateway: string;
  /** The office's reachability (kiosk PCs); screens disable starting a booking while offline. */
  link: OfficeLink;
  go: CustomerNav;
}
