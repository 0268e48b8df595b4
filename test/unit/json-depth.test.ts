import fc from 'fast-check';
import { isNestedDeeperThan, jsonNestingDepth, MAX_JSON_DEPTH, rejectDeepJson } from '../../src/http/json-depth';
import { fuzzOptions } from '../support/fuzz-inputs';

const depth = (text: string) => jsonNestingDepth(Buffer.from(text, 'utf8'));

// The byte loop the scan replaced (it now skips strings with memchr): the oracle its answers are compared with.
function byteLoopDepth(bytes: Uint8Array): number {
  let [depth, deepest, isInString] = [0, 0, false];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (isInString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) isInString = false;
    } else if (byte === 0x22) isInString = true;
    else if (byte === 0x7b || byte === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}
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

  it('counts as the byte loop it replaced, over escapes, runs of backslashes, unterminated strings and any JSON', () => {
    const piece = fc.constantFrom('{', '[', '}', ']', '"', '\\', '\\\\', '\\"', 'a', ',', ':', '"[{"', 'ü', '日');
    const text = fc.array(piece, { maxLength: 80 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.json({ depthSize: 'large' }), fc.string({ unit: 'binary' })), (value) => {
        const bytes = Buffer.from(value, 'utf8');
        expect(jsonNestingDepth(bytes)).toBe(byteLoopDepth(bytes));
      }),
      fuzzOptions(3000),
    );
  });

  it('decides "deeper than the limit" as the exact scan does, also when brackets sit in strings or after escapes', () => {
    // Text made of the bytes the scan cares about, so that the bracket count often crosses the limit.
    const piece = fc.constantFrom('{', '[', '}', ']', '"', '\\', 'a', ',', ':', '"[{"', 'ü');
    const text = fc.array(piece, { maxLength: 80 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 12 }), (value, limit) => {
        const bytes = Buffer.from(value, 'utf8');
        expect(isNestedDeeperThan(bytes, limit)).toBe(jsonNestingDepth(bytes) > limit);
      }),
      fuzzOptions(2000),
    );
    fc.assert(
      fc.property(fc.json({ depthSize: 'large' }), fc.integer({ min: 0, max: 8 }), (value, limit) => {
        const bytes = Buffer.from(value, 'utf8');
        expect(isNestedDeeperThan(bytes, limit)).toBe(jsonNestingDepth(bytes) > limit);
      }),
      fuzzOptions(1000),
    );
  });

  it('counts brackets in strings towards the quick bound only: many of them, shallow nesting, is within the limit', () => {
    const shallow = Buffer.from(JSON.stringify({ text: '[{'.repeat(100), list: [[1], [2], { a: [] }] }));
    expect(isNestedDeeperThan(shallow, 4)).toBe(false);
    expect(isNestedDeeperThan(shallow, 3)).toBe(true);
  });
});
