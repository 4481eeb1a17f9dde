// @vitest-environment happy-dom
// The shell and the customer's language: the welcome screen's switch, Hindi through the visit,
// the kiosk's default language again at every log-out (button, idle countdown): English, or
// Hindi on a kiosk started with `--language hi`; always English in the admin area.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Backend } from "../api/backend";
import { ApiError } from "../api/error";
import type { KioskLanguage } from "../gen/KioskLanguage";
import type { SessionInfo } from "../gen/SessionInfo";
import { catalog, DEFAULT_LANGUAGE, language, resetLanguage, setDefaultLanguage } from "../i18n";
import { appInfo, byTestId, customerHome, fakeBackend, queryTestId, settings, settle } from "../testing/fake-backend";
import { App } from "./app";

const admin = vi.hoisted(() => ({ lock: (): void => undefined }));
vi.mock("../admin/index", () => ({
  mountAdmin: (root: HTMLElement, ctx: { onLock: () => void }) => {
    admin.lock = ctx.onLock;
    const el = document.createElement("p");
    el.dataset["testid"] = "fake-admin";
    el.textContent = document.documentElement.lang;
    root.append(el);
    return { idleWarning: () => undefined, cleanup: () => undefined };
  },
}));

const asha: SessionInfo = { customer: { id: 7, username: "asha" }, staff: null };
const nobody: SessionInfo = { customer: null, staff: null };

let app: App | null = null;

function start(kiosk = false, idleSeconds = 120, kioskLanguage: KioskLanguage = "en", extra: Partial<Backend> = {}): HTMLElement {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  let session = nobody;
  app = new App(
    root,
    fakeBackend({
      appInfo: () =>
        Promise.resolve(appInfo({ kiosk, session, settings: settings({ kiosk_idle_seconds: idleSeconds }), language: kioskLanguage })),
      customerLogin: () => {
        session = asha;
        return Promise.resolve(asha);
      },
      customerLogout: () => {
        session = nobody;
        return Promise.resolve(nobody);
      },
      customerHome: () => Promise.resolve(customerHome()),
      staffUnlock: () => Promise.resolve({ customer: asha.customer, staff: { id: 1, username: "admin" } }),
      staffLock: () => Promise.resolve(session),
      touch: () => Promise.resolve(session),
      ...extra,
    }),
  );
  void app.start();
  return root;
}

