import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../errors/domain-errors';

/** Path parameter pipe: a malformed id is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new InvalidInput([{ name, reason: 'must be a UUID' }]),
  });
}
