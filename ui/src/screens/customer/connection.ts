// A customer's connection in words, and the refill they choose to book from it: which type,
// at what price, and whether an empty goes back. Shared by the home cards and the booking steps.
import type { Connection } from "../../gen/Connection";
import type { CustomerHome } from "../../gen/CustomerHome";
import { plural } from "../../lib/format";

/** What the customer is about to book: one refill of a connection. */
export interface RefillChoice {
  connection: Connection;
  /**
   * True when the refill is an exchange: they already hold as many as the connection allows,
   * so they hand back one empty (the backend takes the one held longest).
   */
  handsBack: boolean;
  /** That empty's code, when the home screen lists it. */
  handBackCode: string | null;
}

/** `Double-bottle (holds 1 of 2)`. */
export function holdingWords(c: Connection): string {
  const kind = c.allowance === 1 ? "Single-bottle" : c.allowance === 2 ? "Double-bottle" : `Up to ${c.allowance} cylinders`;
  return `${kind} (holds ${c.held} of ${c.allowance})`;
}

/** `14 refills left this financial year`. */
export function refillsLeftWords(c: Connection): string {
  if (c.refills_left <= 0) return "No refills left this financial year";
  return `${plural(c.refills_left, "refill")} left this financial year`;
}

const DAY = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A calendar day `YYYY-MM-DD` (an Indian date, as the backend sends it) as `7 Dec 2026`. */
export function longDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return day;
  const [, y = "", m = "", d = ""] = match;
  return DAY.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
}

/** The refill of the connection of `typeId`, from the home screen's data; null when there is no such connection. */
export function refillChoice(home: CustomerHome, typeId: number): RefillChoice | null {
  const connection = home.connections.find((c) => c.type_id === typeId);
  if (connection === undefined) return null;
  const handsBack = connection.held >= connection.allowance;
  // Cylinders come oldest first: the first of this type is the one that goes back.
  const oldest = home.cylinders.find((c) => c.type_name === connection.type_name);
  return { connection, handsBack, handBackCode: handsBack ? (oldest?.cylinder_code ?? null) : null };
}
