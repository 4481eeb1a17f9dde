// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { Settings } from "../../gen/Settings";
import { byTestId, settle } from "../../testing/fake-backend";
import { screenContext, show, type } from "../test-support";
import { readSettings, settingsScreen } from "./settings";

const current: Settings = {
  price: "1000.00",
  low_stock_threshold: 20,
  kiosk_idle_seconds: 90,
  admin_relock_seconds: 300,
  agency_name: "Sri Lakshmi Gas Agency",
  emergency_helpline: "1906",
  max_open_complaints: 3,
  backup_folder: "",
  backup_every_hours: 24,
  backups_to_keep: 14,
  serve_kiosks: false,
  kiosk_port: 7443,
};

const typed = {
  price: "₹1,050.5",
  low_stock_threshold: "25",
  kiosk_idle_seconds: "120",
  admin_relock_seconds: "600",
  agency_name: "  Sri Lakshmi Gas  ",
  emergency_helpline: "1906",
  max_open_complaints: "5",
  backup_folder: "  E:\\GasDesk backups ",
  backup_every_hours: "12",
  backups_to_keep: "30",
  kiosk_port: " 8443 ",
};

describe("settings", () => {
  it("reads the form into what the backend takes (money as a decimal string, counts as numbers)", () => {
    expect(readSettings(typed, true)).toEqual({
      settings: {
        price: "1050.50",
        low_stock_threshold: 25,
        kiosk_idle_seconds: 120,
        admin_relock_seconds: 600,
        agency_name: "Sri Lakshmi Gas",
        emergency_helpline: "1906",
        max_open_complaints: 5,
        backup_folder: "E:\\GasDesk backups",
        backup_every_hours: 12,
        backups_to_keep: 30,
        serve_kiosks: true,
        kiosk_port: 8443,
      },
    });
  });

  it("names every bad field at once", () => {
    const read = readSettings({ ...typed, price: "10.999", kiosk_idle_seconds: "5", emergency_helpline: "call us", max_open_complaints: "21", kiosk_port: "80" }, false);
    expect("problems" in read && Object.keys(read.problems).sort()).toEqual(["emergency_helpline", "kiosk_idle_seconds", "kiosk_port", "max_open_complaints", "price"]);
  });

  it("fills the form, saves, and shows the backend's field error beside its field", async () => {
    const updateSettings = vi
      .fn((s: Settings) => Promise.resolve(s))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "The price must be between ₹1.00 and ₹1,00,000.00.", "price")));
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve(current), listStaff: () => Promise.resolve([]), updateSettings });
    show(host, settingsScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLInputElement>(host, "settings-price").value).toBe("1000.00");
    expect(byTestId<HTMLInputElement>(host, "settings-agency-name").value).toBe("Sri Lakshmi Gas Agency");

    type(byTestId<HTMLInputElement>(host, "settings-price"), "200000");
    byTestId(host, "settings-save").click();
    await settle();
    expect(byTestId(host, "settings-price-error").textContent).toBe("The price must be between ₹1.00 and ₹1,00,000.00.");

    type(byTestId<HTMLInputElement>(host, "settings-price"), "1100");
    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenLastCalledWith({ ...current, price: "1100.00", low_stock_threshold: 20, kiosk_idle_seconds: 90, admin_relock_seconds: 300 });
    expect(byTestId(host, "settings-notice").textContent).toContain("₹1,100.00");
    expect(byTestId(host, "settings-price-error").hidden).toBe(true);
  });

  it("shows and saves the limit of open complaints per customer", async () => {
    const updateSettings = vi.fn((s: Settings) => Promise.resolve(s));
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve(current), listStaff: () => Promise.resolve([]), updateSettings });
    show(host, settingsScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLInputElement>(host, "settings-max-open-complaints").value).toBe("3");
    type(byTestId<HTMLInputElement>(host, "settings-max-open-complaints"), "0");
    byTestId(host, "settings-save").click();
    await settle();
    expect(byTestId(host, "settings-max-open-complaints-error").textContent).not.toBe("");
    expect(updateSettings).not.toHaveBeenCalled();
    type(byTestId<HTMLInputElement>(host, "settings-max-open-complaints"), "5");
    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenLastCalledWith({ ...current, max_open_complaints: 5 });
  });

  it("checks the backup settings: a full folder path or empty, 1 to 168 hours, 1 to 365 kept", () => {
    const read = readSettings({ ...typed, backup_folder: "backups", backup_every_hours: "0", backups_to_keep: "366" }, false);
    expect("problems" in read && Object.keys(read.problems).sort()).toEqual(["backup_every_hours", "backup_folder", "backups_to_keep"]);
    for (const folder of ["", "/media/usb/backups", "D:/backups", "\\\\office-nas\\gasdesk"]) {
      expect("settings" in readSettings({ ...typed, backup_folder: folder }, false), folder).toBe(true);
    }
  });

  it("shows and saves the backup folder, how often and how many to keep", async () => {
    const updateSettings = vi.fn((s: Settings) => Promise.resolve(s));
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve(current), listStaff: () => Promise.resolve([]), updateSettings });
    show(host, settingsScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLInputElement>(host, "settings-backup-every-hours").value).toBe("24");
    expect(byTestId<HTMLInputElement>(host, "settings-backups-to-keep").value).toBe("14");
    type(byTestId<HTMLInputElement>(host, "settings-backup-folder"), "/media/usb/gasdesk");
    type(byTestId<HTMLInputElement>(host, "settings-backup-every-hours"), "6");
    type(byTestId<HTMLInputElement>(host, "settings-backups-to-keep"), "30");
    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenLastCalledWith({ ...current, backup_folder: "/media/usb/gasdesk", backup_every_hours: 6, backups_to_keep: 30 });
  });
  it("turns serving kiosks on with its port, and says where it serves once saved", async () => {
    let saved: Settings = current;
    const updateSettings = vi.fn((s: Settings) => {
      saved = s;
      return Promise.resolve(s);
    });
    const kioskServer = () =>
      Promise.resolve(
        saved.serve_kiosks
          ? { serving: true, addresses: [`192.168.1.10:${saved.kiosk_port}`], fingerprint: "", error: null }
          : { serving: false, addresses: [], fingerprint: "", error: null },
      );
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve(current), listStaff: () => Promise.resolve([]), updateSettings, kioskServer });
    show(host, settingsScreen(ctx).el);
    await settle();
    const serve = byTestId<HTMLInputElement>(host, "settings-serve-kiosks");
    expect(serve.checked).toBe(false);
    expect(serve.closest("label")?.textContent).toBe("Serve kiosks on this network");
    expect(byTestId<HTMLInputElement>(host, "settings-kiosk-port").value).toBe("7443");
    expect(byTestId(host, "settings-kiosk-status").textContent).toBe("Not serving kiosks.");

    serve.click();
    type(byTestId<HTMLInputElement>(host, "settings-kiosk-port"), "8443");
    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenLastCalledWith({ ...current, serve_kiosks: true, kiosk_port: 8443 });
    expect(byTestId(host, "settings-kiosk-status").textContent).toBe("Serving kiosks on 192.168.1.10:8443");
  });

  it("shows why the server did not start, and a refused port beside its box", async () => {
    const updateSettings = vi
      .fn((s: Settings) => Promise.resolve(s))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "The port for kiosks must be between 1024 and 65535.", "kiosk_port")));
    const kioskServer = () => Promise.resolve({ serving: false, addresses: [], fingerprint: "", error: "Port 7443 is in use by another program." });
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve({ ...current, serve_kiosks: true }), listStaff: () => Promise.resolve([]), updateSettings, kioskServer });
    show(host, settingsScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLInputElement>(host, "settings-serve-kiosks").checked).toBe(true);
    expect(byTestId(host, "settings-kiosk-status").textContent).toBe("Not serving: Port 7443 is in use by another program.");
    byTestId(host, "settings-save").click();
    await settle();
    expect(byTestId(host, "settings-kiosk-port-error").textContent).toBe("The port for kiosks must be between 1024 and 65535.");
    type(byTestId<HTMLInputElement>(host, "settings-kiosk-port"), "99999");
    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenCalledTimes(1);
    expect(byTestId(host, "settings-kiosk-port-error").textContent).toContain("port for kiosks");
  });
});
