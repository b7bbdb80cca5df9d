import type { z } from 'zod';

/** T with every `readonly` removed, deeply: what a zod schema of a view type produces. */
export type DeepMutable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

/**
 * Ties a zod schema to the view type it describes, checked both ways at compile time: the
 * schema's output must be a T (no field too many or of the wrong type), and every T must be
 * an output of the schema (no field, optional field or union member left out). A schema that
 * drifts from its type fails with "not assignable to parameter of type 'never'".
 *
 * The result is typed as a schema of T itself, so the contract's result types are the view
 * types (readonly, documented) rather than zod's inferred copies of them.
 */
export const describes =
  <T>() =>
  <S extends z.ZodType<T>>(
    schema: S & ([DeepMutable<T>] extends [z.output<S>] ? unknown : never),
  ): z.ZodType<T> =>
    schema;
