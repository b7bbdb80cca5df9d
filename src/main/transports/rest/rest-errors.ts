import { z } from 'zod';
import { formatZodError } from '../../../shared/format-zod-error';

/** Every error body: one line, naming the field first when a field was wrong. */
export const errorSchema = z.strictObject({
  error: z.string().describe('e.g. "watts: Invalid input: expected number, received string"'),
});

/** An error answer: the status, the one-line message sent as `{error}`, and extra headers. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * One line naming the first wrong field of a body or query: `watts: Invalid input: expected
 * number, received string`. An unknown field is named itself (`foo: unknown field`), not
 * reported against the object that holds it.
 */
export function describeInputError(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (first?.code === 'unrecognized_keys') {
    // A client-chosen key may be empty or a space (`?+`): quote such keys so they show.
    const shown = (key: string): string => (/^[\w$-]+$/.test(key) ? key : JSON.stringify(key));
    const path = [...first.path.map(String), first.keys[0] ?? '?'].map(shown).join('.');
    const more = first.keys.length - 1 + rest.length;
    return `${path}: unknown field${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
  }
  return formatZodError(error).replace(/^\(root\)/, '(body)');
}

interface FrameworkError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message: string;
}

/**
 * Fastify's own errors (raised before a handler runs) as API errors: the status and a line
 * naming what was wrong. Anything unexpected is a 500 without internals.
 */
export function frameworkError(err: FrameworkError, bodyLimit: number): HttpError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, `(body): larger than the limit of ${bodyLimit} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'content-type: must be application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(
        400,
        '(body): empty, but content-type says application/json (send {} or no content-type)',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Fastify's parser also refuses __proto__ and constructor keys this way.
      return new HttpError(400, '(body): not valid JSON (or it has a forbidden key)');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'content-length: does not match the body');
    case 'FST_ERR_BAD_URL':
      return new HttpError(400, 'url: malformed');
    default:
      break;
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500)
    return new HttpError(err.statusCode, err.message);
  return new HttpError(500, 'internal error');
}
