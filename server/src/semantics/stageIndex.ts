// When `COPY --from=<value>` is a stage number. BuildKit reads the value with Go's integer
// conversion (strconv.Atoi): an optional sign, then decimal digits, within a 64-bit integer. So
// `+1` is stage 1, `-0` and `007` are numbers too, and a negative number is a number BuildKit
// refuses. A value it cannot convert (one too large included) is looked up as a stage name, and
// failing that read as an image. `--mount=from=` never takes a number: BuildKit looks it up by name.

const INT64_MIN = BigInt('-9223372036854775808');
const INT64_MAX = BigInt('9223372036854775807');

/** The stage number `COPY --from=<text>` names (possibly negative), or undefined when the text is no number. */
export function stageIndex(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return undefined;
  // Past 2^53 the number is rounded, but it is far past the last stage either way; `-0` is 0.
  return Number(value) || 0;
}
