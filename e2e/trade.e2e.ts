// The trade at a kiosk (issue 12), on the demo database the README's first command makes:
// `ravi`, a double-bottle 14.2 kg household holding one cylinder, logs in at a kiosk window and
// sees his connection; books a refill (nothing goes back: he holds 1 of 2) and pays; gets a GST
// tax invoice with the agency's GSTIN, his consumer number, CGST and SGST and the total in
// words; prints it (the first print is the original, a reprint says Duplicate). Back home the
// 14.2 kg card says from when the next refill can be booked and offers no Book button, and a
// booking asked for anyway is refused in plain words with nothing charged.
// Pictures: e2e/artifacts/trade-*.png (of the X screen: a kiosk window, see kioskShot).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchApp, type AppSession } from "./support/app";
import { checkDatabase, demoDatabase, Driver, kioskShot, WAIT } from "./support/customer";

// A small demo: plenty of 14.2 kg stock; ravi and hotel are there whatever the size.
const DEMO = { customers: 6, cylinders: 20, bookings: 0, complaints: 0 };

/** The gap rule's words (domain/connections.rs), up to the date it names. */
const TOO_EARLY = /Refills must be at least 25 days apart, so the next one can be booked from (\d{1,2} [A-Z][a-z]{2} \d{4})\./;

