import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkCanFrame } from './can-frame';
import type { CanFrame } from './can-transport';
import {
  CandumpLogError,
  formatCandumpLine,
  parseCandumpLine,
  parseCandumpLog,
} from './candump-log';
import { SlcanStreamDecoder, decodeSlcanLine, encodeSlcanFrame } from './slcan-codec';
import {
  SocketcandTokenizer,
  formatFrameMessage,
  formatSendCommand,
  parseSocketcandMessage,
} from './socketcand-codec';

/**
 * Fuzzing the three text formats CAN frames arrive in (slcan adapter lines, socketcand
 * messages, candump logs): any text decodes without a throw, every refusal quotes the part
 * that was wrong, and every valid frame survives encode -> decode unchanged.
 */

const validFrame: fc.Arbitrary<CanFrame> = fc.oneof(
  fc.record({ id: fc.integer({ min: 0, max: 0x7ff }), data: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({
    id: fc.integer({ min: 0, max: 0x1fffffff }),
    data: fc.uint8Array({ maxLength: 8 }),
    extended: fc.constant(true),
  }),
);
/** A character an edit puts in: the formats' own, or anything. */
const editChar = fc.oneof(
  fc.constantFrom(...'0123456789ABCDEFabcdef#()<>. tTrRzZ\r\n'.split('')),
  fc.string({ minLength: 1, maxLength: 1 }),
);

/** A valid line with up to three characters deleted, inserted or replaced. */
function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), editChar);
  return fc.tuple(valid, fc.array(edit, { maxLength: 3 })).map(([line, edits]) =>
    edits.reduce((t, [pos, op, ch]) => {
      const i = pos % (t.length + 1);
      if (op === 'delete') return t.slice(0, i) + t.slice(i + 1);
      return t.slice(0, i) + ch + t.slice(op === 'insert' ? i : i + 1);
    }, line),
  );
}

/** Random text, and valid lines of every format with a few edits. */
const lineText = fc.oneof(
  fc.string({ maxLength: 80 }),
  mutated(validFrame.map((f) => encodeSlcanFrame(f).slice(0, -1))),
  mutated(validFrame.map((f) => formatFrameMessage(f, 1.7e12).slice(2, -2))),
  mutated(validFrame.map((f) => formatSendCommand(f).slice(2, -2))),
  mutated(validFrame.map((frame) => formatCandumpLine({ timeS: 1.7e9, bus: 'can0', frame }))),
);
const same = (f: CanFrame): unknown => ({
  id: f.id,
  data: [...f.data],
  extended: f.extended === true,
});

describe('slcan', () => {
  test('any line decodes without a throw; a refused line is quoted in the reason', () => {
    fc.assert(
      fc.property(lineText, (line) => {
        const r = decodeSlcanLine(line);
        if (r.kind === 'frame') expect(checkCanFrame(r.frame)).toBeNull();
        if (r.kind === 'malformed') {
          const shown = JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}...` : line);
          expect(r.reason).toContain(`slcan line ${shown}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('any byte stream in any chunks decodes without a throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 10 }), (chunks) => {
        const decoder = new SlcanStreamDecoder();
        for (const chunk of chunks)
          for (const e of decoder.push(chunk))
            if (e.kind === 'malformed') expect(e.reason).toMatch(/^slcan line /);
      }),
      { numRuns: 500 },
    );
  });

  test('every valid frame survives encode -> stream -> decode', () => {
    fc.assert(
      fc.property(fc.array(validFrame, { maxLength: 5 }), fc.nat(40), (frames, cut) => {
        const bytes = Buffer.from(frames.map(encodeSlcanFrame).join(''), 'latin1');
        const at = Math.min(cut, bytes.length);
        const decoder = new SlcanStreamDecoder();
        const events = [
          ...decoder.push(bytes.subarray(0, at)),
          ...decoder.push(bytes.subarray(at)),
        ];
        expect(events.map((e) => (e.kind === 'frame' ? same(e.frame) : e))).toEqual(
          frames.map(same),
        );
      }),
    );
  });
});

describe('socketcand', () => {
  test('any message body parses without a throw; a refusal names the bad part', () => {
    fc.assert(
      fc.property(lineText, (body) => {
        const m = parseSocketcandMessage(body);
        if (m.kind === 'frame' || m.kind === 'send') expect(checkCanFrame(m.frame)).toBeNull();
        if (m.kind === 'invalid')
          expect(m.reason).toMatch(
            /"[^"]*"|\d+ data bytes|says \d|empty message|one bus name|CAN id/,
          );
      }),
      { numRuns: 2000 },
    );
  });

  test('any text in any pieces tokenizes without a throw', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }), { maxLength: 10 }), (pieces) => {
        const tokenizer = new SocketcandTokenizer();
        for (const piece of pieces) {
          const { messages, dropped } = tokenizer.push(piece);
          expect(dropped).toBeGreaterThanOrEqual(0);
          for (const m of messages) expect(m.includes('<') || m.includes('>')).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('every valid frame survives format -> tokenizer -> parse, as a frame and as a send', () => {
    fc.assert(
      fc.property(
        validFrame,
        fc.integer({ min: 0, max: 4e12 }),
        fc.nat(60),
        (frame, timeMs, cut) => {
          const text = `${formatFrameMessage(frame, timeMs)}${formatSendCommand(frame)}`;
          const tokenizer = new SocketcandTokenizer();
          const { messages } = tokenizer.push(text.slice(0, cut));
          messages.push(...tokenizer.push(text.slice(cut)).messages);
          const [received, sent] = messages.map(parseSocketcandMessage);
          expect(received?.kind === 'frame' && same(received.frame)).toEqual(same(frame));
          if (received?.kind === 'frame')
            expect(Math.abs(received.timeS * 1000 - timeMs)).toBeLessThan(0.001);
          expect(sent?.kind === 'send' && same(sent.frame)).toEqual(same(frame));
        },
      ),
    );
  });
});

describe('candump log', () => {
  test('any line parses without a throw; a refusal names the bad part or the expected form', () => {
    fc.assert(
      fc.property(lineText, (line) => {
        const r = parseCandumpLine(line);
        if (r.kind === 'record') expect(checkCanFrame(r.record.frame)).toBeNull();
        if (r.kind === 'error')
          expect(r.reason).toMatch(
            /^(expected "\(SECONDS\)|id "|data "|CAN FD|CAN id 0x|CAN frame 0x)/,
          );
      }),
      { numRuns: 2000 },
    );
  });

  test('a log is refused on one line naming the file and its first bad line', () => {
    fc.assert(
      fc.property(fc.array(lineText, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        try {
          parseCandumpLog(text, 'site.log');
        } catch (err) {
          expect(err).toBeInstanceOf(CandumpLogError);
          const message = (err as Error).message;
          expect(message).not.toContain('\n');
          const bad = text.split(/\r?\n/).findIndex((l) => parseCandumpLine(l).kind === 'error');
          expect(message).toMatch(
            bad >= 0
              ? `candump log site.log line ${bad + 1}: `
              : 'candump log site.log: no frames in it',
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  test('every valid record survives format -> parse', () => {
    fc.assert(
      fc.property(validFrame, fc.integer({ min: 0, max: 4e12 }), (frame, timeUs) => {
        const line = formatCandumpLine({ timeS: timeUs / 1e6, bus: 'can0', frame });
        const r = parseCandumpLine(line);
        expect(r.kind === 'record' && same(r.record.frame)).toEqual(same(frame));
      }),
    );
  });
});
