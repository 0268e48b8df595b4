import { createProgress } from '../../src/cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe('CLI progress', () => {
  it('redraws one bar line on a terminal (at most every 100 ms), then ends it with the totals', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ label: 'import', unit: 'rows', total: 200, stream, now: () => now });
    now = 1000;
    progress.update(50);
    now = 1050;
    progress.update(60);
    now = 2000;
    progress.update(100);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toBe('\r\x1b[2Kimport [######------------------]  25%  50/200 rows  50/s  ETA 0:03');
    expect(writes[1]).toContain('[############------------]  50%  100/200 rows');
    now = 4000;
    progress.update(200);
    progress.finish();
    expect(writes.at(-1)).toBe('\r\x1b[2Kimport: 200 rows in 4.0 s (50/s)\n');
  });

  it('writes plain lines no more often than its interval when stderr is not a terminal, and nothing for a short run', () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createProgress({
      label: 'rescore',
      unit: 'cases',
      total: 10,
      stream,
      now: () => now,
      plainIntervalMs: 5000,
    });
    now = 1000;
    progress.update(2);
    expect(writes).toEqual([]);
    now = 5000;
    progress.update(5);
    now = 6000;
    progress.update(6);
    expect(writes).toEqual(['rescore: 50%  5/10 cases  1/s  ETA 0:05\n']);
    now = 10_000;
    progress.update(10);
    progress.finish('stopped');
    expect(writes.at(-1)).toBe('rescore: 10 cases in 10.0 s (1/s); stopped\n');
  });

  it('counts without a bar when the total is unknown', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ label: 'export', unit: 'cases', stream, now: () => now });
    now = 500;
    progress.update(1234);
    expect(writes).toEqual(['\r\x1b[2Kexport  1,234 cases  2,468/s']);
  });
});
