/**
 * Characters that would let a file or site name forge a line of a report or a terminal: line breaks, every
 * other control character (ESC starts terminal sequences, BEL rings), and the invisible marks that reorder
 * text (bidirectional overrides and isolates).
 */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A name from a file or a bundle header as it may be printed: each unprintable character shown as `\u{…}`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`);
}
