// Groups the requests that arrive together into one statement: each caller still waits for the statement that carries
// its item, but the database parses, executes and commits once for many, and the process writes one message instead
// of one per request. Nothing waits on a timer: a batch is whatever arrived in one turn of the event loop, or while
// the statements before it were in flight, so an idle service answers at once and a busy one batches more.
import { isDatabaseUnavailable } from './unavailable';

export interface MicroBatcherOptions<I> {
  /** Most items in one statement. */
  maxBatch: number;
  /** Statements in flight at once: while one commits, the next batch gathers. */
  maxInFlight: number;
  /**
   * Items that must be waiting before a statement starts beside one already in flight (default 1: at once). Above 1,
   * a service that one statement at a time keeps up with writes fewer, larger statements (less CPU in this process
   * and in PostgreSQL), and another lane still opens when it does not keep up, e.g. while a statement waits on a lock.
   */
  waitingForAnotherStatement?: number;
  /**
   * false when `item` may not share a statement with `others` (e.g. it writes the same row again). `others` are the
   * batch being formed and the statements still in flight, so such an item waits until the one before it is
   * committed: items that conflict are written in the order they were submitted.
   */
  canJoin?: (others: readonly I[], item: I) => boolean;
  /** Attempts of a whole batch that PostgreSQL undid for a retryable reason (deadlock, serialization failure). */
  maxAttempts?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(outcome: O): void;
  reject(error: unknown): void;
}

// deadlock_detected and serialization_failure: PostgreSQL undid the whole statement, so running it again is safe.
const RETRYABLE = new Set(['40P01', '40001']);

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

export class MicroBatcher<I, O> {
  private pending: Waiting<I, O>[] = [];
  // The items of the statements in flight (one array per statement).
  private readonly running = new Set<I[]>();
  private isScheduled = false;

  /**
   * `runBatch` answers one outcome per item, in order; an outcome may be an Error, which rejects that item alone.
   * It must be atomic: all of the batch written, or none.
   */
  constructor(
    private readonly runBatch: (items: I[]) => Promise<(O | Error)[]>,
    private readonly options: MicroBatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.isScheduled || this.running.size >= this.options.maxInFlight || this.pending.length === 0) return;
    if (this.running.size > 0 && this.pending.length < (this.options.waitingForAnotherStatement ?? 1)) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      const batch = this.take();
      // Nothing, or only items waiting for a statement in flight: its end schedules again.
      if (batch.length === 0) return;
      const items = batch.map((waiting) => waiting.item);
      this.running.add(items);
      void this.run(batch).finally(() => {
        this.running.delete(items);
        this.schedule();
      });
      this.schedule();
    });
  }

  // The oldest items that may go together; the others keep their place for a later batch.
  private take(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    // What a new item is checked against: the statements in flight, then the batch as it forms.
    const items: I[] = this.options.canJoin ? [...this.running].flat() : [];
    const left: Waiting<I, O>[] = [];
    for (const waiting of this.pending) {
      if (
        batch.length < this.options.maxBatch &&
        (!this.options.canJoin || this.options.canJoin(items, waiting.item))
      ) {
        batch.push(waiting);
        items.push(waiting.item);
      } else {
        left.push(waiting);
      }
    }
    this.pending = left;
    return batch;
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    try {
      this.settle(batch, await this.attempt(batch.map((waiting) => waiting.item)));
    } catch (error) {
      // The database is away: every caller of the batch answers 503. Anything else may be one odd item; each is
      // then run alone so that it fails alone.
      if (isDatabaseUnavailable(error) || batch.length === 1) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      for (const waiting of batch) {
        try {
          this.settle([waiting], await this.attempt([waiting.item]));
        } catch (single) {
          waiting.reject(single);
        }
      }
    }
  }

  private async attempt(items: I[]): Promise<(O | Error)[]> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.runBatch(items);
        if (outcomes.length !== items.length)
          throw new Error(`a batch of ${items.length} answered ${outcomes.length} outcomes`);
        return outcomes;
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      }
    }
  }

  private settle(batch: Waiting<I, O>[], outcomes: (O | Error)[]): void {
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index]!;
      if (outcome instanceof Error) waiting.reject(outcome);
      else waiting.resolve(outcome);
    });
  }
}
