// What every customer screen is given by the shell.
import type { Backend } from "../../api/backend";
import type { CustomerHome } from "../../gen/CustomerHome";
import type { PublicSettings } from "../../gen/PublicSettings";
import type { Receipt } from "../../gen/Receipt";

export interface CustomerNav {
  home(): void;
  /** Booking step 1: price and which cylinder goes back. */
  book(): void;
  /** Booking step 2: the payment sheet, for what the confirmation showed. */
  pay(home: CustomerHome): void;
  /** A receipt; `fresh` when it is the one just paid for (a "thank you" is shown). */
  receipt(receipt: Receipt, fresh: boolean): void;
  report(): void;
  complaints(): void;
  history(tab?: "bookings" | "payments"): void;
  logout(): void;
}

export interface CustomerContext {
  /** The backend; a `NotLoggedIn` from it has already sent the shell back to the welcome screen. */
  backend: Backend;
  settings: PublicSettings;
  kiosk: boolean;
  /** `mock-razorpay`, or `failing` when started with `--gateway fail`. */
  gateway: string;
  go: CustomerNav;
}
