// The Linux package as an office PC gets it: scripts/package-test.sh installs the built .deb
// (as root) and runs this file with GASDESK_BIN=/usr/bin/gasdesk. It checks what the package
// put on the machine and declares, books once through the installed binary on a demo database
// in the default data folder, then removes the package (not purge) and checks that the
// database is still there and still opens. Skipped in a plain e2e run: it needs the package.
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchApp, type AppSession } from "./support/app";
import { Driver } from "./support/customer";

const PACKAGE = "gasdesk";
const INSTALLED_BIN = "/usr/bin/gasdesk";
const deb = process.env["GASDESK_PACKAGE_DEB"] ?? "";
// The binary that opens the database once the package is gone: the release build it came from.
const releaseBin = process.env["GASDESK_RELEASE_BIN"] ?? "";
const dataHome = process.env["XDG_DATA_HOME"] ?? "";
// Where the app keeps its database without --db: Tauri's app data folder, named after the
// identifier in tauri.conf.json (README, "Install").
const defaultDb = join(dataHome, "in.gasdesk.app", "gasdesk.db");

function run(command: string, args: string[], stderr: "pipe" | "ignore" = "pipe"): string {
  return execFileSync(command, args, { encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", stderr] });
}

/** The package's status as dpkg sees it ("" when dpkg knows nothing of it). */
function packageStatus(): string {
  try {
    return run("dpkg-query", ["-W", "-f=${Status}", PACKAGE], "ignore");
  } catch {
    return "";
  }
}

/** The package that holds the shared library `soname`, as the dynamic linker finds it. */
function packageOwning(soname: string): string {
  const line = run("ldconfig", ["-p"])
    .split("\n")
    .find((l) => l.trim().startsWith(`${soname} (`) && l.includes("x86-64"));
  const path = line?.split("=> ")[1]?.trim() ?? "";
  // Debian 12 merges /lib into /usr/lib, and dpkg knows each file under the path its package used.
  for (const candidate of [path, realpathSync(path), path.replace(/^\/usr/, ""), `/usr${path}`]) {
    try {
      return run("dpkg", ["-S", candidate], "ignore").split(":")[0] ?? "";
    } catch {
      // not under this path: try the next
    }
  }
  return `(no package owns ${soname} at ${path})`;
}

/** Whether a Depends field names `pkg` (alone, with a version, or as one of alternatives). */
function dependsOn(depends: string, pkg: string): boolean {
  return depends.split(/[,|]/).some((entry) => entry.trim().split(/\s/)[0] === pkg);
}

/** A field of the .deb's control file (Depends, Package, …). */
function controlField(field: string): string {
  return run("dpkg-deb", ["--field", deb, field]).trim();
}

describe.skipIf(deb === "")("package: the installed .deb books and leaves the database when removed", () => {
  let app: AppSession | undefined;
  let installedFiles: string[] = [];

  beforeAll(() => {
    expect(packageStatus()).toBe("install ok installed");
    installedFiles = run("dpkg-query", ["-L", PACKAGE]).split("\n").filter((line) => line !== "");
  });

  afterAll(async () => {
    await app?.close();
  });

  it("declares WebKitGTK 4.1, GTK 3 and a Devanagari font as dependencies", () => {
    expect(controlField("Package")).toBe(PACKAGE);
    const depends = controlField("Depends");
    expect(depends).toMatch(/\blibwebkit2gtk-4\.1-0\b/);
    expect(depends).toMatch(/\blibgtk-3-0\b/);
    expect(depends).toMatch(/\bfonts-lohit-deva \| fonts-noto-core\b/);
  });

  it("declares the package of every library the installed binary links", () => {
    const depends = controlField("Depends");
    const needed = [...run("readelf", ["-d", INSTALLED_BIN]).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1] ?? "");
    expect(needed.length).toBeGreaterThan(5);
    const missing = needed.filter((soname) => !dependsOn(depends, packageOwning(soname)));
    expect(missing, `libraries whose package the .deb does not declare (Depends: ${depends})`).toEqual([]);
  });

  it("installs the binary, its desktop entry and its icons", () => {
    expect(installedFiles).toContain(INSTALLED_BIN);
    accessSync(INSTALLED_BIN, constants.X_OK);

    const desktopFiles = installedFiles.filter((path) => /^\/usr\/share\/applications\/.+\.desktop$/.test(path));
    expect(desktopFiles).toHaveLength(1);
    const entry = readFileSync(desktopFiles[0] ?? "", "utf8");
    expect(entry).toMatch(/^Name=GasDesk$/m);
    expect(entry).toMatch(/^Exec=gasdesk$/m);
    expect(entry).toMatch(/^Icon=gasdesk$/m);
    expect(entry).toMatch(/^Categories=.*Office;/m);

    const icons = installedFiles.filter((path) => /^\/usr\/share\/icons\/hicolor\/[^/]+\/apps\/gasdesk\.png$/.test(path));
    expect(icons.length).toBeGreaterThanOrEqual(3);
    for (const icon of icons) expect(existsSync(icon), icon).toBe(true);
  });

  it("started with no arguments on an empty data folder, the installed binary opens the first-run setup", async () => {
    expect(existsSync(defaultDb)).toBe(false);
    app = await launchApp([], { noDatabase: true });
    await new Driver(app).waitFor("setup-form");
    await app.close();
    app = undefined;
    // The next test makes its demo database where this one left an empty one.
    rmSync(join(dataHome, "in.gasdesk.app"), { recursive: true, force: true });
  });

  it("the installed binary makes a demo database in the default data folder", () => {
    expect(dataHome).not.toBe("");
    expect(existsSync(defaultDb)).toBe(false);
    run(INSTALLED_BIN, ["demo", "--db", defaultDb, "--customers", "3", "--cylinders", "6", "--bookings", "0", "--complaints", "0"]);
    expect(existsSync(defaultDb)).toBe(true);
  });

  it("opens the office window on that database (no --db) and a customer books once", async () => {
    app = await launchApp([], { noDatabase: true });
    const d = new Driver(app);
    await d.loginCustomer("customer2");
    await d.bookAndPay(1);
    await d.waitFor("invoice");
    expect(await d.textOf("invoice-booking-ref")).toMatch(/^BK-\d+$/);
    await app.close();
    app = undefined;
  });

  it("apt-get remove takes the program away and leaves the database, which still opens", () => {
    run("apt-get", ["remove", "-y", "-q", PACKAGE]);
    expect(packageStatus()).not.toBe("install ok installed");
    expect(existsSync(INSTALLED_BIN)).toBe(false);
    expect(existsSync(defaultDb)).toBe(true);
    // The integrity check and every product invariant, on the file the installed app wrote.
    expect(releaseBin).not.toBe("");
    // `check` exits non-zero on any problem (execFileSync throws) and says "<file>: ok" otherwise.
    expect(run(releaseBin, ["check", "--db", defaultDb])).toContain(`${defaultDb}: ok`);
  });
});
