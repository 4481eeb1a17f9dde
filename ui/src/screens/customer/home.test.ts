// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/error";
import { byTestId, connection, customerHome, damagedHealth, queryTestId, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { fakeLink } from "../../testing/fake-link";
import { homeScreen } from "./home";

describe("customer home", () => {
  it("greets by name with the consumer number and shows the cylinder held", async () => {
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome({ pending_complaints: 2 })) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(byTestId(el, "home-greeting").textContent).toMatch(/, Asha Rao$/);
    expect(byTestId(el, "home-consumer-no").textContent).toBe("Consumer no. 7100000042");
    expect(byTestId(el, "home-cylinder-id").textContent).toBe("ABC123");
    expect(byTestId(el, "home-cylinder-type").textContent).toBe("14.2 kg domestic");
    expect(byTestId(el, "home-cylinder-since").textContent).toMatch(/2025/);
    expect(byTestId(el, "home-complaints").textContent).toContain("2 open");
    byTestId(el, "home-book-1").click();
    byTestId(el, "home-report").click();
    byTestId(el, "home-complaints").click();
    byTestId(el, "home-bookings").click();
    expect([go.book, go.report, go.complaints, go.history].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
    expect(go.book).toHaveBeenCalledWith(1);
  });

  it("shows every cylinder held and one card per connection, bookable or not", async () => {
    const blocked =
      "Your last 14.2 kg domestic refill was on 3 Dec 2025. Refills must be at least 25 days apart, so the next one can be booked from 28 Dec 2025.";
    const home = customerHome({
      cylinders: [
        { cylinder_code: "ABC123", type_name: "14.2 kg domestic", since: "2025-03-12T05:00:00.000000Z" },
        { cylinder_code: "DEF456", type_name: "14.2 kg domestic", since: "2025-12-03T05:00:00.000000Z" },
      ],
      connections: [
        connection({
          allowance: 2,
          held: 2,
          refills_this_year: 4,
          refills_left: 11,
          refill_blocked: blocked,
          refill_rule: { reason: "RefillGap", type_name: "14.2 kg domestic", last_refill: "2025-12-03", gap_days: 25, next_from: "2025-12-28" },
          next_refill_from: "2025-12-28",
        }),
        connection({ type_id: 2, type_name: "5 kg domestic", price: "350.00", allowance: 1, held: 0, refills_left: 1 }),
      ],
    });
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(home) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    const codes = Array.from(el.querySelectorAll('[data-testid="home-cylinder-id"]')).map((e) => e.textContent);
    expect(codes).toEqual(["ABC123", "DEF456"]);

    // Blocked: the reason (built from its typed fields: the same words as the backend's English) and the date, and no button at all.
    expect(byTestId(el, "connection-1").textContent).toContain("14.2 kg domestic");
    expect(byTestId(el, "connection-1-holding").textContent).toBe("Double-bottle (holds 2 of 2)");
    expect(byTestId(el, "connection-1-price").textContent).toBe("₹1,000.00");
    expect(byTestId(el, "connection-1-left").textContent).toBe("11 refills left this financial year");
    expect(byTestId(el, "connection-1-blocked").textContent).toContain(blocked);
    expect(byTestId(el, "connection-1-next").textContent).toBe("28 Dec 2025");
    expect(queryTestId(el, "home-book-1")).toBeNull();

    // Bookable: a big button naming the type.
    expect(byTestId(el, "connection-2-holding").textContent).toBe("Single-bottle (holds 0 of 1)");
    expect(byTestId(el, "connection-2-price").textContent).toBe("₹350.00");
    expect(byTestId(el, "connection-2-left").textContent).toBe("1 refill left this financial year");
    expect(queryTestId(el, "connection-2-blocked")).toBeNull();
    const book = byTestId<HTMLButtonElement>(el, "home-book-2");
    expect(book.textContent).toBe("Book 5 kg domestic refill");
    expect(book.classList.contains("btn--lg")).toBe(true);
    book.click();
    expect(go.book).toHaveBeenCalledWith(2);
  });

  it("offers no booking of a type no longer sold", async () => {
    const home = customerHome({ connections: [connection({ type_active: false })] });
    const { ctx } = customerContext({ customerHome: () => Promise.resolve(home) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(byTestId(el, "connection-1-inactive").textContent).toContain("no longer sold");
    expect(queryTestId(el, "home-book-1")).toBeNull();
  });

  it("pauses booking with a plain message when the database is damaged, and keeps the other buttons", async () => {
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome()), databaseHealth: () => Promise.resolve(damagedHealth()) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    const book = byTestId<HTMLButtonElement>(el, "home-book-1");
    expect(book.disabled).toBe(true);
    expect(byTestId(el, "home-book-paused").textContent).toBe("Bookings are paused: the agency's records need attention. Please ask the staff.");
    book.click();
    expect(go.book).not.toHaveBeenCalled();
    expect(el.textContent).not.toContain("gasdesk restore");
    byTestId(el, "home-report").click();
    expect(go.report).toHaveBeenCalledTimes(1);
  });

  it("keeps booking open when the database is sound", async () => {
    const sound = damagedHealth({ damaged: false, problem: null, last_backup: null, restore_command: null });
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome()), databaseHealth: () => Promise.resolve(sound) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLButtonElement>(el, "home-book-1").disabled).toBe(false);
    expect(queryTestId(el, "home-book-paused")).toBeNull();
    byTestId(el, "home-book-1").click();
    expect(go.book).toHaveBeenCalledTimes(1);
  });

  it("says when there is no cylinder yet", async () => {
    const { ctx } = customerContext({ customerHome: () => Promise.resolve(customerHome({ cylinders: [], connections: [connection({ held: 0 })] })) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(queryTestId(el, "home-no-cylinder")).not.toBeNull();
    expect(queryTestId(el, "home-cylinder")).toBeNull();
    expect(byTestId(el, "connection-1-holding").textContent).toBe("Single-bottle (holds 0 of 1)");
  });

  it("shows a failure with a way to try again", async () => {
    let calls = 0;
    const { ctx } = customerContext({
      customerHome: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new ApiError("Busy", "The database is busy. Please try again.")) : Promise.resolve(customerHome());
      },
    });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(byTestId(el, "load-error").textContent).toContain("The database is busy.");
    byTestId(el, "load-retry").click();
    await settle();
    expect(queryTestId(el, "home-cylinder")).not.toBeNull();
  });
});

