import { toYaml } from './yaml';

describe('toYaml', () => {
  it('writes nested maps and lists in block style', () => {
    expect(toYaml({ a: { b: [1, { c: true, d: null }], e: [] }, f: {} })).toBe(
      ['a:', '  b:', '    - 1', '    - c: true', '      d: null', '  e: []', 'f: {}', ''].join('\n'),
    );
  });

  it('quotes strings YAML would read as something else', () => {
    expect(toYaml({ version: '3.0.0', id: '125', flag: 'true', no: 'no', plain: 'customer.card.link' })).toBe(
      ['version: "3.0.0"', 'id: "125"', 'flag: "true"', '"no": "no"', 'plain: customer.card.link', ''].join('\n'),
    );
  });

  it('quotes keys that are not plain words, and strings with spaces or symbols', () => {
    expect(toYaml({ '1': -6.67, ref: '#/components/schemas/X', text: 'a: b' })).toBe(
      ['"1": -6.67', 'ref: "#/components/schemas/X"', 'text: "a: b"', ''].join('\n'),
    );
  });

  it('writes lists of lists', () => {
    expect(toYaml([[1, 2], ['x']])).toBe(['- - 1', '  - 2', '- - x', ''].join('\n'));
  });
});
