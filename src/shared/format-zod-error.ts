import type { z } from 'zod';

/**
 * One line naming the first problem in a zod error, with the path of the field
 * (e.g. `control.socMinPct: must be below socMaxPct`). Operators read these, so the
 * path comes first and the rest of the issues are counted rather than dumped.
 */
export function formatZodError(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'invalid input';
  const path = first.path.length > 0 ? first.path.map(String).join('.') : '(root)';
  const more =
    rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return `${path}: ${first.message}${more}`;
}
