// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { Device } from "../../gen/Device";
import type { KioskServerStatus } from "../../gen/KioskServerStatus";
import type { PairingCode } from "../../gen/PairingCode";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { screenContext, show, type } from "../test-support";
import { groupFingerprint, kiosksScreen, statusText, timeLeft } from "./kiosks";

const FINGERPRINT = "a7f309c2".repeat(8);

function serving(extra: Partial<KioskServerStatus> = {}): KioskServerStatus {
  return { serving: true, addresses: ["192.168.1.10:7443"], fingerprint: FINGERPRINT, error: null, ...extra };
}

function device(id: number, name: string, extra: Partial<Device> = {}): Device {
  return { id, name, paired_at: "2025-03-12T05:00:00.000000Z", last_seen_at: "2025-03-12T06:00:00.000000Z", revoked_at: null, ...extra };
}

const NOW = Date.parse("2025-03-12T05:00:00Z");
const code: PairingCode = { code: "AB12-CD34-EF56-GH78", name: "Counter 1", expires_at: "2025-03-12T05:10:00.000000Z" };

function mount(overrides: Parameters<typeof screenContext>[0] = {}) {
  const context = screenContext({ kioskServer: () => Promise.resolve(serving()), listKiosks: () => Promise.resolve([]), ...overrides });
  const screen = kiosksScreen(context.ctx);
  show(context.host, screen.el);
  return { ...context, screen };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the Kiosks screen", () => {
  it("shows where the office serves kiosks and its certificate fingerprint in groups of four", async () => {
    const { host } = mount();
    await settle();
    expect(byTestId(host, "kiosks-status").textContent).toBe("Serving kiosks on 192.168.1.10:7443");
    expect(byTestId(host, "kiosks-fingerprint").textContent).toBe(groupFingerprint(FINGERPRINT));
    expect(byTestId(host, "kiosks-fingerprint").textContent?.split(" ")).toHaveLength(16);
    expect(byTestId(host, "kiosks-open-settings").hidden).toBe(true);
  });

  it("says how to turn serving on, or why the server did not start", async () => {
    const off = mount({ kioskServer: () => Promise.resolve(serving({ serving: false, addresses: [] })) });
    await settle();
    expect(byTestId(off.host, "kiosks-status").textContent).toBe("Not serving: turn on 'Serve kiosks on this network' in Settings");
    byTestId(off.host, "kiosks-open-settings").click();
    expect(off.navigate).toHaveBeenCalledWith("settings");

    const failed = mount({ kioskServer: () => Promise.resolve(serving({ serving: false, addresses: [], error: "Port 7443 is in use by another program." })) });
    await settle();
    expect(byTestId(failed.host, "kiosks-status").textContent).toBe("Not serving: Port 7443 is in use by another program.");
    expect(statusText(serving({ addresses: ["192.168.1.10:7443", "10.0.0.5:7443"] }))).toBe("Serving kiosks on 192.168.1.10:7443, 10.0.0.5:7443");
  });

  it("lists the paired kiosks with when they were paired and last seen, and removed ones as such", async () => {
    const { host } = mount({
      listKiosks: () =>
        Promise.resolve([device(2, "Counter 2", { last_seen_at: null }), device(1, "Counter 1", { revoked_at: "2025-03-12T07:00:00.000000Z" })]),
    });
    await settle();
    const rows = [...host.querySelectorAll("[data-testid^='kiosk-row-']")].map((r) => r.getAttribute("data-testid"));
    expect(rows).toEqual(["kiosk-row-2", "kiosk-row-1"]);
    expect(byTestId(host, "kiosk-row-2").textContent).toContain("Counter 2");
    expect(byTestId(host, "kiosk-row-2").textContent).toContain("Never");
    expect(byTestId(host, "kiosk-row-2").textContent).toContain("Paired");
    expect(byTestId(host, "kiosk-row-1").textContent).toContain("Removed");
    expect(queryTestId(host, "kiosk-remove-2")).not.toBeNull();
    expect(queryTestId(host, "kiosk-remove-1")).toBeNull();
  });

  it("says so when no kiosk is paired yet", async () => {
    const { host } = mount();
    await settle();
    expect(byTestId(host, "kiosks-table").textContent).toContain("No kiosk is paired");
  });

  it("adds a kiosk: shows its code large in groups of four, counts down to its expiry, and the command for the kiosk PC", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(NOW);
    const addKiosk = vi.fn(() => Promise.resolve(code));
    const { host } = mount({ addKiosk });
    await settle();
    byTestId(host, "kiosks-add").click();
    byTestId(host, "kiosk-add-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "kiosk-new-name-error").textContent).toContain("kiosk name");
    expect(addKiosk).not.toHaveBeenCalled();

    type(byTestId<HTMLInputElement>(host, "kiosk-new-name"), "  Counter 1 ");
    byTestId(host, "kiosk-add-dialog-confirm").click();
    await settle();
    expect(addKiosk).toHaveBeenCalledWith("Counter 1");
    expect(queryTestId(host, "kiosk-add-dialog")).toBeNull();
    const groups = [...byTestId(host, "kiosk-code").querySelectorAll(".admin-pairing-code__group")].map((g) => g.textContent);
    expect(groups).toEqual(["AB12", "CD34", "EF56", "GH78"]);
    expect(byTestId(host, "kiosk-code-left").textContent).toContain("10:00");
    expect(byTestId(host, "kiosk-pair-command").textContent).toBe("gasdesk pair --server 192.168.1.10:7443 --code AB12-CD34-EF56-GH78");
    expect(byTestId(host, "kiosk-start-command").textContent).toBe("gasdesk --kiosk --server 192.168.1.10:7443");
    expect(queryTestId(host, "kiosk-code-not-serving")).toBeNull();

    vi.advanceTimersByTime(61_000);
    expect(byTestId(host, "kiosk-code-left").textContent).toContain("8:59");
    vi.advanceTimersByTime(9 * 60_000);
    expect(byTestId(host, "kiosk-code-left").textContent).toContain("expired");
  });

  it("warns on the code when the office is not serving yet, and shows the backend's refusal of a name beside it", async () => {
    const addKiosk = vi
      .fn(() => Promise.resolve(code))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "The kiosk name must be at most 60 characters.", "name")));
    const { host } = mount({ kioskServer: () => Promise.resolve(serving({ serving: false, addresses: [] })), addKiosk });
    await settle();
    byTestId(host, "kiosks-add").click();
    type(byTestId<HTMLInputElement>(host, "kiosk-new-name"), "Counter 1");
    byTestId(host, "kiosk-add-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "kiosk-new-name-error").textContent).toBe("The kiosk name must be at most 60 characters.");
    byTestId(host, "kiosk-add-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "kiosk-code-not-serving").textContent).toContain("Serve kiosks on this network");
    expect(byTestId(host, "kiosk-pair-command").textContent).toBe("gasdesk pair --server <office address>:<port> --code AB12-CD34-EF56-GH78");
  });

  it("closing the code lists the kiosks again", async () => {
    // Empty when the screen opens; the new kiosk is there once it paired.
    let asked = 0;
    const listKiosks = () => Promise.resolve(asked++ === 0 ? [] : [device(3, "Counter 1", { last_seen_at: null })]);
    const { host } = mount({ addKiosk: () => Promise.resolve(code), listKiosks });
    await settle();
    expect(queryTestId(host, "kiosk-row-3")).toBeNull();
    byTestId(host, "kiosks-add").click();
    type(byTestId<HTMLInputElement>(host, "kiosk-new-name"), "Counter 1");
    byTestId(host, "kiosk-add-dialog-confirm").click();
    await settle();
    byTestId(host, "kiosk-code-dialog-close").click();
    await settle();
    expect(queryTestId(host, "kiosk-code-dialog")).toBeNull();
    expect(queryTestId(host, "kiosk-row-3")).not.toBeNull();
  });

  it("removes a kiosk only after asking, then lists it as removed", async () => {
    let revoked = false;
    const revokeKiosk = vi.fn((id: number) => {
      revoked = true;
      return Promise.resolve(device(id, "Counter 1", { revoked_at: "2025-03-12T07:00:00.000000Z" }));
    });
    const listKiosks = () => Promise.resolve([device(1, "Counter 1", revoked ? { revoked_at: "2025-03-12T07:00:00.000000Z" } : {})]);
    const { host } = mount({ listKiosks, revokeKiosk });
    await settle();
    byTestId(host, "kiosk-remove-1").click();
    expect(byTestId(host, "kiosk-remove-dialog").textContent).toContain("Remove the kiosk Counter 1?");
    expect(revokeKiosk).not.toHaveBeenCalled();
    byTestId(host, "kiosk-remove-dialog-cancel").click();
    expect(queryTestId(host, "kiosk-remove-dialog")).toBeNull();
    expect(revokeKiosk).not.toHaveBeenCalled();

    byTestId(host, "kiosk-remove-1").click();
    byTestId(host, "kiosk-remove-dialog-confirm").click();
    await settle();
    expect(revokeKiosk).toHaveBeenCalledWith(1);
    expect(byTestId(host, "kiosks-notice").textContent).toContain("Removed Counter 1");
    expect(byTestId(host, "kiosk-row-1").textContent).toContain("Removed");
    expect(queryTestId(host, "kiosk-remove-1")).toBeNull();
  });

  it("stops the countdown when the screen goes", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(NOW);
    const { host, screen } = mount({ addKiosk: () => Promise.resolve(code) });
    await settle();
    byTestId(host, "kiosks-add").click();
    type(byTestId<HTMLInputElement>(host, "kiosk-new-name"), "Counter 1");
    byTestId(host, "kiosk-add-dialog-confirm").click();
    await settle();
    expect(vi.getTimerCount()).toBe(1);
    screen.dispose?.();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("the pairing code's helpers", () => {
  it("counts down in minutes and seconds, and says nothing is left once it has passed", () => {
    expect(timeLeft(code.expires_at, NOW)).toBe("10:00");
    expect(timeLeft(code.expires_at, NOW + 9 * 60_000 + 59_500)).toBe("0:01");
    expect(timeLeft(code.expires_at, NOW + 10 * 60_000)).toBeNull();
    expect(timeLeft("not a time", NOW)).toBeNull();
  });

  it("groups a fingerprint in fours", () => {
    expect(groupFingerprint("a7f309c2b1")).toBe("a7f3 09c2 b1");
    expect(groupFingerprint("")).toBe("");
  });
});
