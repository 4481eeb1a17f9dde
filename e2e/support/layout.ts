// Checks a screen as shown in the real window: that it fits the window's width (nothing cut
// off, nothing to scroll sideways) and what axe-core finds about contrast and structure.
// The scripts run in the page as text: the e2e code has no DOM types.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { artifactsDir } from "./app";

export interface Size {
  width: number;
  height: number;
}

export const label = (size: Size): string => `${size.width}x${size.height}`;

/** Runs a script in the page and gives its result (a returned promise is awaited). */
export async function inPage<T>(browser: WebdriverIO.Browser, script: string): Promise<T> {
  return (await browser.execute(script)) as unknown as T;
}

/** Office PCs: the common laptop and desktop screens. */
export const OFFICE_SIZES: readonly Size[] = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/**
 * Kiosks: a landscape 720p panel (the smallest: what must show at once is checked there), a
 * landscape tablet-sized screen and a portrait floor stand. One list for every kiosk check
 * (layout.e2e.ts and hindi.e2e.ts), so the two never test different kiosks.
 */
export const KIOSK_SIZES: readonly Size[] = [
  { width: 1280, height: 720 },
  { width: 1280, height: 800 },
  { width: 1080, height: 1920 },
];

/** The smallest kiosk window, where "seen at once" is checked. */
export const SMALLEST_KIOSK: Size = { width: 1280, height: 720 };

/**
 * Whether the page draws Devanagari with real glyphs, not boxes. In the page's own font stack,
 * a canvas measures "कखगघङच", "कककककक" and six private-use characters (U+E000…, which no font
 * draws: boxes). With a Devanagari font the first two differ (different letters, different
 * widths) and neither is as wide as the boxes; without one every character is the same .notdef
 * box and all three are equally wide. `control` measures two strings of boxes instead, so the
 * test can show the check fails where glyphs are missing.
 */
export function glyphScript(control = false): string {
  return `
    const family = getComputedStyle(document.body).fontFamily;
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = "32px " + family;
    const width = (s) => ctx.measureText(s).width;
    const boxes = "\uE000\uE000\uE000\uE000\uE000\uE000";
    const first = ${control ? '"\\uE001\\uE002\\uE003\\uE004\\uE005\\uE006"' : '"कखगघङच"'};
    const second = ${control ? '"\\uE007\\uE007\\uE007\\uE007\\uE007\\uE007"' : '"कककककक"'};
    const w = { first: width(first), second: width(second), boxes: width(boxes) };
    return { ...w, family, real: w.first !== w.second && w.first !== w.boxes && w.second !== w.boxes };
  `;
}

/** Resizes the window and waits until the page has its new width. */
export async function resizeTo(browser: WebdriverIO.Browser, size: Size): Promise<void> {
  await browser.setWindowSize(size.width, size.height);
  await browser.waitUntil(
    async () => (await inPage<number[]>(browser, "return [window.innerWidth, window.innerHeight];")).join("x") === label(size),
    { timeout: 10_000, timeoutMsg: `the window never became ${label(size)}` },
  );
  // Let the layout and the last paint settle before measuring.
  await browser.pause(200);
}

