/** Something with a deadline (a run): told once when the deadline passes. */
export interface Expiring {
  deadline: number;
  expire(): void;
}

/** setTimeout's ceiling; a longer wait is made of several. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The timeouts of many runs on one timer per timeout length. Runs with the same timeout
 * expire in the order they started, so each length keeps its runs in insertion order (a
 * Set) and arms one timer, for the oldest. A short run (a database query) then costs a Set
 * insert and delete, not a Timeout object with its async-hooks bookkeeping; Node's own
 * timer lists work the same way underneath.
 */
export class Deadlines {
  readonly #lanes = new Map<number, Lane>();

  add(item: Expiring, timeoutMs: number): void {
    let lane = this.#lanes.get(timeoutMs);
    if (!lane) {
      lane = new Lane(timeoutMs);
      this.#lanes.set(timeoutMs, lane);
    }
    lane.add(item);
  }

  delete(item: Expiring, timeoutMs: number): void {
    this.#lanes.get(timeoutMs)?.delete(item);
  }
}

class Lane {
  readonly #items = new Set<Expiring>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly timeoutMs: number) {}

  add(item: Expiring): void {
    item.deadline = performance.now() + this.timeoutMs;
    this.#items.add(item);
    if (!this.#timer) this.#arm(this.timeoutMs);
    // A pending timer was let go of when the lane emptied: it holds the process open again.
    else if (this.#items.size === 1) this.#timer.ref();
  }

  delete(item: Expiring): void {
    this.#items.delete(item);
    // Nothing left to time out: the timer must not keep the process alive.
    if (this.#items.size === 0) this.#timer?.unref();
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(fire, Math.min(Math.max(ms, 1), MAX_TIMER_MS), this);
  }

  expireDue(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (const item of this.#items) {
      // Timers count whole milliseconds: one that fires a fraction early still counts.
      if (item.deadline > now + 1) {
        this.#arm(Math.ceil(item.deadline - now));
        return;
      }
      this.#items.delete(item);
      item.expire();
    }
  }
}

function fire(lane: Lane): void {
  lane.expireDue();
}
