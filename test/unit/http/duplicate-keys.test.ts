import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeys } from '#shared/http/duplicate-keys.ts';

describe('duplicate keys in JSON text', () => {
  it('names each repeated member by its path, in document order, and nothing else', () => {
    expect(duplicateKeys('{"a":1,"b":{"c":[{"d":1,"d":2},{"d":3}],"c":4},"a":5}')).toEqual([['b', 'c', 0, 'd'], ['b', 'c'], ['a']]);
    // The same name in sibling objects, or in an array's elements, is no repeat.
    expect(duplicateKeys('[{"a":1},{"a":1}]')).toEqual([]);
    expect(duplicateKeys('{"a":{"a":{"a":1}}}')).toEqual([]);
  });

  it('compares names as decoded, and reads braces, commas, colons and quotes inside strings as text', () => {
    expect(duplicateKeys('{"a":1,"\\u0061":2}')).toEqual([['a']]);
    expect(duplicateKeys('{"x\\"y":"{,}:[\\"","k":"\\\\","x\\"y":[",",{"}":1}]}')).toEqual([['x"y']]);
    expect(duplicateKeys(' { "a" : [ 1 , 2 , { "b" : 1 , "b" : 2 } ] } ')).toEqual([['a', 2, 'b']]);
  });

  it('finds none in what JSON.stringify writes, and the one added to any object of it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(duplicateKeys(text)).toEqual([]);
        // The first member of the first object, given again.
        const first = /\{("(?:[^"\\]|\\.)*"):/.exec(text);
        if (!first) return;
        const repeated = `${text.slice(0, first.index + 1)}${first[1]}:null,${text.slice(first.index + 1)}`;
        expect(duplicateKeys(repeated)).toHaveLength(1);
        expect(duplicateKeys(repeated)[0]!.at(-1)).toBe(JSON.parse(first[1]!));
      }),
    );
  });
});
