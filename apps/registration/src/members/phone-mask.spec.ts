import { maskPhone } from './phone-mask';

describe('maskPhone', () => {
  it('keeps only the last four digits', () => {
    expect(maskPhone('79123481234')).toBe('***1234');
    expect(maskPhone('380501234567')).toBe('***4567');
  });

  it('never shows more than four digits of a short value', () => {
    expect(maskPhone('123')).toBe('***123');
  });
});
