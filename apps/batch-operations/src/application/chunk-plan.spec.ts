import { planChunks } from './chunk-plan';

describe('planChunks', () => {
  it('covers every index exactly once, in order', () => {
    const chunks = planChunks(100_000, 500);
    expect(chunks).toHaveLength(200);
    expect(chunks[0]).toEqual({ chunkNo: 0, firstIndex: 0, lastIndex: 499 });
    expect(chunks[199]).toEqual({ chunkNo: 199, firstIndex: 99_500, lastIndex: 99_999 });
    chunks.forEach((chunk, index) => {
      expect(chunk.chunkNo).toBe(index);
      if (index > 0) expect(chunk.firstIndex).toBe(chunks[index - 1].lastIndex + 1);
    });
  });

  it('keeps a batch smaller than one chunk whole', () => {
    expect(planChunks(3, 500)).toEqual([{ chunkNo: 0, firstIndex: 0, lastIndex: 2 }]);
  });

  it('folds a small tail into the chunk before it', () => {
    expect(planChunks(1010, 500)).toEqual([
      { chunkNo: 0, firstIndex: 0, lastIndex: 499 },
      { chunkNo: 1, firstIndex: 500, lastIndex: 1009 },
    ]);
    expect(planChunks(1200, 500)).toHaveLength(3);
  });

  it('plans nothing for no items and refuses nonsense sizes', () => {
    expect(planChunks(0, 500)).toEqual([]);
    expect(() => planChunks(10, 0)).toThrow(RangeError);
    expect(() => planChunks(-1, 10)).toThrow(RangeError);
  });
});
