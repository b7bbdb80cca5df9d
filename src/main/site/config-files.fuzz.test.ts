import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseBmsCanProfile } from '../devices/can/bms-profile-loader';
import { formatCanId } from '../devices/can/can-frame';
import { parseProfile } from '../devices/modbus/profile/profile-loader';
import { parseSiteFile } from './site-loader';

/**
 * Fuzzing the files a technician edits by hand: device profiles, BMS CAN profiles and site
 * files, as random text and as the shipped files with one field deleted, retyped or added.
 * A file is accepted, or refused with ONE line that starts with the file's label and names
 * the field that was changed (its path, or the name a reference to it used).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const RESOURCES = join(import.meta.dirname, '../../../resources');
const filesIn = (dir: string): [string, Json][] =>
  readdirSync(join(RESOURCES, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(RESOURCES, dir, f), 'utf8')) as Json]);

const KINDS = [
  { what: 'device profile', prefix: 'profile', files: filesIn('profiles'), parse: parseProfile },
  {
    what: 'BMS profile',
    prefix: 'BMS profile',
    files: filesIn('profiles/can'),
    parse: parseBmsCanProfile,
  },
  { what: 'site file', prefix: 'site file', files: filesIn('sites'), parse: parseSiteFile },
] as const;

/** Every path in a JSON value (objects' keys and arrays' elements). */
function paths(value: Json, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...at, i], ...paths(v, [...at, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...paths(v, [...at, k])]);
  return [];
}

function get(value: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k] ?? null, value);
}

/** A value of another JSON type than `v`. */
function retyped(v: Json, pick: number): Json {
  const others: Json[] = ['text', -7.5, true, null, { unexpected: 1 }, [1, 'x']].filter(
    (o) =>
      typeof o !== typeof v ||
      Array.isArray(o) !== Array.isArray(v) ||
      (o === null) !== (v === null),
  );
  return others[pick % others.length] ?? null;
}

/** A shipped file, pretty-printed, with one to three characters deleted, inserted or replaced. */
function typo(files: readonly (readonly [string, Json])[]): fc.Arbitrary<string> {
  const edit = fc.tuple(
    fc.nat(),
    fc.constantFrom('delete', 'insert', 'replace'),
    fc.constantFrom(...'{}[]",:x0 \n'.split('')),
  );
  return fc
    .tuple(
      fc.constantFrom(...files.map(([, f]) => JSON.stringify(f, null, 2))),
      fc.array(edit, { minLength: 1, maxLength: 3 }),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [pos, op, ch]) => {
        const i = pos % (t.length + 1);
        if (op === 'delete') return t.slice(0, i) + t.slice(i + 1);
        return t.slice(0, i) + ch + t.slice(op === 'insert' ? i : i + 1);
      }, text),
    );
}

type Mutation =
  | { readonly op: 'delete'; readonly path: Path }
  | { readonly op: 'retype'; readonly path: Path; readonly pick: number }
  | { readonly op: 'extra'; readonly path: Path; readonly key: string };

/** Applies a mutation to a deep copy. */
function mutate(file: Json, m: Mutation): Json {
  const copy = structuredClone(file);
  const parentPath = m.op === 'extra' ? m.path : m.path.slice(0, -1);
  const parent = parentPath.length === 0 ? copy : get(copy, parentPath);
  if (parent === null || typeof parent !== 'object') return copy;
  const key = m.path.at(-1);
  if (m.op === 'extra') {
    if (!Array.isArray(parent)) (parent as Record<string, Json>)[m.key] = 1;
  } else if (m.op === 'delete' && key !== undefined && !Array.isArray(parent)) {
    delete (parent as Record<string, Json>)[key];
  } else if (m.op === 'retype' && key !== undefined) {
    (parent as Record<string | number, Json>)[key] = retyped(get(copy, m.path), m.pick);
  }
  return copy;
}

function mutationArb(file: Json): fc.Arbitrary<Mutation> {
  const all = paths(file);
  const objects = [
    [] as Path,
    ...all.filter(
      (p) =>
        !Array.isArray(get(file, p)) && typeof get(file, p) === 'object' && get(file, p) !== null,
    ),
  ];
  const keys = all.filter((p) => typeof p.at(-1) === 'string');
  return fc.oneof(
    fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...keys) }),
    fc.record({
      op: fc.constant('retype' as const),
      path: fc.constantFrom(...all),
      pick: fc.nat(),
    }),
    fc.record({
      op: fc.constant('extra' as const),
      path: fc.constantFrom(...objects),
      key: fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/),
    }),
  );
}

/** The name of the innermost element on the path that has one (a BMS frame's id, a field's name). */
function innermostName(file: Json, path: Path): string | null {
  for (let n = path.length - 1; n >= 1; n--) {
    const v = get(file, path.slice(0, n));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    if (typeof v['name'] === 'string') return v['name'];
    const id = v['id'];
    if (typeof id === 'number' || typeof id === 'string') return formatCanId(Number(id));
  }
  return null;
}

/**
 * What the message must mention, one of: the changed field's path or key, the added key, or
 * the name of the element holding it (cross-field rules speak of "frame 0x355: socHiResPct").
 */
function mentions(file: Json, m: Mutation): string[] {
  if (m.op === 'extra') return [m.key];
  const segments = m.path.map(String);
  return [segments.join('.'), segments.at(-1) ?? '', innermostName(file, m.path) ?? ''];
}

describe.each(KINDS)('$what', ({ prefix, files, parse }) => {
  const label = 'site/edited.json';

  test('random text and typos are refused on one line starting with the file label', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.json({ maxDepth: 3 }), typo(files)),
        (text) => {
          try {
            parse(text, label);
          } catch (err) {
            expect(err).toBeInstanceOf(Error);
            const message = (err as Error).message;
            expect(message).not.toMatch(/[\r\n]/);
            expect(message.startsWith(`${prefix} ${label}: `)).toBe(true);
            // A syntax error says where it is, not what the file says.
            if (message.includes('not valid JSON'))
              expect(message).toMatch(/at line \d+ column \d+/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test.each(files)(
    '%s with one field deleted, retyped or added: refused on one line naming it',
    (_f, file) => {
      expect(() => parse(JSON.stringify(file), label)).not.toThrow();
      fc.assert(
        fc.property(mutationArb(file), (m) => {
          const text = JSON.stringify(mutate(file, m), null, 2);
          try {
            parse(text, label);
          } catch (err) {
            const message = (err as Error).message;
            expect(message).not.toMatch(/[\r\n]/);
            expect(message.startsWith(`${prefix} ${label}: `)).toBe(true);
            const named = mentions(file, m).some((s) => s !== '' && message.includes(s));
            expect(named, `${JSON.stringify(m)} -> ${message}`).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    },
  );
});
