import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../errors/domain-errors';

/** Path parameter pipe: a malformed id is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new InvalidInput([{ name, reason: 'must be a UUID' }]),
  });
}

/** Path parameter pipe for a serial id: a malformed one is a 400 naming the parameter. */
export function serialIdParam(name: string): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () => new InvalidInput([{ name, reason: 'must be a whole number from 1' }]),
  });
}
