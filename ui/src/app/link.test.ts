// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/error";
import type { KioskLink } from "../gen/KioskLink";
import { appInfo, byTestId, fakeBackend, queryTestId, settle } from "../testing/fake-backend";
import { App } from "./app";
import { catalog, language, resetLanguage, setDefaultLanguage, t } from "../i18n";
import { LINK_POLL_MS, LinkWatcher, OFFLINE_TITLE, UPDATE_TITLE } from "./link";

function link(extra: Partial<KioskLink> = {}): KioskLink {
  return { remote: true, online: true, update_needed: false, agency_name: "Test Gas Agency", emergency_helpline: "1906", language: "en", ...extra };
}

/** A kiosk shell whose answers the test changes as it goes. */
function changingLink(first: KioskLink) {
  let current = first;
  const kioskLink = vi.fn(() => Promise.resolve(current));
  return { kioskLink, set: (next: KioskLink) => (current = next) };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("the office link banner", () => {
  it("shows 'Office offline — bookings paused' with the cached helpline, and clears by itself when the office is back", async () => {
    const shell = changingLink(link());
    const banner = document.createElement("div");
    const onBack = vi.fn();
    const changes: boolean[] = [];
    const watcher = new LinkWatcher({ kioskLink: shell.kioskLink }, banner, link(), onBack);
    watcher.subscribe((online) => changes.push(online));
    expect(banner.hidden).toBe(true);

    shell.set(link({ online: false, emergency_helpline: "1800-233-3555" }));
    await vi.advanceTimersByTimeAsync(LINK_POLL_MS);
    expect(banner.hidden).toBe(false);
    expect(banner.textContent).toContain(t(OFFLINE_TITLE));
    expect(byTestId(banner, "link-helpline").textContent).toBe("1800-233-3555");
    expect(watcher.online).toBe(false);
    expect(changes).toEqual([false]);

    await vi.advanceTimersByTimeAsync(LINK_POLL_MS);
    expect(changes).toEqual([false]);
    expect(onBack).not.toHaveBeenCalled();

    shell.set(link());
    await vi.advanceTimersByTimeAsync(LINK_POLL_MS);
    expect(banner.hidden).toBe(true);
    expect(banner.textContent).toBe("");
    expect(changes).toEqual([false, true]);
    expect(onBack).toHaveBeenCalledOnce();
    watcher.stop();
    const asked = shell.kioskLink.mock.calls.length;
    await vi.advanceTimersByTimeAsync(LINK_POLL_MS * 3);
    expect(shell.kioskLink.mock.calls.length).toBe(asked);
  });

  it("says plainly when this kiosk needs an update, and counts it as offline for bookings", () => {
    const banner = document.createElement("div");
    const watcher = new LinkWatcher({ kioskLink: () => Promise.resolve(link()) }, banner, link({ update_needed: true }), () => undefined);
    expect(banner.hidden).toBe(false);
    expect(banner.textContent).toContain(t(UPDATE_TITLE));
    expect(banner.textContent).toContain("update this kiosk");
    expect(watcher.online).toBe(false);
    watcher.stop();
  });

  it("shows the helpline as text, whatever it holds", () => {
    const banner = document.createElement("div");
    const watcher = new LinkWatcher({ kioskLink: () => Promise.resolve(link()) }, banner, link({ online: false, emergency_helpline: "<img src=x onerror=alert(1)>" }), () => undefined);
    expect(banner.querySelector("img")).toBeNull();
    expect(byTestId(banner, "link-helpline").textContent).toBe("<img src=x onerror=alert(1)>");
    watcher.stop();
  });
});

describe("a kiosk PC whose office is offline at start", () => {
  it("shows the banner over the start error and starts by itself when the office is back", async () => {
    const shell = changingLink(link({ online: false }));
    let officeUp = false;
    const backend = fakeBackend({
      kioskLink: shell.kioskLink,
      appInfo: () =>
        officeUp
          ? Promise.resolve(appInfo({ kiosk: true }))
          : Promise.reject(new ApiError("OfficeOffline", "The office PC cannot be reached. Bookings are paused until it is back.")),
    });
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const app = new App(root, backend);
    void app.start();
    await settle();
    expect(byTestId(root, "boot-error").textContent).toBe(t("error.OfficeOffline"));
    const banner = byTestId(root, "link-banner");
    expect(banner.hidden).toBe(false);
    expect(banner.textContent).toContain(t(OFFLINE_TITLE));
    expect(banner.textContent).toContain("1906");

    officeUp = true;
    shell.set(link());
    await vi.advanceTimersByTimeAsync(LINK_POLL_MS);
    await settle();
    expect(banner.hidden).toBe(true);
    expect(queryTestId(root, "boot-error")).toBeNull();
    expect(queryTestId(root, "login-form")).not.toBeNull();
    app.destroy();
  });

  it("on a Hindi kiosk shows the start error, its title and the banner in Hindi, never the backend's English", async () => {
    const backend = fakeBackend({
      kioskLink: () => Promise.resolve(link({ online: false, language: "hi" })),
      appInfo: () => Promise.reject(new ApiError("OfficeOffline", "The office PC cannot be reached. Bookings are paused until it is back.")),
    });
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const app = new App(root, backend);
    void app.start();
    await settle();
    expect(language()).toBe("hi");
    expect(byTestId(root, "boot-error").textContent).toBe(catalog("hi")["error.OfficeOffline"]);
    expect(root.querySelector("h1")?.textContent).toBe(catalog("hi")["boot.failedTitle"]);
    expect(byTestId(root, "boot-retry").textContent).toBe(catalog("hi")["common.tryAgain"]);
    expect(byTestId(root, "link-banner").textContent).toContain(catalog("hi")["link.offlineTitle"]);
    expect(root.textContent).not.toMatch(/cannot be reached|could not start|Try again/);
    app.destroy();
    setDefaultLanguage("en");
    resetLanguage();
  });

  it("on the office PC (not remote) never shows the banner nor polls", async () => {
    const kioskLink = vi.fn(() => Promise.resolve(link({ remote: false })));
    const root = document.createElement("div");
    document.body.replaceChildren(root);
    const app = new App(root, fakeBackend({ kioskLink, appInfo: () => Promise.resolve(appInfo()) }));
    void app.start();
    await settle();
    await vi.advanceTimersByTimeAsync(LINK_POLL_MS * 3);
    expect(byTestId(root, "link-banner").hidden).toBe(true);
    expect(kioskLink).toHaveBeenCalledOnce();
    app.destroy();
  });
});
