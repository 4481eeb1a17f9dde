// Memory of a whole running app, read from /proc (Linux): the app's process and every process
// under it (WebKit's web and network processes), each as PSS, the proportional set size: its
// private pages plus its share of the pages it shares with others, so the sum over the
// processes is what the app costs the machine without counting a shared library twice.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import { deflateSync } from "node:zlib";

export interface ProcessMemory {
  pid: number;
  name: string;
  /** Kilobytes, from /proc/PID/smaps_rollup. */
  pss: number;
  /** The PSS of anonymous memory (heaps, JavaScript, image buffers): what the process made. */
  anon: number;
  /** The PSS of file-backed pages (code of the binary and its libraries, fonts). */
  file: number;
  /** The PSS of shared memory (buffers passed between the processes and to the X server). */
  shmem: number;
  rss: number;
  threads: number;
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

function parentOf(pid: number): number | undefined {
  try {
    // The name in parentheses may hold spaces: the fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter((part) => part !== "");
  } catch {
    return [];
  }
}

/** The app's own process: the one running `binary` with `marker` (a path unique to this launch) among its arguments. */
export function findAppProcess(binary: string, marker: string): number {
  const matches = allPids().filter((pid) => {
    const argv = commandLine(pid);
    return argv[0] !== undefined && basename(argv[0]) === basename(binary) && argv.includes(marker);
  });
  if (matches.length !== 1) {
    throw new Error(`expected one ${basename(binary)} process started with ${marker}, found ${matches.length}`);
  }
  return matches[0] as number;
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    tree.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function rollup(pid: number): ProcessMemory | undefined {
  try {
    const fields = new Map<string, number>();
    for (const line of readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").split("\n")) {
      const match = /^(\w+):\s+(\d+) kB$/.exec(line);
      if (match) fields.set(match[1] as string, Number(match[2]));
    }
    return {
      pid,
      name: readFileSync(`/proc/${pid}/comm`, "utf8").trim(),
      pss: fields.get("Pss") ?? 0,
      anon: fields.get("Pss_Anon") ?? 0,
      file: fields.get("Pss_File") ?? 0,
      shmem: fields.get("Pss_Shmem") ?? 0,
      rss: fields.get("Rss") ?? 0,
      threads: readdirSync(`/proc/${pid}/task`).length,
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** PSS of `root` and every process below it, largest first. */
export function memoryOfTree(root: number): ProcessMemory[] {
  return processTree(root)
    .map(rollup)
    .filter((memory): memory is ProcessMemory => memory !== undefined)
    .sort((a, b) => b.pss - a.pss);
}

/**
 * A picture of the whole X screen as the person at the kiosk sees it (WebDriver's screenshot is
 * the page drawn again by WebKit, not what reached the screen), as PNG: `xwd` takes it, and the
 * XWD image (24-bit, 32 bits per pixel, ZPixmap, the only kind Xvfb gives) becomes a PNG here.
 * Returns false when `xwd` is not installed.
 */
export function screenToPng(display: string, out: string): boolean {
  let xwd: Buffer;
  try {
    xwd = execFileSync("xwd", ["-root", "-silent", "-display", display], { maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return false;
  }
  const headerSize = xwd.readUInt32BE(0);
  const width = xwd.readUInt32BE(16);
  const height = xwd.readUInt32BE(20);
  const lsbFirst = xwd.readUInt32BE(28) === 0;
  const bitsPerPixel = xwd.readUInt32BE(44);
  const bytesPerLine = xwd.readUInt32BE(48);
  const colours = xwd.readUInt32BE(76);
  if (bitsPerPixel !== 32) throw new Error(`xwd gave ${bitsPerPixel} bits per pixel; only 32 is read here`);
  const pixels = headerSize + colours * 12;
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // each row starts with its filter byte, 0
    for (let x = 0; x < width; x++) {
      const at = pixels + y * bytesPerLine + x * 4;
      const [r, g, b] = lsbFirst ? [xwd[at + 2], xwd[at + 1], xwd[at]] : [xwd[at + 1], xwd[at + 2], xwd[at + 3]];
      raw[row + 1 + x * 3] = r ?? 0;
      raw[row + 2 + x * 3] = g ?? 0;
      raw[row + 3 + x * 3] = b ?? 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter, no interlace
  writeFileSync(out, Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
  return existsSync(out);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
