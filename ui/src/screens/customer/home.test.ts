// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/error";
import { byTestId, customerHome, queryTestId, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
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
