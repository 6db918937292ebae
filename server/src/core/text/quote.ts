/**
 * Text quoted in a message, kept readable: a word or phrase longer than `max` characters (a damaged
 * line, a run of letters pasted without spaces) is shown by its two ends around an ellipsis, with
 * its length after the quote, so the message stays one line in the Problems panel and the CLI.
 */
export function quote(s: string, max = 60): string {
  if (s.length <= max) return `'${s}'`;
  const keep = Math.max(4, Math.floor((max - 1) / 2));
  return `'${s.slice(0, keep)}…${s.slice(-keep)}' (${s.length.toLocaleString('en-GB')} characters)`;
}
