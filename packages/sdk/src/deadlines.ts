/** Something with a deadline (a run): told once when the deadline passes. */
export interface Expiring {
  deadline: number;
  expire(): void;
  /** Its neighbours in its lane, kept by the lane (a list without a node object per run). */
  previousDue?: Expiring | undefined;
  nextDue?: Expiring | undefined;
  /** The lane holding it, while it is waiting. */
  lane?: object | undefined;
}

/** setTimeout's ceiling; a longer wait is made of several. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The timeouts of many runs on one timer per timeout length. Runs with the same timeout
 * expire in the order they started, so each length keeps its runs in a list in the order
 * they came and arms one timer, for the oldest. A short run (a database query) then costs
 * linking and unlinking itself, not a Timeout object with its async-hooks bookkeeping;
 * Node's own timer lists work the same way underneath.
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

  /** Takes the item out of its lane; one that already expired or was never added is in none. */
  delete(item: Expiring): void {
    (item.lane as Lane | undefined)?.delete(item);
  }
}

class Lane {
  #first: Expiring | undefined;
  #last: Expiring | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly timeoutMs: number) {}

  add(item: Expiring): void {
    item.deadline = performance.now() + this.timeoutMs;
    item.lane = this;
    item.previousDue = this.#last;
    item.nextDue = undefined;
    if (this.#last) this.#last.nextDue = item;
    else this.#first = item;
    this.#last = item;
    if (!this.#timer) this.#arm(this.timeoutMs);
    // A pending timer was let go of when the lane emptied: it holds the process open again.
    else if (this.#first === item) this.#timer.ref();
  }

  delete(item: Expiring): void {
    const { previousDue, nextDue } = item;
    if (previousDue) previousDue.nextDue = nextDue;
    else this.#first = nextDue;
    if (nextDue) nextDue.previousDue = previousDue;
    else this.#last = previousDue;
    item.lane = undefined;
    item.previousDue = undefined;
    item.nextDue = undefined;
    // Nothing left to time out: the timer must not keep the process alive.
    if (!this.#first) this.#timer?.unref();
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(fire, Math.min(Math.max(ms, 1), MAX_TIMER_MS), this);
  }

  expireDue(): void {
    this.#timer = undefined;
    const now = performance.now();
    let item = this.#first;
    while (item) {
      // Timers count whole milliseconds: one that fires a fraction early still counts.
      if (item.deadline > now + 1) {
        this.#arm(Math.ceil(item.deadline - now));
        return;
      }
      this.delete(item);
      item.expire();
      item = this.#first;
    }
  }
}

function fire(lane: Lane): void {
  lane.expireDue();
}
