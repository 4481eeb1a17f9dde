// A customer's connection in words, and the refill they choose to book from it: which type,
// at what price, and whether an empty goes back. Shared by the home cards and the booking steps.
import type { Connection } from "../../gen/Connection";
import type { CustomerHome } from "../../gen/CustomerHome";
import { t } from "../../i18n";
import { longDay } from "../../i18n/dates";
import { detailText } from "../../i18n/errors";

export { longDay };

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
  const kind = c.allowance === 1 ? t("connection.single") : c.allowance === 2 ? t("connection.double") : t("connection.upTo", { count: c.allowance });
  return t("connection.holding", { kind, held: c.held, allowance: c.allowance });
}

/** `14 refills left this financial year`. */
export function refillsLeftWords(c: Connection): string {
  if (c.refills_left <= 0) return t("connection.noRefillsLeft");
  if (c.refills_left === 1) return t("connection.oneRefillLeft");
  return t("connection.refillsLeft", { count: c.refills_left });
}

/**
 * Why a connection cannot be refilled now, in the chosen language: built from its typed
 * reason (the year's refills used, or too soon after the last), not the backend's English.
 */
export function refillBlockedWords(c: Connection): string {
  // An older office PC sends no typed reason (the field is absent): the counts and the date say it.
  const rule = c.refill_rule as Connection["refill_rule"] | undefined;
  if (rule !== null && rule !== undefined) return detailText(rule);
  const date = c.next_refill_from === null ? "" : longDay(c.next_refill_from);
  if (c.refills_left <= 0 && c.next_refill_from !== null) {
    return t("refill.yearCap", { count: c.refills_this_year, type: c.type_name, date });
  }
  return c.next_refill_from === null ? t("error.RefillRule") : t("refill.notYet", { date });
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
