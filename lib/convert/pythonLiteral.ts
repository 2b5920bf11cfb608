/**
 * Python literals as `ast.literal_eval` reads them, for Hermes data that writes tool calls and tool lists with
 * Python's `repr` (`{'name': 'f', 'arguments': {'x': 1.0}}`, `True`, `None`) instead of JSON, as NousResearch's
 * hermes-function-calling sets do (and their parsers fall back to `literal_eval`).
 *
 * Covers what `repr` of JSON-like data writes: dicts, lists, tuples (as arrays), single- or double-quoted strings
 * (optionally `u`-prefixed) with their escapes, ints, floats, `True` / `False` / `None`. Numbers come back as
 * lossless-json numbers holding a JSON token, so `1.0` stays a float when dumped (lib/convert/pythonDumps).
 * Anything else (sets, bytes, raw or triple-quoted strings, expressions) is not a literal here: `undefined`.
 */
import { LosslessNumber } from "lossless-json";

class NotALiteral extends Error {}

/**
 * The value of a Python literal, or undefined when `text` is not one (surrounding whitespace allowed). Numbers are
 * lossless-json numbers (`exact`, for arguments dumped as Python would) or plain JS numbers (`plain`, for values
 * that are serialized with JSON.stringify, such as tool schemas).
 */
export function parsePythonLiteral(text: string, numbers: "exact" | "plain" = "exact"): unknown {
  const reader = new LiteralReader(text, numbers === "exact");
  try {
    const value = reader.value();
    reader.skipSpace();
    return reader.atEnd() ? value : undefined;
  } catch (e) {
    if (e instanceof NotALiteral) return undefined;
    throw e;
  }
}

const NAMES: Record<string, unknown> = { True: true, False: false, None: null };
const CLOSE: Record<string, string> = { "[": "]", "(": ")" };
const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", a: "\x07", "0": "\0", "\\": "\\", "'": "'", '"': '"', "\n": "" };

class LiteralReader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly exact: boolean,
  ) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private fail(): never {
    throw new NotALiteral();
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.s[this.i] !== ch) this.fail();
    this.i++;
  }

  value(): unknown {
    this.skipSpace();
    const ch = this.s[this.i];
    if (ch === "{") return this.dict();
    if (ch === "[" || ch === "(") return this.sequence(CLOSE[ch]!);
    if (ch === "'" || ch === '"') return this.string();
    if ((ch === "u" || ch === "U") && (this.s[this.i + 1] === "'" || this.s[this.i + 1] === '"')) {
      this.i++;
      return this.string();
    }
    if (ch !== undefined && /[-+\d.]/.test(ch)) return this.number();
    const name = /^[A-Za-z_]\w*/.exec(this.s.slice(this.i, this.i + 16))?.[0];
    if (name !== undefined && name in NAMES) {
      this.i += name.length;
      return NAMES[name];
    }
    return this.fail();
  }

  private dict(): Record<string, unknown> {
    this.i++; // {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === "}") {
        this.i++;
        return out;
      }
      const key = this.value();
      // JSON objects have string keys; json.dumps writes an int or float key as its text, as String() does here.
      if (typeof key !== "string" && typeof key !== "number" && !(key instanceof LosslessNumber)) this.fail();
      this.expect(":");
      out[String(key)] = this.value();
      this.skipSpace();
      if (this.s[this.i] === ",") this.i++;
      else if (this.s[this.i] !== "}") this.fail();
    }
  }

  private sequence(close: string): unknown[] {
    this.i++; // [ or (
    const out: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === close) {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.skipSpace();
      if (this.s[this.i] === ",") this.i++;
      else if (this.s[this.i] !== close) this.fail();
    }
  }

  private string(): string {
    const quote = this.s[this.i++]!;
    if (this.s.startsWith(quote + quote, this.i)) {
      if (this.s[this.i + 1] === quote) this.fail(); // triple-quoted
      this.i += 1;
      return "";
    }
    let out = "";
    for (;;) {
      const ch = this.s[this.i++];
      if (ch === undefined || ch === "\n") this.fail();
      if (ch === quote) return out;
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const e = this.s[this.i++];
      if (e === undefined) this.fail();
      if (e in SIMPLE_ESCAPES && !(e === "0" && /[0-7]/.test(this.s[this.i] ?? ""))) out += SIMPLE_ESCAPES[e];
      else if (e === "x") out += this.codePoint(2);
      else if (e === "u") out += this.codePoint(4);
      else if (e === "U") out += this.codePoint(8);
      else if (/[0-7]/.test(e)) {
        const digits = /^[0-7]{1,3}/.exec(this.s.slice(this.i - 1, this.i + 2))![0];
        this.i += digits.length - 1;
        out += String.fromCodePoint(parseInt(digits, 8));
      } else out += "\\" + e; // Python keeps an unknown escape as written
    }
  }

  private codePoint(width: number): string {
    const hex = this.s.slice(this.i, this.i + width);
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) this.fail();
    this.i += width;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) this.fail();
    return String.fromCodePoint(code);
  }

  /** An int or float token, rewritten as the JSON token of the same value (`1.` → `1.0`, `.5` → `0.5`). */
  private number(): LosslessNumber | number {
    const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:([eE][-+]?\d+))?/.exec(this.s.slice(this.i))!;
    const [token, sign, whole, fraction, exponent] = m;
    if (whole === "" && (fraction === undefined || fraction === "")) this.fail();
    if (whole!.length > 1 && whole!.startsWith("0") && fraction === undefined && exponent === undefined && /[1-9]/.test(whole!)) this.fail(); // 012 is not a Python int
    this.i += token.length;
    if (/^[\w.]/.test(this.s[this.i] ?? "")) this.fail(); // 0x1f, 1_000, 1j, 1.2.3
    const json = `${sign === "-" ? "-" : ""}${whole === "" ? "0" : whole!.replace(/^0+(?=\d)/, "")}${fraction !== undefined ? `.${fraction === "" ? "0" : fraction}` : ""}${exponent ?? ""}`;
    return this.exact ? new LosslessNumber(json) : Number(json);
  }
}
