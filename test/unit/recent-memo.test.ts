import { recentMemo } from '../../src/applicants/recent-memo';
import { isSamePersonName } from '../../src/applicants/names';

describe('recentMemo', () => {
  it('answers a repeated question from memory, and forgets the oldest beyond its size', () => {
    const remember = recentMemo<number>(2);
    let computed = 0;
    const ask = (key: string) => remember(key, () => (computed += 1));
    expect([ask('a'), ask('a'), ask('b'), ask('a')]).toEqual([1, 1, 2, 1]);
    expect(computed).toBe(2);
    ask('c'); // pushes out 'a', the oldest
    expect(ask('b')).toBe(2);
    expect(ask('a')).toBe(4);
    expect(computed).toBe(4);
  });

  it('remembers an undefined answer as an answer', () => {
    const remember = recentMemo<undefined>(4);
    let computed = 0;
    for (let n = 0; n < 3; n++) remember('x', () => void (computed += 1));
    expect(computed).toBe(1);
  });
});

describe('name comparison with remembered variants', () => {
  it('gives the same answers however often and in whatever order the names are compared', () => {
    const names = ['Jane Doe', 'DOE, Jane', 'Xiu Ying Wang', 'Wang Xiuying', 'J. Doe', 'Jane Roe', 'Min-jun Park'];
    const first = names.flatMap((a) => names.map((b) => isSamePersonName(a, b)));
    const again = [...names]
      .reverse()
      .flatMap((a) => [...names].reverse().map((b) => isSamePersonName(a, b)))
      .reverse();
    expect(again).toEqual(first);
    expect(isSamePersonName('DOE, Jane', 'Jane Doe')).toBe(true);
    expect(isSamePersonName('Wang Xiuying', 'Xiu Ying Wang')).toBe(true);
    expect(isSamePersonName('Jane Roe', 'Jane Doe')).toBe(false);
  });
});
