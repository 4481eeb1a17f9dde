// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/error";
import { byTestId, customerHome, damagedHealth, queryTestId, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { fakeLink } from "../../testing/fake-link";
import { homeScreen } from "./home";

describe("customer home", () => {
  it("greets by name and shows the cylinder held", async () => {
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome({ pending_complaints: 2 })) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(byTestId(el, "home-greeting").textContent).toMatch(/, Asha Rao$/);
    expect(byTestId(el, "home-cylinder-id").textContent).toBe("ABC123");
    expect(byTestId(el, "home-cylinder-since").textContent).toMatch(/2025/);
    expect(byTestId(el, "home-complaints").textContent).toContain("2 open");
    byTestId(el, "home-book").click();
    byTestId(el, "home-report").click();
    byTestId(el, "home-complaints").click();
    byTestId(el, "home-bookings").click();
    expect([go.book, go.report, go.complaints, go.history].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
  });

  it("pauses booking with a plain message when the database is damaged, and keeps the other buttons", async () => {
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome()), databaseHealth: () => Promise.resolve(damagedHealth()) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    const book = byTestId<HTMLButtonElement>(el, "home-book");
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
    expect(byTestId<HTMLButtonElement>(el, "home-book").disabled).toBe(false);
    expect(queryTestId(el, "home-book-paused")).toBeNull();
    byTestId(el, "home-book").click();
    expect(go.book).toHaveBeenCalledTimes(1);
  });

  it("says when there is no cylinder yet", async () => {
    const { ctx } = customerContext({ customerHome: () => Promise.resolve(customerHome({ cylinder: null })) });
    const el = mount(homeScreen(ctx).el);
    await settle();
    expect(queryTestId(el, "home-no-cylinder")).not.toBeNull();
    expect(queryTestId(el, "home-cylinder")).toBeNull();
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
    const book = byTestId<HTMLButtonElement>(el, "home-book");
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
    expect(byTestId<HTMLButtonElement>(again, "home-book").disabled).toBe(true);
    office.set(false);
    office.set(true);
    expect(byTestId<HTMLButtonElement>(again, "home-book").disabled, "back online, still damaged").toBe(true);
  });
});