describe("a double-bottle household books at a kiosk and gets a GST tax invoice", () => {
  let app: AppSession;
  let d: Driver;
  let held = "";
  let received = "";

  beforeAll(async () => {
    app = await launchApp(["--kiosk"], demoDatabase(DEMO));
    d = new Driver(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("ravi logs in and sees his double-bottle connection, the cylinder he holds and his consumer number", async () => {
    await d.loginCustomer("ravi");
    expect(await d.textOf("home-consumer-no")).toBe("Consumer no. 7100452391");
    expect(await d.textOf("connection-1-holding")).toBe("Double-bottle (holds 1 of 2)");
    expect(await d.textOf("connection-1-price")).toBe("₹1,000.00");
    expect(await d.textOf("connection-1-left")).toBe("15 refills left this financial year");
    expect(await d.exists("connection-1-blocked")).toBe(false);
    expect(await d.textOf("home-book-1")).toBe("Book 14.2 kg domestic refill");
    held = await d.textOf("home-cylinder-id");
    expect(held).not.toBe("");
    await kioskShot(d, "trade-home");
  });

  it("books a 14.2 kg refill with no cylinder to hand back, and pays", async () => {
    await d.click("home-book-1");
    await d.waitFor("confirm-continue");
    expect(await d.textOf("confirm-type")).toBe("14.2 kg domestic");
    expect(await d.textOf("confirm-price")).toBe("₹1,000.00");
    expect(await d.textOf("confirm-returned")).toBe("No cylinder to hand back");
    await kioskShot(d, "trade-confirm");
    await d.click("confirm-continue");
    await d.waitFor("pay-button");
    expect(await d.textOf("pay-button")).toBe("Pay ₹1,000.00");
    await d.click("pay-button");
    await d.waitFor("invoice", 30_000);
  });

  it("the invoice shows the GSTIN, his consumer number, CGST and SGST, and the total in words", async () => {
    // On a sheet, the line table shows every column (the window keeps the paper printed on
    // last, and an 80 mm roll prints the line's amounts only once, in the totals).
    await d.click("print-paper-a4");
    await d.browser.waitUntil(async () => ((await d.el("invoice").getAttribute("class")) ?? "").includes("invoice--a4"), {
      ...WAIT,
      timeoutMsg: "the invoice never took the sheet's layout",
    });
    expect(await d.textOf("invoice-title")).toBe("Tax Invoice");
    expect(await d.textOf("invoice-copy")).toBe("Original for recipient");
    expect(await d.textOf("invoice-seller")).toBe("Sri Lakshmi Gas Agency Private Limited");
    expect(await d.textOf("invoice-gstin")).toBe("29AAGCG1234K1ZJ");
    expect(await d.textOf("invoice-seller-state")).toBe("State: Karnataka (29)");
    expect(await d.textOf("invoice-number")).toMatch(/^GD\/\d{2}-\d{2}\/\d{6}$/);
    expect(await d.textOf("invoice-customer")).toBe("Ravi Kumar");
    expect(await d.textOf("invoice-consumer-no")).toBe("7100452391");
    received = await d.textOf("invoice-cylinder");
    expect(received).not.toBe(held);
    expect(await d.textOf("invoice-hsn")).toBe("2711");
    expect(await d.textOf("invoice-quantity")).toBe("1");
    // ₹1,000.00 at 5 %: the taxable value worked back, and half the tax each way.
    expect(await d.textOf("invoice-taxable")).toBe("₹952.38");
    expect(await d.textOf("invoice-cgst-rate")).toBe("2.5%");
    expect(await d.textOf("invoice-cgst")).toBe("₹23.81");
    expect(await d.textOf("invoice-sgst-rate")).toBe("2.5%");
    expect(await d.textOf("invoice-sgst")).toBe("₹23.81");
    expect(await d.textOf("invoice-total")).toBe("₹1,000.00");
    expect(await d.textOf("invoice-words")).toBe("One Thousand Rupees Only");
    expect(await d.textOf("invoice-payment")).toBe("Online (Razorpay)");
    expect(await d.textOf("invoice-payment-ref")).toMatch(/^pay_/);
    expect(await d.textOf("invoice-helpline")).toMatch(/^\d+$/);
    expect(await d.textOf("booking-success")).not.toContain("Hand back");
    await kioskShot(d, "trade-invoice");
  });

  it("prints it on the 80 mm roll: the first print is the original, a reprint says Duplicate", async () => {
    await d.countPrintsInsteadOfPrinting();
    await d.click("print-paper-roll");
    await d.browser.waitUntil(async () => ((await d.el("invoice").getAttribute("class")) ?? "").includes("invoice--roll"), {
      ...WAIT,
      timeoutMsg: "the invoice never took the roll's layout",
    });
    await d.click("invoice-print");
    await d.browser.waitUntil(async () => (await d.printed()) === 1, { ...WAIT, timeoutMsg: "Print never reached window.print" });
    expect(await d.textOf("invoice-copy")).toBe("Original for recipient");
    await kioskShot(d, "trade-invoice-roll");
    await d.click("invoice-print");
    await d.browser.waitUntil(async () => (await d.printed()) === 2, { ...WAIT, timeoutMsg: "the reprint never reached window.print" });
    expect(await d.textOf("invoice-copy")).toBe("Duplicate");
  });

  it("back home, the 14.2 kg card says from when the next refill can be booked, and has no Book button", async () => {
    await d.click("receipt-done");
    await d.waitFor("connection-1-blocked");
    expect(await d.textOf("connection-1-holding")).toBe("Double-bottle (holds 2 of 2)");
    expect(await d.textOf("connection-1-left")).toBe("14 refills left this financial year");
    const words = await d.textOf("connection-1-blocked");
    const date = TOO_EARLY.exec(words)?.[1];
    expect(date, words).toBeDefined();
    expect(await d.textOf("connection-1-next")).toBe(date);
    expect(await d.exists("home-book-1")).toBe(false);
    const codes = await app.browser.$$('[data-testid="home-cylinder-id"]').map((e) => e.getText());
    expect(codes.sort()).toEqual([held, received].sort());
    await kioskShot(d, "trade-home-too-early");
  });

  it("a second booking too early is refused in plain words, and nothing is charged", async () => {
    const payments = async (): Promise<number> => {
      const page = await d.invoke("my_payments", { page: { offset: 0, limit: 50 } });
      if (!page.ok) throw new Error(`my_payments: ${JSON.stringify(page.failure)}`);
      return (page.value as { items: unknown[] }).items.length;
    };
    const before = await payments();
    // No button offers it; a screen left open from before (or a script) asks all the same.
    const asked = await d.invoke("book_cylinder", { type_id: 1, price: "1000.00", idempotency_key: `trade-e2e-${Date.now()}` });
    expect(asked.ok).toBe(false);
    if (asked.ok) return;
    expect(asked.failure.code).toBe("RefillRule");
    expect(asked.failure.message ?? "").toMatch(TOO_EARLY);
    expect(await payments()).toBe(before);
  });

  it("My bookings opens the invoice again, now a Duplicate, and the free first cylinder's delivery note", async () => {
    await d.click("home-bookings");
    await d.waitFor("bookings-list");
    const buttons = await app.browser.$$('button[data-testid^="booking-receipt-"]');
    expect(buttons.length).toBe(2);
    // Newest first: the refill just paid for.
    await buttons[0]?.click();
    await d.waitFor("invoice");
    expect(await d.textOf("invoice-title")).toBe("Tax Invoice");
    expect(await d.textOf("invoice-copy")).toBe("Duplicate");
    expect(await d.textOf("invoice-cylinder")).toBe(received);
    await d.click("receipt-done");
    await d.waitFor("bookings-list");
    const again = await app.browser.$$('button[data-testid^="booking-receipt-"]');
    await again[1]?.click();
    await d.waitFor("invoice");
    expect(await d.textOf("invoice-title")).toBe("Delivery Note (no charge)");
    expect(await d.textOf("invoice-total")).toBe("₹0.00");
    expect(await d.textOf("invoice-cylinder")).toBe(held);
    expect(checkDatabase(app)).toContain(": ok");
  });
});
