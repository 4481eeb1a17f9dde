// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Backend } from "../api/backend";
import { ApiError } from "../api/error";
import type { SessionInfo } from "../gen/SessionInfo";
import { appInfo, byTestId, customerHome, fakeBackend, queryTestId, settings, settle } from "../testing/fake-backend";
import { t } from "../i18n";
import { App, NOTICE_EXPIRED, NOTICE_IDLE } from "./app";

const mounted = vi.hoisted(() => ({
  calls: [] as { root: HTMLElement; ctx: { backend: Backend; kiosk: boolean; onLock: () => void; onRelockSeconds: (seconds: number) => void } }[],
  /** What the shell told the area: the countdown's seconds (null: hidden), and its cleanups. */
  warnings: [] as (number | null)[],
  cleanups: 0,
}));
vi.mock("../admin/index", () => ({
  mountAdmin: (root: HTMLElement, ctx: { backend: Backend; kiosk: boolean; onLock: () => void; onRelockSeconds: (seconds: number) => void }) => {
    mounted.calls.push({ root, ctx });
    const el = document.createElement("p");
    el.dataset["testid"] = "fake-admin";
    root.append(el);
    return {
      idleWarning: (seconds: number | null) => mounted.warnings.push(seconds),
      cleanup: () => {
        mounted.cleanups += 1;
      },
    };
  },
}));

const asha: SessionInfo = { customer: { id: 7, username: "asha" }, staff: null };
const nobody: SessionInfo = { customer: null, staff: null };

let app: App | null = null;

function start(backend: Backend): HTMLElement {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  app = new App(root, backend);
  void app.start();
  return root;
}

