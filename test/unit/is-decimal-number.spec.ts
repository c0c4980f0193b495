import { validate } from 'class-validator';
import { IsDecimalNumber } from '../../src/common/validation/is-decimal-number';

class Sample {
  @IsDecimalNumber(2)
  value: unknown;
}

async function errorsFor(value: unknown) {
  const sample = new Sample();
  sample.value = value;
  return validate(sample);
}

describe('IsDecimalNumber', () => {
  it.each([32, 32.5, 32.55, 0, -1.25])('accepts %p', async (value) => {
    expect(await errorsFor(value)).toEqual([]);
  });

  it.each([32.555, 1e-7, 1e-300, 5e-324, 1e21, Infinity, -Infinity, NaN, '32', null, undefined])(
    'rejects %p without throwing',
    async (value) => {
      const errors = await errorsFor(value);
      expect(errors).toHaveLength(1);
      expect(errors[0].property).toBe('value');
      expect(errors[0].constraints).toEqual({ isDecimalNumber: 'must be a number with at most 2 decimals' });
    },
  );

  it('takes the number of decimals from its argument', async () => {
    class Whole {
      @IsDecimalNumber(0)
      value = 3.5;
    }
    const errors = await validate(new Whole());
    expect(errors[0].constraints).toEqual({ isDecimalNumber: 'must be a number with at most 0 decimals' });
    const ok = new Whole();
    ok.value = 3;
    expect(await validate(ok)).toEqual([]);
  });
});
