import { MicroBatcher } from '../../src/db/micro-batcher';

// A batch function that records each call's items and answers each item doubled, or throws what `fail` says.
function recorder(fail: (items: number[], call: number) => unknown = () => undefined) {
  const calls: number[][] = [];
  const run = async (items: number[]): Promise<(number | Error)[]> => {
    calls.push([...items]);
    const error = fail(items, calls.length);
    if (error) throw error;
    return items.map((item) => (item < 0 ? new Error(`negative ${item}`) : item * 2));
  };
  return { calls, run };
}

const coded = (code: string) => Object.assign(new Error(code), { code });

// A batch function whose first statement is held until `release` (a lock, say); each call's items are recorded.
function heldFirstStatement() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const calls: number[][] = [];
  const run = async (items: number[]) => {
    calls.push(items);
    if (calls.length === 1) await gate;
    return items;
  };
  return { calls, run, release: () => release() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('runs what is submitted in one turn of the event loop as one batch, answering each caller its own outcome', async () => {
    const { calls, run } = recorder();
    const batcher = new MicroBatcher(run, { maxBatch: 50, maxInFlight: 2 });
    const answers = await Promise.all([1, 2, 3, 4].map((item) => batcher.submit(item)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1, 2, 3, 4]]);
  });

  it('splits at maxBatch and keeps the order of arrival', async () => {
    const { calls, run } = recorder();
    const batcher = new MicroBatcher(run, { maxBatch: 2, maxInFlight: 1 });
    await Promise.all([1, 2, 3, 4, 5].map((item) => batcher.submit(item)));
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('holds an item that may not join a batch for the next one', async () => {
    const { calls, run } = recorder();
    const batcher = new MicroBatcher(run, {
      maxBatch: 50,
      maxInFlight: 1,
      canJoin: (batch, item) => !batch.includes(item),
    });
    const answers = await Promise.all([7, 8, 7, 9, 7].map((item) => batcher.submit(item)));
    expect(answers).toEqual([14, 16, 14, 18, 14]);
    expect(calls).toEqual([[7, 8, 9], [7], [7]]);
  });

  it('holds an item that conflicts with a statement in flight until that statement ends, whatever room there is', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: number[][] = [];
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        calls.push(items);
        if (items.includes(7) && calls.length === 1) await gate;
        return items;
      },
      { maxBatch: 50, maxInFlight: 2, canJoin: (others, item) => !others.includes(item) },
    );
    const first = batcher.submit(7);
    await new Promise((resolve) => setImmediate(resolve));
    const again = batcher.submit(7);
    const other = batcher.submit(8);
    await new Promise((resolve) => setImmediate(resolve));
    await other;
    // 8 went beside the first statement; the second 7 waited for it.
    expect(calls).toEqual([[7], [8]]);
    release();
    await Promise.all([first, again]);
    expect(calls).toEqual([[7], [8], [7]]);
  });

  it('gathers what arrives while the statements in flight run into the next batch', async () => {
    const { calls, run, release } = heldFirstStatement();
    const batcher = new MicroBatcher(run, { maxBatch: 50, maxInFlight: 1 });
    const first = batcher.submit(1);
    await turn();
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    await turn();
    expect(calls).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it('starts a statement beside one in flight only once waitingForAnotherStatement items wait', async () => {
    const { calls, run, release } = heldFirstStatement();
    const batcher = new MicroBatcher(run, { maxBatch: 50, maxInFlight: 2, waitingForAnotherStatement: 3 });
    const first = batcher.submit(1);
    await turn();
    // The first statement is held (a lock, say): two waiting items are not enough for a second lane...
    const waiting = [batcher.submit(2), batcher.submit(3)];
    await turn();
    expect(calls).toEqual([[1]]);
    // ...the third is, and the second lane carries all three while the first is still held.
    waiting.push(batcher.submit(4));
    await Promise.all(waiting);
    expect(calls).toEqual([[1], [2, 3, 4]]);
    // Nothing in flight: one item starts at once.
    release();
    await first;
    expect(await batcher.submit(5)).toBe(5);
    expect(calls).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('rejects only the item whose outcome is an error', async () => {
    const batcher = new MicroBatcher(recorder().run, { maxBatch: 50, maxInFlight: 2 });
    const outcomes = await Promise.allSettled([1, -2, 3].map((item) => batcher.submit(item)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: expect.objectContaining({ message: 'negative -2' }) },
      { status: 'fulfilled', value: 6 },
    ]);
  });

  it('runs each item alone after a batch fails for another reason, so that only the item at fault fails', async () => {
    const { calls, run } = recorder((items) =>
      items.includes(13) ? new Error('13 breaks any statement it is in') : undefined,
    );
    const batcher = new MicroBatcher(run, { maxBatch: 50, maxInFlight: 2 });
    const outcomes = await Promise.allSettled([12, 13, 14].map((item) => batcher.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('runs a batch again when PostgreSQL undid it for a deadlock, up to maxAttempts', async () => {
    const { calls, run } = recorder((_items, call) => (call === 1 ? coded('40P01') : undefined));
    const batcher = new MicroBatcher(run, { maxBatch: 50, maxInFlight: 2, maxAttempts: 3 });
    expect(await Promise.all([1, 2].map((item) => batcher.submit(item)))).toEqual([2, 4]);
    expect(calls).toEqual([
      [1, 2],
      [1, 2],
    ]);

    const always = recorder(() => coded('40P01'));
    const stubborn = new MicroBatcher(always.run, { maxBatch: 50, maxInFlight: 2, maxAttempts: 2 });
    await expect(stubborn.submit(1)).rejects.toMatchObject({ code: '40P01' });
    expect(always.calls).toHaveLength(2);
  });

  it('rejects the whole batch at once when the database is away (no item-by-item retries)', async () => {
    const { calls, run } = recorder(() => coded('ECONNREFUSED'));
    const batcher = new MicroBatcher(run, { maxBatch: 50, maxInFlight: 2 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(
      outcomes.every(
        (outcome) => outcome.status === 'rejected' && (outcome.reason as { code: string }).code === 'ECONNREFUSED',
      ),
    ).toBe(true);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('refuses a batch function that answers the wrong number of outcomes', async () => {
    const batcher = new MicroBatcher(async (items: number[]) => items.slice(1), { maxBatch: 50, maxInFlight: 2 });
    await expect(batcher.submit(1)).rejects.toThrow('a batch of 1 answered 0 outcomes');
  });
});
