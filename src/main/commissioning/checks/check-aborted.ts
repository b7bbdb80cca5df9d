/** A check stopped before its end (fault, Stop, cancel, a limit that took over). */
export class CheckAborted extends Error {
  override readonly name = 'CheckAborted';
}