export async function screenshot(browser: WebdriverIO.Browser, name: string): Promise<string> {
  const dir = join(artifactsDir(), "layout");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/**
 * What does not fit the window, in words (empty when everything fits):
 *  - the page scrolls sideways;
 *  - a box scrolls sideways (a table wider than its frame);
 *  - a box hides part of its content sideways (overflow hidden or clip);
 *  - text or a control runs out of the cell, paragraph, item or button that holds it;
 *  - a button, field or link lies outside the window, or outside a box that clips it.
 * The skip link sits off-screen on purpose until it has the focus.
 */
const FIT_SCRIPT = `
  const root = document.documentElement;
  const width = root.clientWidth;
  const problems = [];
  const name = (el) => {
    const id = el.getAttribute("data-testid");
    const cls = typeof el.className === "string" && el.className.trim() !== "" ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return el.tagName.toLowerCase() + (id ? '[data-testid="' + id + '"]' : cls) + (text ? ' "' + text + '"' : "");
  };
  const shown = (el) => {
    if (el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  };
  if (root.scrollWidth > width) problems.push("the page scrolls sideways: " + root.scrollWidth + " px wide in a " + width + " px window");
  const boxes = "td, th, dd, dt, p, li, h1, h2, h3, h4, label, legend, pre, button, .btn, .badge, .card, .list__item, .field, .toolbar";
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el) || el.clientWidth <= 1) continue;
    const style = getComputedStyle(el);
    const over = el.scrollWidth - el.clientWidth;
    if (over <= 1) continue;
    if (style.overflowX === "auto" || style.overflowX === "scroll") {
      problems.push("scrolls sideways by " + over + " px: " + name(el));
    } else if (style.overflowX === "hidden" || style.overflowX === "clip") {
      problems.push("hides " + over + " px of its content sideways: " + name(el));
    } else if (el.matches(boxes)) {
      problems.push("content runs " + over + " px out of " + name(el));
    }
  }
  const controls = "button, input:not([type=hidden]), select, textarea, a[href], summary, [tabindex]:not([tabindex='-1'])";
  for (const el of document.body.querySelectorAll(controls)) {
    if (!shown(el) || el.matches(".admin-skip:not(:focus)")) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > width + 0.5) {
      problems.push("outside the window (" + Math.round(r.left) + "–" + Math.round(r.right) + " of " + width + " px): " + name(el));
      continue;
    }
    for (let box = el.parentElement; box !== null && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === "visible") continue;
      const b = box.getBoundingClientRect();
      const left = b.left + box.clientLeft;
      const right = left + box.clientWidth;
      if (r.left < left - 0.5 || r.right > right + 0.5) {
        problems.push("cut off by " + name(box) + ": " + name(el));
        break;
      }
    }
  }
  return problems;
`;

export async function fitProblems(browser: WebdriverIO.Browser): Promise<string[]> {
  return inPage<string[]>(browser, FIT_SCRIPT);
}

/**
 * Where the element with `testid` lies when nothing has been scrolled (the page and every box
 * back at the top): `null` when it is wholly inside the window, else what is wrong, in words.
 * For what must be seen at once (the gas-leak helpline).
 */
export async function outsideFirstView(browser: WebdriverIO.Browser, testid: string): Promise<string | null> {
  return inPage<string | null>(
    browser,
    `
    const el = document.querySelector('[data-testid="${testid}"]');
    if (el === null) return "not on the screen";
    window.scrollTo(0, 0);
    for (const box of document.querySelectorAll("*")) if (box.scrollTop !== 0) box.scrollTop = 0;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return "not shown";
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    return inside ? null : "at " + Math.round(r.left) + "," + Math.round(r.top) + " to " + Math.round(r.right) + "," + Math.round(r.bottom) +
      " in a window of " + window.innerWidth + "x" + window.innerHeight;
  `,
  );
}

/** One axe rule that failed, with the elements it failed on. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = (require("axe-core") as { source: string }).source;

/**
 * Runs axe-core over the whole page (every rule it has; injected once per page load) and gives
 * the violations.
 */
export async function axeViolations(browser: WebdriverIO.Browser): Promise<AxeViolation[]> {
  const loaded = await inPage<boolean>(browser, "return typeof window.axe === 'object';");
  if (loaded !== true) {
    // The source as the script itself: the page's CSP allows no eval, but the driver's own
    // scripts run.
    await browser.execute(`${AXE_SOURCE}\n;return typeof window.axe;`);
  }
  const result = (await browser.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.axe.run(document, { resultTypes: ["violations"] }).then(
       (r) => done({ ok: true, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })) }),
       (e) => done({ ok: false, message: String(e && e.stack || e) }),
     );`,
  )) as { ok: true; violations: AxeViolation[] } | { ok: false; message: string };
  if (!result.ok) throw new Error(`axe-core did not run: ${result.message}`);
  return result.violations;
}

/** The violations that shut someone out: axe's critical and serious ones. */
export const blocking = (violations: readonly AxeViolation[]): AxeViolation[] =>
  violations.filter((v) => v.impact === "critical" || v.impact === "serious");

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact ?? "?"} ${v.id} (${v.help}) on ${v.targets.length}: ${v.targets.slice(0, 8).join(" | ")}${v.targets.length > 8 ? " …" : ""}`)
    .join("\n");
}
