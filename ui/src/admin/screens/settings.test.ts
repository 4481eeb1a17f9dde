// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { Settings } from "../../gen/Settings";
import { byTestId, settle } from "../../testing/fake-backend";
import { screenContext, show, type } from "../test-support";
import { readSettings, settingsScreen } from "./settings";

const current: Settings = {
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
  legal_name: "Sri Lakshmi Gas Agency Private Limited",
  agency_address: "12 Station Road, Jayanagar, Bengaluru 560041",
  gstin: "29AAGCG1234K1ZJ",
  agency_state: "Karnataka (29)",
  refill_gap_days: 25,
  refills_per_year: 15,
  test_due_margin_days: 30,
};

const typed = {
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
  legal_name: " Sri Lakshmi Gas Agency Private Limited ",
  agency_address: "12 Station Road,\nJayanagar, Bengaluru 560041\n",
  gstin: " 29aagcg1234k1zj",
  agency_state: "Karnataka (29)",
  refill_gap_days: "20",
  refills_per_year: "12",
  test_due_margin_days: "0",
};

describe("settings", () => {
  it("reads the form into what the backend takes (money as a decimal string, counts as numbers)", () => {
    expect(readSettings(typed, true)).toEqual({
      settings: {
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
        legal_name: "Sri Lakshmi Gas Agency Private Limited",
        agency_address: "12 Station Road,\nJayanagar, Bengaluru 560041",
        gstin: "29AAGCG1234K1ZJ",
        agency_state: "Karnataka (29)",
        refill_gap_days: 20,
        refills_per_year: 12,
        test_due_margin_days: 0,
      },
    });
  });

  it("names every bad field at once", () => {
    const read = readSettings({ ...typed, kiosk_idle_seconds: "5", emergency_helpline: "call us", max_open_complaints: "21", kiosk_port: "80" }, false);
    expect("problems" in read && Object.keys(read.problems).sort()).toEqual(["emergency_helpline", "kiosk_idle_seconds", "kiosk_port", "max_open_complaints"]);
  });

  it("checks the seller's details and the refill rules' bounds (0–365 days, 1–100 a year, 0–365 days)", () => {
    const read = readSettings(
      { ...typed, legal_name: " ", gstin: "29AAGCG1234K1Z", refill_gap_days: "366", refills_per_year: "0", test_due_margin_days: "-1" },
      false,
    );
    expect("problems" in read && read.problems).toEqual({
      legal_name: "Please enter the legal name.",
      gstin: "A GSTIN has 15 letters and digits, such as 27AAPFU0939F1ZV (this has 14 characters).",
      refill_gap_days: "The days between refills must be between 0 and 365.",
      refills_per_year: "The number of refills per year must be between 1 and 100.",
      test_due_margin_days: "Enter the days before the test date as a whole number.",
    });
    const edges = readSettings({ ...typed, gstin: "", refill_gap_days: "365", refills_per_year: "100", test_due_margin_days: "365" }, false);
    expect("settings" in edges && edges.settings).toMatchObject({ gstin: "", refill_gap_days: 365, refills_per_year: 100, test_due_margin_days: 365 });
  });

  it("shows the invoice details and refill rules, saves them, and shows a refused GSTIN beside its box", async () => {
    const updateSettings = vi
      .fn((s: Settings) => Promise.resolve(s))
      .mockImplementationOnce(() =>
        Promise.reject(new ApiError("Invalid", "That is not a valid GSTIN: 15 characters such as 27AAPFU0939F1ZV (state code, PAN, entity number, Z, check character).", "gstin")),
      );
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve(current), listStaff: () => Promise.resolve([]), updateSettings });
    show(host, settingsScreen(ctx).el);
    await settle();
    expect(host.querySelector('[data-testid="settings-price"]')).toBeNull();
    expect(byTestId(host, "settings-invoices").querySelector("legend")?.textContent).toBe("On invoices");
    expect(byTestId(host, "settings-refill-rules").querySelector("legend")?.textContent).toBe("Refill rules");
    expect(byTestId<HTMLInputElement>(host, "settings-legal-name").value).toBe("Sri Lakshmi Gas Agency Private Limited");
    expect(byTestId<HTMLTextAreaElement>(host, "settings-agency-address").value).toBe("12 Station Road, Jayanagar, Bengaluru 560041");
    expect(byTestId<HTMLInputElement>(host, "settings-gstin").value).toBe("29AAGCG1234K1ZJ");
    expect(byTestId<HTMLInputElement>(host, "settings-agency-state").value).toBe("Karnataka (29)");
    expect(byTestId<HTMLInputElement>(host, "settings-refill-gap").value).toBe("25");
    expect(byTestId<HTMLInputElement>(host, "settings-refills-per-year").value).toBe("15");
    expect(byTestId<HTMLInputElement>(host, "settings-test-due-margin").value).toBe("30");

    // Right length, wrong check character: only the backend knows, and says so beside the box.
    type(byTestId<HTMLInputElement>(host, "settings-gstin"), "29AAGCG1234K1ZK");
    byTestId(host, "settings-save").click();
    await settle();
    expect(byTestId(host, "settings-gstin-error").textContent).toContain("not a valid GSTIN");
    expect(document.activeElement).toBe(byTestId(host, "settings-gstin"));

    // Too short: said at once, nothing sent.
    type(byTestId<HTMLInputElement>(host, "settings-gstin"), "29AAGCG");
    byTestId(host, "settings-save").click();
    await settle();
    expect(byTestId(host, "settings-gstin-error").textContent).toContain("15 letters and digits");
    expect(updateSettings).toHaveBeenCalledTimes(1);

    type(byTestId<HTMLInputElement>(host, "settings-gstin"), "29aagcg1234k1zj");
    type(byTestId<HTMLInputElement>(host, "settings-refill-gap"), "28");
    type(byTestId<HTMLInputElement>(host, "settings-refills-per-year"), "12");
    type(byTestId<HTMLInputElement>(host, "settings-test-due-margin"), "45");
    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenLastCalledWith({ ...current, refill_gap_days: 28, refills_per_year: 12, test_due_margin_days: 45 });
    expect(byTestId(host, "settings-gstin-error").hidden).toBe(true);
    expect(byTestId(host, "settings-notice").textContent).toBe("Saved. Refills: 28 days apart, 12 a year per connection.");
  });

  it("fills the form, saves, and shows the backend's field error beside its field", async () => {
    const updateSettings = vi
      .fn((s: Settings) => Promise.resolve(s))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "The low-stock threshold must be between 0 and 100000.", "low_stock_threshold")));
    const { ctx, host } = screenContext({ getSettings: () => Promise.resolve(current), listStaff: () => Promise.resolve([]), updateSettings });
    show(host, settingsScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLInputElement>(host, "settings-low-stock").value).toBe("20");
    expect(byTestId<HTMLInputElement>(host, "settings-agency-name").value).toBe("Sri Lakshmi Gas Agency");

    type(byTestId<HTMLInputElement>(host, "settings-low-stock"), "15");
    byTestId(host, "settings-save").click();
    await settle();
    expect(byTestId(host, "settings-low-stock-error").textContent).toBe("The low-stock threshold must be between 0 and 100000.");

    byTestId(host, "settings-save").click();
    await settle();
    expect(updateSettings).toHaveBeenLastCalledWith({ ...current, low_stock_threshold: 15 });
    expect(byTestId(host, "settings-notice").textContent).toContain("Saved.");
    expect(byTestId(host, "settings-low-stock-error").hidden).toBe(true);
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
