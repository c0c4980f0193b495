import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

/**
 * A name, reason or other text that must say something: trimmed, then 1 to `maxLength` characters,
 * so a single space is not a name. Used for every such field, in the API and the portal forms alike.
 */
export function RequiredText(maxLength: number) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    Length(1, maxLength),
  );
}
