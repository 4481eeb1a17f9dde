// Timers of the shell, as plain logic over setTimeout/setInterval and Date.now (so they are
// tested with fake timers): the kiosk's idle log-out with its countdown, the admin relock,
// and the throttle that tells the backend, now and then, that someone is using the screen.

export interface IdleOptions {
  /** Time without input after which `onIdle` runs. */
  idleMs: number;
  /** How long before the end the countdown shows (0: no countdown). */
  warnMs: number;
  /** Called when the countdown starts and then every second, with whole seconds left (≥ 1). */
  onWarn?: (secondsLeft: number) => void;
  /** Called when input arrives during the countdown (the person is still there). */
  onResume?: () => void;
  /** Called once when the time is up; the timer is stopped by then. */
  onIdle: () => void;
}

/** How long before the admin relock the admin area shows its countdown. */
export const RELOCK_WARNING_MS = 30_000;

/** Warning time of the kiosk countdown: the last 20 s, or half the idle time when shorter. */
export function countdownMs(idleSeconds: number): number {
  return Math.min(20, Math.floor(idleSeconds / 2)) * 1000;
}

export class IdleTimer {
  private readonly opts: IdleOptions;
  private deadline = 0;
  private warnTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private warning = false;
  private lastAnnounced = -1;

  constructor(opts: IdleOptions) {
    if (!(opts.idleMs > 0)) throw new RangeError("idleMs must be positive");
    this.opts = { ...opts, warnMs: Math.max(0, Math.min(opts.warnMs, opts.idleMs)) };
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isWarning(): boolean {
    return this.warning;
  }

  /** Starts (or restarts) counting from now. */
  start(): void {
    this.running = true;
    this.arm();
  }

  /** Stops without calling anything. */
  stop(): void {
    this.running = false;
    this.warning = false;
    this.clear();
  }

  /** Input arrived: count again from now (ends a countdown). No effect when stopped. */
  activity(): void {
    if (!this.running) return;
    const wasWarning = this.warning;
    this.arm();
    if (wasWarning) this.opts.onResume?.();
  }

  /** Whole seconds until the end (0 when stopped). */
  secondsLeft(): number {
    return this.running ? Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000)) : 0;
  }

  private arm(): void {
    this.clear();
    this.warning = false;
    this.deadline = Date.now() + this.opts.idleMs;
    this.warnTimer = setTimeout(() => this.beginWarning(), this.opts.idleMs - this.opts.warnMs);
  }

  private beginWarning(): void {
    this.warnTimer = undefined;
    this.warning = this.opts.warnMs > 0;
    this.tickTimer = setInterval(() => this.tick(), 250);
    this.tick();
  }

  private tick(): void {
    const left = this.deadline - Date.now();
    if (left <= 0) {
      this.stop();
      this.opts.onIdle();
      return;
    }
    const seconds = Math.ceil(left / 1000);
    if (this.warning && seconds !== this.lastAnnounced) {
      this.lastAnnounced = seconds;
      this.opts.onWarn?.(seconds);
    }
  }

  private clear(): void {
    if (this.warnTimer !== undefined) clearTimeout(this.warnTimer);
    if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
    this.warnTimer = undefined;
    this.tickTimer = undefined;
    this.lastAnnounced = -1;
  }
}

/**
 * Calls `fn` at most once per `intervalMs`: at once when the last call is old enough, else
 * once at the end of the interval (so the latest poke is never lost, only delayed).
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly fn: () => void,
  ) {}

  poke(): void {
    const now = Date.now();
    if (now - this.last >= this.intervalMs) {
      this.fire(now);
    } else if (this.pending === undefined) {
      this.pending = setTimeout(() => {
        this.pending = undefined;
        this.fire(Date.now());
      }, this.last + this.intervalMs - now);
    }
  }

  /** Forgets a delayed call and the time of the last one. */
  reset(): void {
    if (this.pending !== undefined) clearTimeout(this.pending);
    this.pending = undefined;
    this.last = Number.NEGATIVE_INFINITY;
  }

  private fire(now: number): void {
    this.last = now;
    this.fn();
  }
}
