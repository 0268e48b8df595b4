import { jsonNestingDepth, MAX_JSON_DEPTH, rejectDeepJson } from '../../src/http/json-depth';

const depth = (text: string) => jsonNestingDepth(Buffer.from(text, 'utf8'));
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('JSON nesting depth', () => {
  it('counts objects and arrays', () => {
    expect(depth('1')).toBe(0);
    expect(depth('{}')).toBe(1);
    expect(depth('{"a":[1,{"b":[]}],"c":{}}')).toBe(4);
    expect(depth(nested(100))).toBe(100);
  });

  it('ignores brackets inside strings, also after escaped quotes and backslashes', () => {
    expect(depth('{"a":"[[[{{{"}')).toBe(1);
    expect(depth('{"a":"say \\"[[[\\" twice","b":"\\\\","c":[]}')).toBe(2);
    expect(depth('["ünïcødé ✓ [[[", {"日本":"{{{"}]')).toBe(2);
  });

  it('stops scanning once past the limit', () => {
    expect(jsonNestingDepth(Buffer.from(nested(1_000_000)), 32)).toBe(33);
  });

  it('as express.json verify: refuses deeper than the limit naming the problem, accepts the limit itself, refuses non-UTF-8', () => {
    const verify = rejectDeepJson();
    const run =
      (text: string, encoding = 'utf-8') =>
      () =>
        verify({} as never, {} as never, Buffer.from(text), encoding);
    expect(run(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(run(nested(MAX_JSON_DEPTH + 1))).toThrow(
      `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
    );
    expect(run('{}', 'utf-16le')).toThrow(/UTF-8/);
  });
});
