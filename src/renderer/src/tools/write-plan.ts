import {
  typedRegisterWords,
  wordsPerValue,
  type TypedValue,
  type TypedValueType,
  type TypedWordOrder,
} from '../../../shared/typed-register-value';
import { parseScale, parseTypedValues, parseWhole, parseWriteValues } from './console-input';

/**
 * The register console's write form, checked: which words go to which registers. Raw words
 * are written as typed; a typed value ("−2000 as int32") is turned into words by the shared
 * encoder, the same one main checks the write against, so the words shown before the
 * confirmation are exactly the words written.
 */

/** What the write form offers: raw words, or a value of one of the types. */
export type WriteKind = 'words' | TypedValueType;

/** The write form as typed. */
export interface WriteFormText {
  readonly address: string;
  readonly kind: WriteKind;
  readonly wordOrder: TypedWordOrder;
  readonly scale: string;
  readonly values: string;
}

/** Per-field errors of the write form (absent = fine). */
export type WriteFormErrors = Partial<Record<'address' | 'scale' | 'values', string>>;

/** A write ready to confirm. */
export interface WritePlan {
  readonly address: number;
  readonly words: readonly number[];
  /** The typed value the words stand for; absent for raw words. */
  readonly typed?: TypedValue;
  /** Engineering values the device will hold (float32 rounds); absent for raw words. */
  readonly stored?: readonly number[];
}

/** Most registers one write-multiple request carries. */
const MAX_WRITE_WORDS = 123;

/** "0xFFFF 0xF830": words as the confirmation shows them. */
export function hexWords(words: readonly number[]): string {
  return words.map((w) => `0x${w.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** "100" or "100..101": the registers a write covers. */
export function registerSpan(address: number, count: number): string {
  return count > 1 ? `${address}..${address + count - 1}` : String(address);
}

function wordsOf(form: WriteFormText):
  | { ok: true; words: readonly number[]; typed?: TypedValue; stored?: readonly number[] }
  | {
      ok: false;
      errors: WriteFormErrors;
    } {
  if (form.kind === 'words') {
    const v = parseWriteValues(form.values, MAX_WRITE_WORDS);
    return v.ok ? { ok: true, words: v.value } : { ok: false, errors: { values: v.error } };
  }
  const scale = parseScale(form.scale);
  const values = parseTypedValues(
    form.values,
    Math.floor(MAX_WRITE_WORDS / wordsPerValue(form.kind)),
  );
  const errors: WriteFormErrors = {};
  if (!scale.ok) errors.scale = scale.error;
  if (!values.ok) errors.values = values.error;
  if (!scale.ok || !values.ok) return { ok: false, errors };
  const typed: TypedValue = {
    type: form.kind,
    wordOrder: form.wordOrder,
    scale: scale.value,
    values: values.value,
  };
  const encoded = typedRegisterWords(typed);
  if (!encoded.ok) return { ok: false, errors: { values: encoded.error } };
  return { ok: true, words: encoded.words, typed, stored: encoded.stored };
}

/** The write form checked: the plan when every field is valid, else the errors per field. */
export function planWrite(
  form: WriteFormText,
):
  | { readonly ok: true; readonly plan: WritePlan }
  | { readonly ok: false; readonly errors: WriteFormErrors } {
  const address = parseWhole(form.address, 'address', 0, 65535);
  const words = wordsOf(form);
  const errors: WriteFormErrors = words.ok ? {} : { ...words.errors };
  if (!address.ok) errors.address = address.error;
  if (address.ok && words.ok && address.value + words.words.length > 0x10000)
    errors.values = `${words.words.length} registers from ${address.value} run past register 65535`;
  if (!address.ok || !words.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const { typed, stored } = words;
  return {
    ok: true,
    plan: {
      address: address.value,
      words: words.words,
      ...(typed === undefined ? {} : { typed }),
      ...(stored === undefined ? {} : { stored }),
    },
  };
}