/** Types `fields` (test id → value) into a form and submits it with `submitId`'s form. */
function fillAndSubmit(root: HTMLElement, fields: ReadonlyArray<readonly [string, string]>, submitId: string): void {
  for (const [id, value] of fields) {
    const input = byTestId<HTMLInputElement>(root, id);
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  byTestId(root, submitId).closest("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
}

function logIn(root: HTMLElement): void {
  fillAndSubmit(
    root,
    [
      ["login-username", "asha"],
      ["login-password", "pass1234"],
    ],
    "login-submit",
  );
}

/** Staff open the admin switch's dialog and unlock it. */
function unlockAdmin(root: HTMLElement): void {
  byTestId(root, "admin-switch").click();
  fillAndSubmit(
    root,
    [
      ["staff-username", "admin"],
      ["staff-password", "admin12345"],
    ],
    "staff-submit",
  );
}

afterEach(() => {
  app?.destroy();
  app = null;
  vi.useRealTimers();
  setDefaultLanguage(DEFAULT_LANGUAGE);
  resetLanguage();
});

describe("the customer's language", () => {
  it("the welcome screen switches to Hindi by a button named in Hindi, and the whole visit follows", async () => {
    const root = start();
    await settle();
    expect(byTestId(root, "lang-en").textContent).toBe("English");
    expect(byTestId(root, "lang-hi").textContent).toBe("हिन्दी");
    expect(byTestId(root, "login-submit").textContent).toBe("Log in");
    byTestId(root, "lang-hi").click();
    expect(language()).toBe("hi");
    expect(document.documentElement.lang).toBe("hi");
    expect(byTestId(root, "login-submit").textContent).toBe("लॉग इन करें");
    expect(byTestId(root, "lang-hi").getAttribute("aria-pressed")).toBe("true");
    expect(byTestId(root, "helpline-strip").textContent).toContain("गैस की गंध आए?");
    logIn(root);
    await settle();
    expect(byTestId(root, "logout").textContent).toBe("लॉग आउट");
    expect(byTestId(root, "home-book-1").textContent).toBe("14.2 kg domestic रिफिल बुक करें");
  });

  it("the log-out button brings the kiosk's default language back", async () => {
    const root = start();
    await settle();
    byTestId(root, "lang-hi").click();
    logIn(root);
    await settle();
    byTestId(root, "logout").click();
    await settle();
    expect(language()).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(byTestId(root, "login-submit").textContent).toBe("Log in");
    expect(byTestId(root, "helpline-strip").textContent).toContain("Smell gas?");
  });

  it("the idle countdown is in Hindi, and its log-out brings English back", async () => {
    vi.useFakeTimers();
    const root = start(true, 30);
    await vi.advanceTimersByTimeAsync(0);
    byTestId(root, "lang-hi").click();
    logIn(root);
    await vi.advanceTimersByTimeAsync(0);
    expect(queryTestId(root, "home")).not.toBeNull();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(byTestId(root, "idle-countdown").textContent).toContain("क्या आप अभी यहाँ हैं?");
    expect(byTestId(root, "idle-stay").textContent).toBe("मैं यहीं हूँ");
    await vi.advanceTimersByTimeAsync(16_000);
    expect(queryTestId(root, "welcome")).not.toBeNull();
    expect(language()).toBe("en");
    expect(byTestId(root, "welcome-notice").textContent).toBe("You were logged out because the screen was left alone. Please log in again.");
  });

  it("the admin area runs in English, and staff returning to the visit find the customer's Hindi again", async () => {
    const root = start();
    await settle();
    byTestId(root, "lang-hi").click();
    logIn(root);
    await settle();
    unlockAdmin(root);
    await settle();
    expect(byTestId(root, "fake-admin").textContent).toBe("en");
    expect(language()).toBe("en");
    admin.lock();
    await settle();
    expect(queryTestId(root, "home")).not.toBeNull();
    expect(language()).toBe("hi");
    expect(byTestId(root, "logout").textContent).toBe("लॉग आउट");
  });
});

describe("a kiosk started with --language hi", () => {
  it("starts in Hindi, lets a customer switch to English, and is Hindi again after log-out", async () => {
    const root = start(true, 120, "hi");
    await settle();
    expect(language()).toBe("hi");
    expect(document.documentElement.lang).toBe("hi");
    expect(byTestId(root, "login-submit").textContent).toBe("लॉग इन करें");
    expect(byTestId(root, "lang-hi").getAttribute("aria-pressed")).toBe("true");
    byTestId(root, "lang-en").click();
    expect(byTestId(root, "login-submit").textContent).toBe("Log in");
    logIn(root);
    await settle();
    expect(language()).toBe("en");
    expect(byTestId(root, "logout").textContent).toBe("Log out");
    byTestId(root, "logout").click();
    await settle();
    expect(language()).toBe("hi");
    expect(document.documentElement.lang).toBe("hi");
    expect(byTestId(root, "login-submit").textContent).toBe("लॉग इन करें");
    expect(byTestId(root, "helpline-strip").textContent).toContain("गैस की गंध आए?");
  });

  it("the idle log-out returns to Hindi too", async () => {
    vi.useFakeTimers();
    const root = start(true, 30, "hi");
    await vi.advanceTimersByTimeAsync(0);
    byTestId(root, "lang-en").click();
    logIn(root);
    await vi.advanceTimersByTimeAsync(0);
    expect(queryTestId(root, "home")).not.toBeNull();
    expect(language()).toBe("en");
    await vi.advanceTimersByTimeAsync(31_000);
    expect(queryTestId(root, "welcome")).not.toBeNull();
    expect(language()).toBe("hi");
    expect(byTestId(root, "login-submit").textContent).toBe("लॉग इन करें");
  });

  it("the admin area stays English on a Hindi kiosk", async () => {
    const root = start(true, 120, "hi");
    await settle();
    logIn(root);
    await settle();
    unlockAdmin(root);
    await settle();
    expect(byTestId(root, "fake-admin").textContent).toBe("en");
    admin.lock();
    await settle();
    expect(language()).toBe("hi");
  });
});

describe("the welcome screen left alone", () => {
  it("goes back to the kiosk's default after the idle time when a customer switched and walked away", async () => {
    vi.useFakeTimers();
    const root = start(true, 30);
    await vi.advanceTimersByTimeAsync(0);
    byTestId(root, "lang-hi").click();
    expect(language()).toBe("hi");
    await vi.advanceTimersByTimeAsync(20_000);
    // Someone typing counts as being there: the clock starts again.
    byTestId(root, "login-username").dispatchEvent(new KeyboardEvent("keydown", { bubbles: true }));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(language()).toBe("hi");
    await vi.advanceTimersByTimeAsync(11_000);
    expect(language()).toBe("en");
    expect(byTestId(root, "login-submit").textContent).toBe("Log in");
    expect(byTestId(root, "lang-en").getAttribute("aria-pressed")).toBe("true");
    expect(byTestId(root, "helpline-strip").textContent).toContain("Smell gas?");
  });

  it("on a Hindi kiosk leaves Hindi alone, and brings it back after an English switch", async () => {
    vi.useFakeTimers();
    const root = start(true, 30, "hi");
    await vi.advanceTimersByTimeAsync(31_000);
    expect(language()).toBe("hi");
    byTestId(root, "lang-en").click();
    await vi.advanceTimersByTimeAsync(31_000);
    expect(language()).toBe("hi");
    expect(byTestId(root, "login-submit").textContent).toBe("लॉग इन करें");
  });

  it("switching the language keeps the username already typed", async () => {
    const root = start();
    await settle();
    const typed = byTestId<HTMLInputElement>(root, "login-username");
    typed.value = "asha";
    typed.dispatchEvent(new Event("input", { bubbles: true }));
    byTestId(root, "lang-hi").click();
    expect(byTestId(root, "login-submit").textContent).toBe("लॉग इन करें");
    expect(byTestId<HTMLInputElement>(root, "login-username").value).toBe("asha");
  });
});

describe("a session the backend ended", () => {
  it("goes back to the welcome screen in the kiosk's default language, the notice in it", async () => {
    let homeAsked = 0;
    const root = start(false, 120, "en", {
      customerHome: () => {
        homeAsked += 1;
        return Promise.reject(new ApiError("NotLoggedIn", "Please log in again."));
      },
    });
    await settle();
    byTestId(root, "lang-hi").click();
    logIn(root);
    await settle();
    expect(homeAsked).toBe(1);
    expect(queryTestId(root, "welcome")).not.toBeNull();
    expect(language()).toBe("en");
    expect(byTestId(root, "welcome-notice").textContent).toBe("Your session has ended. Please log in again.");
    expect(byTestId(root, "login-submit").textContent).toBe("Log in");
  });
});

describe("a kiosk nobody has set up", () => {
  it("says so in the kiosk's language, Staff button and all", async () => {
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    app = new App(
      root,
      fakeBackend({
        kioskLink: () => Promise.resolve({ remote: false, online: true, update_needed: false, agency_name: "A", emergency_helpline: "1906", language: "hi" }),
        appInfo: () => Promise.resolve(appInfo({ kiosk: true, settings: settings({ is_set_up: false }), language: "hi" })),
      }),
    );
    void app.start();
    await settle();
    const hi = catalog("hi");
    expect(byTestId(root, "kiosk-not-set-up").textContent).toBe(`${hi["kioskSetup.title"]}${hi["kioskSetup.text"]}${hi["kioskSetup.checkAgain"]}`);
  });

  it("the Staff button reads in both scripts (its name is what it shows) and says what it does in the language", async () => {
    const root = start(true, 120, "hi");
    await settle();
    const staff = byTestId(root, "admin-switch");
    expect(staff.textContent).toBe("Staff / स्टाफ़");
    expect(staff.getAttribute("aria-label")).toBeNull();
    expect(staff.getAttribute("title")).toBe(catalog("hi")["shell.staffLabel"]);
  });
});