function typeInto(root: ParentNode, id: string, value: string): void {
  const input = byTestId<HTMLInputElement>(root, id);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function submit(root: ParentNode, id: string): void {
  byTestId<HTMLButtonElement>(root, id).closest("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
}

beforeEach(() => {
  mounted.calls = [];
  mounted.warnings = [];
  mounted.cleanups = 0;
});

afterEach(() => {
  app?.destroy();
  app = null;
  vi.useRealTimers();
});

describe("app shell", () => {
  it("asks for the first staff account on an empty database, then opens the admin area", async () => {
    const setUpFirstStaff = vi.fn(() => Promise.resolve({ customer: null, staff: { id: 1, username: "boss" } }));
    const root = start(fakeBackend({ appInfo: () => Promise.resolve(appInfo({ settings: settings({ is_set_up: false }) })), setUpFirstStaff }));
    await settle();
    expect(queryTestId(root, "setup")).not.toBeNull();
    expect(queryTestId(root, "admin-switch")).toBeNull();
    typeInto(root, "setup-username", "boss");
    typeInto(root, "setup-fullname", "The Boss");
    typeInto(root, "setup-password", "longenough1");
    typeInto(root, "setup-confirm", "different11");
    submit(root, "setup-submit");
    expect(byTestId(root, "setup-confirm-error").textContent).toBe("The two passwords are not the same.");
    expect(setUpFirstStaff).not.toHaveBeenCalled();
    typeInto(root, "setup-confirm", "longenough1");
    submit(root, "setup-submit");
    await settle();
    expect(setUpFirstStaff).toHaveBeenCalledWith("boss", "The Boss", "longenough1");
    expect(mounted.calls).toHaveLength(1);
    expect(app?.currentArea).toBe("admin");
  });

  it("on a kiosk with an empty database tells the customer to ask staff and shows no setup form", async () => {
    const setUpFirstStaff = vi.fn(() => Promise.resolve({ customer: null, staff: { id: 1, username: "boss" } }));
    const root = start(fakeBackend({ appInfo: () => Promise.resolve(appInfo({ kiosk: true, settings: settings({ is_set_up: false }) })), setUpFirstStaff }));
    await settle();
    expect(byTestId(root, "kiosk-not-set-up").textContent).toContain("This kiosk is not set up yet — ask the agency staff.");
    expect(queryTestId(root, "setup-form")).toBeNull();
    expect(queryTestId(root, "setup-username")).toBeNull();
    expect(queryTestId(root, "admin-switch")).toBeNull();
    expect(setUpFirstStaff).not.toHaveBeenCalled();
  });

  it("on a kiosk, checks again and shows the welcome screen once the office has set up", async () => {
    let setUp = false;
    const root = start(fakeBackend({ appInfo: () => Promise.resolve(appInfo({ kiosk: true, settings: settings({ is_set_up: setUp }) })) }));
    await settle();
    expect(queryTestId(root, "kiosk-not-set-up")).not.toBeNull();
    setUp = true;
    byTestId(root, "kiosk-check-again").click();
    await settle();
    expect(queryTestId(root, "kiosk-not-set-up")).toBeNull();
    expect(queryTestId(root, "welcome")).not.toBeNull();
  });

  it("logs a customer in and out", async () => {
    const customerLogin = vi.fn(() => Promise.resolve(asha));
    const customerLogout = vi.fn(() => Promise.resolve(nobody));
    const root = start(
      fakeBackend({ appInfo: () => Promise.resolve(appInfo()), customerLogin, customerLogout, customerHome: () => Promise.resolve(customerHome()) }),
    );
    await settle();
    expect(byTestId(root, "welcome-agency").textContent).toBe("Test Gas Agency");
    typeInto(root, "login-username", " asha ");
    typeInto(root, "login-password", "pass1234");
    submit(root, "login-submit");
    await settle();
    expect(customerLogin).toHaveBeenCalledWith("asha", "pass1234");
    expect(queryTestId(root, "home")).not.toBeNull();
    expect(byTestId(root, "current-user").textContent).toContain("asha");
    byTestId(root, "logout").click();
    await settle();
    expect(customerLogout).toHaveBeenCalled();
    expect(queryTestId(root, "welcome")).not.toBeNull();
  });

  it("shows wrong credentials in the catalog's words for the code", async () => {
    const root = start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo()),
        customerLogin: () => Promise.reject(new ApiError("BadCredentials", "Wrong username or password.")),
      }),
    );
    await settle();
    typeInto(root, "login-username", "asha");
    typeInto(root, "login-password", "nope");
    submit(root, "login-submit");
    await settle();
    expect(byTestId(root, "login-error").textContent).toBe("Wrong username or password.");
    expect(byTestId<HTMLInputElement>(root, "login-password").value).toBe("");
  });

  it("goes back to the welcome screen when the backend says the session ended", async () => {
    const root = start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo({ session: asha })),
        customerHome: () => Promise.reject(new ApiError("NotLoggedIn", "Please log in first.")),
      }),
    );
    await settle();
    await settle();
    expect(queryTestId(root, "welcome")).not.toBeNull();
    expect(byTestId(root, "welcome-notice").textContent).toBe(t(NOTICE_EXPIRED));
  });

  it("kiosk: counts down, lets the customer stay, then logs out when left alone", async () => {
    vi.useFakeTimers();
    const customerLogout = vi.fn(() => Promise.resolve(nobody));
    const touch = vi.fn(() => Promise.resolve(asha));
    const root = start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo({ kiosk: true, session: asha, settings: settings({ kiosk_idle_seconds: 30 }) })),
        customerHome: () => Promise.resolve(customerHome()),
        customerLogout,
        touch,
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(queryTestId(root, "home")).not.toBeNull();
    // 30 s idle: the countdown shows for the last 15 s.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(byTestId(root, "idle-countdown")).toBeTruthy();
    expect(byTestId(root, "idle-seconds").textContent).toBe("15");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(byTestId(root, "idle-seconds").textContent).toBe("10");
    byTestId(root, "idle-stay").click();
    expect(queryTestId(root, "idle-countdown")).toBeNull();
    expect(touch).toHaveBeenCalled();
    // Any key counts as being there.
    await vi.advanceTimersByTimeAsync(14_000);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    await vi.advanceTimersByTimeAsync(14_000);
    expect(queryTestId(root, "idle-countdown")).toBeNull();
    await vi.advanceTimersByTimeAsync(16_500);
    expect(customerLogout).toHaveBeenCalledOnce();
    expect(queryTestId(root, "idle-countdown")).toBeNull();
    expect(byTestId(root, "welcome-notice").textContent).toBe(t(NOTICE_IDLE));
  });

  it("kiosk: blocks the context menu; office mode does not", async () => {
    start(fakeBackend({ appInfo: () => Promise.resolve(appInfo({ kiosk: true })) }));
    await settle();
    const event = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    app?.destroy();
    start(fakeBackend({ appInfo: () => Promise.resolve(appInfo({ kiosk: false })) }));
    await settle();
    const office = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
    document.body.dispatchEvent(office);
    expect(office.defaultPrevented).toBe(false);
  });

  it("tells the backend someone is active at most every 10 s", async () => {
    vi.useFakeTimers();
    const touch = vi.fn(() => Promise.resolve(asha));
    start(fakeBackend({ appInfo: () => Promise.resolve(appInfo({ session: asha })), customerHome: () => Promise.resolve(customerHome()), touch }));
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 20; i += 1) {
      document.dispatchEvent(new Event("pointerdown"));
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(touch.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(touch.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it("opens the admin area with the staff switch, relocks when idle, and returns to the customer", async () => {
    vi.useFakeTimers();
    const staffUnlock = vi.fn(() => Promise.resolve({ customer: asha.customer, staff: { id: 1, username: "admin" } }));
    const staffLock = vi.fn(() => Promise.resolve(asha));
    const root = start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo({ session: asha, settings: settings({ admin_relock_seconds: 60 }) })),
        customerHome: () => Promise.resolve(customerHome()),
        staffUnlock,
        staffLock,
        touch: () => Promise.resolve({ customer: asha.customer, staff: { id: 1, username: "admin" } }),
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    byTestId(root, "admin-switch").click();
    const dialog = byTestId(root, "staff-dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    typeInto(root, "staff-username", "admin");
    typeInto(root, "staff-password", "admin12345");
    submit(root, "staff-submit");
    await vi.advanceTimersByTimeAsync(0);
    expect(staffUnlock).toHaveBeenCalledWith("admin", "admin12345");
    expect(queryTestId(root, "fake-admin")).not.toBeNull();
    expect(mounted.calls[0]?.ctx.kiosk).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(staffLock).toHaveBeenCalledOnce();
    expect(queryTestId(root, "fake-admin")).toBeNull();
    expect(queryTestId(root, "home")).not.toBeNull();
  });

  it("relocks when an admin command is Forbidden", async () => {
    const staffLock = vi.fn(() => Promise.resolve(nobody));
    const root = start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo({ session: { customer: null, staff: { id: 1, username: "admin" } } })),
        staffLock,
        dashboard: () => Promise.reject(new ApiError("Forbidden", "You are not allowed to do that.")),
      }),
    );
    await settle();
    expect(app?.currentArea).toBe("admin");
    // Two commands refused at once (the dashboard and the navigation badge): one relock.
    await Promise.all([
      expect(mounted.calls[0]?.ctx.backend.dashboard()).rejects.toMatchObject({ code: "Forbidden" }),
      expect(mounted.calls[0]?.ctx.backend.dashboard()).rejects.toMatchObject({ code: "Forbidden" }),
    ]);
    await settle();
    expect(staffLock).toHaveBeenCalledOnce();
    expect(mounted.cleanups).toBe(1);
    expect(queryTestId(root, "welcome")).not.toBeNull();
    expect(queryTestId(root, "fake-admin")).toBeNull();
  });

  it("counts down in the admin area before the idle relock, and locks at the end", async () => {
    vi.useFakeTimers();
    const staffLock = vi.fn(() => Promise.resolve(nobody));
    const root = start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo({ session: { customer: null, staff: { id: 1, username: "admin" } }, settings: settings({ admin_relock_seconds: 40 }) })),
        staffLock,
      }),
    );
    await vi.advanceTimersByTimeAsync(15_000);
    expect(mounted.warnings.at(-1)).toBe(25);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    expect(mounted.warnings.at(-1)).toBeNull();
    await vi.advanceTimersByTimeAsync(39_000);
    expect(staffLock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(staffLock).toHaveBeenCalledOnce();
    expect(mounted.cleanups).toBe(1);
    expect(queryTestId(root, "fake-admin")).toBeNull();
  });

  it("applies a relock time changed in Settings to the running relock clock at once", async () => {
    vi.useFakeTimers();
    const staffLock = vi.fn(() => Promise.resolve(nobody));
    start(
      fakeBackend({
        appInfo: () => Promise.resolve(appInfo({ session: { customer: null, staff: { id: 1, username: "admin" } }, settings: settings({ admin_relock_seconds: 600 }) })),
        staffLock,
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    // Staff shorten the relock time to 60 s; the area reports the saved value.
    mounted.calls[0]?.ctx.onRelockSeconds(60);
    await vi.advanceTimersByTimeAsync(35_000);
    expect(mounted.warnings.at(-1)).toBe(25);
    await vi.advanceTimersByTimeAsync(26_000);
    expect(staffLock).toHaveBeenCalledOnce();
  });

  it("relocks on the admin area's own Lock button (onLock)", async () => {
    const staffLock = vi.fn(() => Promise.resolve(nobody));
    const root = start(
      fakeBackend({ appInfo: () => Promise.resolve(appInfo({ session: { customer: null, staff: { id: 1, username: "admin" } } })), staffLock }),
    );
    await settle();
    mounted.calls[0]?.ctx.onLock();
    await settle();
    expect(staffLock).toHaveBeenCalledOnce();
    expect(queryTestId(root, "welcome")).not.toBeNull();
  });
});