describe("customer home on a kiosk PC", () => {
  it("pauses booking while the office is offline and resumes by itself; a damaged file keeps it paused", async () => {
    const office = fakeLink(false);
    let damaged = false;
    const { ctx } = customerContext(
      {
        customerHome: () => Promise.resolve(customerHome()),
        databaseHealth: () => Promise.resolve(damaged ? damagedHealth() : damagedHealth({ damaged: false })),
      },
      { link: office.link },
    );
    const screen = homeScreen(ctx);
    const el = mount(screen.el);
    await settle();
    const book = byTestId<HTMLButtonElement>(el, "home-book-1");
    expect(book.disabled).toBe(true);
    expect(byTestId(el, "home-book-offline").hidden).toBe(false);
    expect(byTestId<HTMLButtonElement>(el, "home-report").disabled).toBe(false);
    office.set(true);
    expect(book.disabled).toBe(false);
    expect(byTestId(el, "home-book-offline").hidden).toBe(true);
    screen.dispose?.();
    office.set(false);
    expect(book.disabled, "a screen left behind no longer listens").toBe(false);

    damaged = true;
    office.set(true);
    const again = mount(homeScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLButtonElement>(again, "home-book-1").disabled).toBe(true);
    office.set(false);
    office.set(true);
    expect(byTestId<HTMLButtonElement>(again, "home-book-1").disabled, "back online, still damaged").toBe(true);
  });
});
