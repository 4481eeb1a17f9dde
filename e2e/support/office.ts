// The office PC's side for the kiosk-PC tests: `gasdesk serve` as a process (started, stopped
// with SIGTERM as a shop's service manager would, started again on the same address), and a
// kiosk paired with it by `gasdesk add-kiosk` + `gasdesk pair`, as the README tells an installer.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const LISTENING = /^GasDesk office server listening on https:\/\/(\S+) \(certificate SHA-256 ([0-9a-f]{64})\)$/;

export function gasdeskBinary(): string {
  const bin = process.env["GASDESK_BIN"];
  if (bin === undefined || bin === "") throw new Error("GASDESK_BIN is not set: run the end-to-end tests with scripts/e2e.sh");
  return bin;
}

export class OfficeServer {
  private constructor(
    private readonly child: ChildProcess,
    /** `ADDR:PORT` it listens on (the real port when started on port 0). */
    readonly address: string,
    readonly fingerprint: string,
    private readonly log: string[],
  ) {}

  /** Starts `gasdesk serve --db DB --listen LISTEN --no-mdns` and waits for its listening line. */
  static async start(db: string, listen: string): Promise<OfficeServer> {
    const child = spawn(gasdeskBinary(), ["serve", "--db", db, "--listen", listen, "--no-mdns"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log: string[] = [];
    child.stderr?.setEncoding("utf8").on("data", (text: string) => log.push(text));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gasdesk serve said nothing in 30 s: ${log.join("")}`)), 30_000);
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (first) => {
        clearTimeout(timer);
        resolve(first);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`gasdesk serve exited (${String(code)}): ${log.join("")}`));
      });
    });
    const match = LISTENING.exec(line.trim());
    if (match === null) {
      child.kill("SIGKILL");
      throw new Error(`not the listening line of gasdesk serve: ${line}`);
    }
    return new OfficeServer(child, match[1] ?? "", match[2] ?? "", log);
  }

  /** What it wrote on stderr so far. */
  get stderr(): string {
    return this.log.join("");
  }

  /** SIGTERM (a graceful stop), then waits for it to exit; SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** `gasdesk add-kiosk` at the office, then `gasdesk pair` on the "kiosk PC": the pairing file. */
export function pairKiosk(officeDb: string, address: string, pairingFile: string, name: string): string {
  const made = execFileSync(gasdeskBinary(), ["add-kiosk", "--db", officeDb, "--name", name], { encoding: "utf8", timeout: 60_000 });
  const code = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/.exec(made)?.[0];
  if (code === undefined) throw new Error(`no pairing code in: ${made}`);
  return execFileSync(gasdeskBinary(), ["pair", "--server", address, "--code", code, "--pairing", pairingFile], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** `gasdesk check` on the office's database. */
export function checkOffice(officeDb: string): string {
  return execFileSync(gasdeskBinary(), ["check", "--db", officeDb], { encoding: "utf8", timeout: 60_000 });
}
