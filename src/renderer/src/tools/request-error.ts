import { REQUEST_NAMES } from '../../../shared/named-methods';

/**
 * The host prefixes a failed request's error with the request's name ("discoverSunSpec: ...")
 * so a log line says which request failed. On a screen the technician made that request
 * themselves, and the name is internal: the tool screens show the message without it.
 */
export function withoutRequestName(message: string): string {
  const colon = message.indexOf(': ');
  if (colon <= 0) return message;
  const name = message.slice(0, colon);
  return (REQUEST_NAMES as readonly string[]).includes(name) ? message.slice(colon + 2) : message;
}
