import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countdownMs, IdleTimer, Throttle } from "./idle";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2025-03-12T05:00:00Z"));
});

afterEach(() => {
  vi.useRealTimers();
});

function timer(idleMs = 90_000, warnMs = 20_000) {
  const warned: number[] = [];
  const events: string[] = [];
  const t = new IdleTimer({
    idleMs,
    warnMs,
    onWarn: (s) => warned.push(s),
    onResume: () => events.push("resume"),
    onIdle: () => events.push("idle"),
  });
  return { t, warned, events };
}

describe("countdownMs", () => {
  it("is the last 20 s, or half the idle time when that is shorter", () => {
    expect(countdownMs(90)).toBe(20_000);
    expect(countdownMs(40)).toBe(20_000);
    expect(countdownMs(15)).toBe(7_000);
  });
});

describe("IdleTimer", () => {
  it("stays quiet until the countdown, then counts down every second, then fires once", () => {
    const { t, warned, events } = timer();
    t.start();
    vi.advanceTimersByTime(69_999);
    expect(warned).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.isWarning).toBe(true);
    expect(warned).toEqual([20]);
    vi.advanceTimersByTime(5_000);
    expect(warned).toEqual([20, 19, 18, 17, 16, 15]);
    vi.advanceTimersByTime(15_000);
    expect(events).toEqual(["idle"]);
    expect(warned.at(-1)).toBe(1);
    expect(t.isRunning).toBe(false);
    vi.advanceTimersByTime(200_000);
    expect(events).toEqual(["idle"]);
  });

  it("counts again from the last input", () => {
    const { t, events } = timer();
    t.start();
    vi.advanceTimersByTime(60_000);
    t.activity();
    vi.advanceTimersByTime(89_000);
    expect(events).toEqual([]);
    expect(t.secondsLeft()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual(["idle"]);
  });

  it("ends the countdown on input and says so", () => {
    const { t, warned, events } = timer();
    t.start();
    vi.advanceTimersByTime(80_000);
    expect(t.isWarning).toBe(true);
    t.activity();
    expect(events).toEqual(["resume"]);
    expect(t.isWarning).toBe(false);
    const before = warned.length;
    vi.advanceTimersByTime(69_000);
    expect(warned.length).toBe(before);
    vi.advanceTimersByTime(21_000);
    expect(events).toEqual(["resume", "idle"]);
  });

  it("does nothing once stopped, and input does not restart it", () => {
    const { t, warned, events } = timer();
    t.start();
    vi.advanceTimersByTime(75_000);
    t.stop();
    t.activity();
    vi.advanceTimersByTime(500_000);
    expect(events).toEqual([]);
    expect(warned.length).toBeGreaterThan(0);
    expect(t.secondsLeft()).toBe(0);
  });

  it("without a countdown, just fires at the end (the admin relock)", () => {
    const { t, warned, events } = timer(300_000, 0);
    t.start();
    vi.advanceTimersByTime(299_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(["idle"]);
    expect(warned).toEqual([]);
  });

  it("refuses a zero idle time", () => {
    expect(() => new IdleTimer({ idleMs: 0, warnMs: 0, onIdle: () => undefined })).toThrow(RangeError);
  });
});

describe("Throttle", () => {
  it("calls at once, then at most once per interval, never losing the last poke", () => {
    const fn = vi.fn();
    const th = new Throttle(10_000, fn);
    th.poke();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    th.poke();
    th.poke();
    vi.advanceTimersByTime(3_000);
    th.poke();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(6_000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(fn).toHaveBeenCalledTimes(2);
    th.poke();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("forgets a delayed call when reset", () => {
    const fn = vi.fn();
    const th = new Throttle(10_000, fn);
    th.poke();
    th.poke();
    th.reset();
    vi.advanceTimersByTime(20_000);
    expect(fn).toHaveBeenCalledTimes(1);
    th.poke();
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
