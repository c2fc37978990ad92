/**
 * A connection URL fit for messages and logs: its password (and a user name given without one, which
 * Redis treats as the password) replaced by `***`. A string that is not a URL is not echoed at all.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '<invalid URL>';
  }
  if (parsed.password !== '') parsed.password = '***';
  else if (parsed.username !== '') parsed.username = '***';
  return parsed.toString();
}
