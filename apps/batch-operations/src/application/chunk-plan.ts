/** A slice of a batch's items applied as one unit of work: indexes `firstIndex … lastIndex`, inclusive. */
export interface PlannedChunk {
  chunkNo: number;
  firstIndex: number;
  lastIndex: number;
}

/**
 * Cuts `itemCount` items into chunks of `chunkSize`. A last chunk smaller than a quarter of the
 * size is folded into the one before it: a tail of a few items is not worth its own claim.
 */
export function planChunks(itemCount: number, chunkSize: number): PlannedChunk[] {
  if (!Number.isInteger(itemCount) || itemCount < 0) throw new RangeError(`itemCount must be a non-negative integer, got ${itemCount}`);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const chunks: PlannedChunk[] = [];
  for (let first = 0; first < itemCount; first += chunkSize) {
    chunks.push({ chunkNo: chunks.length, firstIndex: first, lastIndex: Math.min(first + chunkSize, itemCount) - 1 });
  }
  const last = chunks[chunks.length - 1];
  if (chunks.length > 1 && (last.lastIndex - last.firstIndex + 1) * 4 < chunkSize) {
    chunks.pop();
    chunks[chunks.length - 1].lastIndex = last.lastIndex;
  }
  return chunks;
}
