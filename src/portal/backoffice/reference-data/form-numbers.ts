import type { Type } from '@nestjs/common';
import { InvalidInput, type InvalidParam } from '../../../common/errors/domain-errors';
import { textField, validateForm } from '../../shared/forms';

/**
 * Numbers typed in the reference-data forms that the API takes in another shape (whole numbers,
 * cents). What cannot be read is reported with a clear reason, together with the API's own
 * reasons for the other fields, so the user sees every problem at once.
 */
export class FormNumbers {
  readonly problems: InvalidParam[] = [];

  /** "12" → 12; anything else is a problem for `apiField` ("tien" is not "more than 1000"). */
  wholeNumber(value: unknown, apiField: string): number | undefined {
    const text = textField(value);
    if (text === undefined) return undefined;
    if (/^\d{1,9}$/.test(text)) return Number(text);
    this.problems.push({ name: apiField, reason: 'must be an integer number' });
    return 0;
  }

  /** "4.500,00", "4500" or "4500,5" → cents, with string arithmetic (no floats). */
  cents(value: unknown, apiField: string): number | undefined {
    const text = textField(value)?.replace(/^€\s*/, '').replace(/\s/g, '');
    if (text === undefined) return undefined;
    const match = /^(\d{1,3}(?:\.\d{3})+|\d{1,9})(?:,(\d{1,2}))?$/.exec(text);
    if (match) return Number(match[1].replace(/\./g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    this.problems.push({ name: apiField, reason: 'must be an amount in euros like 4500,00' });
    return 0;
  }

  /** Validates with the API's DTO; this form's own problems come first for their fields. */
  async validate<T extends object>(dto: Type<T>, input: object): Promise<T> {
    let valid: T;
    try {
      valid = await validateForm(dto, input);
    } catch (error) {
      if (!this.problems.length || !(error instanceof InvalidInput)) throw error;
      throw new InvalidInput([...this.problems, ...(error.invalidParams ?? [])]);
    }
    if (this.problems.length) throw new InvalidInput(this.problems);
    return valid;
  }
}
