import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A directory under the project's templates/ folder, found from this file upwards, so it works
 * from src (tests) and from dist (the built service). `marker` is a file that must exist in it.
 */
export function templatesDirectory(subdirectory: string, marker: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'templates', subdirectory);
    if (existsSync(join(candidate, marker))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve('templates', subdirectory);
}
