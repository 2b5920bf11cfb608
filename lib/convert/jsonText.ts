/**
 * Whether a text is JSON, exactly as `JSON.parse` accepts it (RFC 8259: whitespace is space, tab, CR, LF;
 * no control characters in strings; lone surrogates are fine), without building the value: tool-call
 * arguments are checked once per candidate and the parsed value was thrown away.
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Characters that may follow a backslash (besides `u`): " \ / b f n r t. */
const SIMPLE_ESCAPES = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  skipSpace(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return;
      this.i++;
    }
  }

  /** Past a string whose opening quote is at `i`; false when it is not a valid string. */
  string(): boolean {
    const s = this.s;
    let i = this.i + 1;
    for (;;) {
      const c = s.charCodeAt(i++);
      if (c === QUOTE) break;
      if (c !== c || c < SPACE) return false; // NaN: the text ended
      if (c !== BACKSLASH) continue;
      const e = s.charCodeAt(i++);
      if (e === 0x75) {
        if (!(isHex(s.charCodeAt(i)) && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)))) return false;
        i += 4;
      } else if (!SIMPLE_ESCAPES.has(e)) {
        return false;
      }
    }
    this.i = i;
    return true;
  }

  /** Past a number starting at `i`: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  number(): boolean {
    const s = this.s;
    let i = this.i;
    if (s.charCodeAt(i) === MINUS) i++;
    const first = s.charCodeAt(i);
    if (first === ZERO) i++;
    else if (isDigit(first)) while (isDigit(s.charCodeAt(i))) i++;
    else return false;
    if (s.charCodeAt(i) === DOT) {
      if (!isDigit(s.charCodeAt(++i))) return false;
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      const sign = s.charCodeAt(++i);
      if (sign === PLUS || sign === MINUS) i++;
      if (!isDigit(s.charCodeAt(i))) return false;
      while (isDigit(s.charCodeAt(i))) i++;
    }
    this.i = i;
    return true;
  }

  literal(word: string): boolean {
    if (!this.s.startsWith(word, this.i)) return false;
    this.i += word.length;
    return true;
  }

  /** Past one scalar (string, number, true, false, null) at `i`. */
  scalar(): boolean {
    const c = this.s.charCodeAt(this.i);
    if (c === QUOTE) return this.string();
    if (c === 0x74) return this.literal("true");
    if (c === 0x66) return this.literal("false");
    if (c === 0x6e) return this.literal("null");
    return this.number();
  }
}

/**
 * Iterative, so nesting depth is bounded by memory as in JSON.parse: `open` holds the close bracket of every
 * container we are inside.
 */
export function isJsonText(text: string): boolean {
  const p = new Scanner(text);
  const open: number[] = [];
  p.skipSpace();
  for (;;) {
    // A value is expected here.
    const c = text.charCodeAt(p.i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      p.i++;
      p.skipSpace();
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (text.charCodeAt(p.i) === close) {
        p.i++;
      } else {
        open.push(close);
        if (close === CLOSE_BRACE && !member(p, text)) return false;
        continue;
      }
    } else if (!p.scalar()) {
      return false;
    }
    // After a value: close containers, or move to the next element.
    for (;;) {
      p.skipSpace();
      if (open.length === 0) return p.i === text.length;
      const d = text.charCodeAt(p.i);
      const close = open[open.length - 1]!;
      if (d === close) {
        open.pop();
        p.i++;
        continue;
      }
      if (d !== COMMA) return false;
      p.i++;
      p.skipSpace();
      if (close === CLOSE_BRACE && !member(p, text)) return false;
      break;
    }
  }
}

/** Past an object member's key and colon (the value comes next); `i` is at the key. */
function member(p: Scanner, text: string): boolean {
  if (text.charCodeAt(p.i) !== QUOTE || !p.string()) return false;
  p.skipSpace();
  if (text.charCodeAt(p.i) !== COLON) return false;
  p.i++;
  p.skipSpace();
  return true;
}
