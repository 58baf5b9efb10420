/**
 * The shortest decimal string that reads back (through float32 rounding) to the same float32, with the
 * digits numpy prints for an np.float32: 0.1 -> "0.1", 0.0033670033 -> "0.0033670033", 3 -> "3".
 * `x` is first rounded to float32. Among equally short strings the nearest wins, and an exact tie goes
 * to the even last digit as in numpy (178616.125 -> "178616.12"). The notation is JavaScript's
 * ("1e-8", "1e+21" where numpy writes "1e-08", "1e+21"), and -0 prints as "-0".
 */
export function formatFloat32(x: number): string {
  const value = Math.fround(x);
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return '-0';
  // 9 significant digits always suffice for float32 (FLT_DECIMAL_DIG)
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number.parseFloat(text)) === value)
      return String(Number.parseFloat(halfToEven(value, digits, text)));
  }
  return String(Number.parseFloat(halfToEven(value, 9, value.toPrecision(9))));
}

/**
 * toPrecision rounds an exact tie away from zero; numpy (and IEEE) round it to the even digit. Both
 * candidates are then equally near and both read back to `value`, so swapping is safe.
 */
function halfToEven(value: number, digits: number, rounded: string): string {
  // 100 significant digits show every float32 that can be a tie at <= 9 digits in full
  const [mantissa, exponent] = Math.abs(value).toExponential(99).split('e');
  const significand = mantissa.replace('.', '');
  const tie = significand[digits] === '5' && /^0*$/.test(significand.slice(digits + 1));
  if (!tie || Number(significand[digits - 1]) % 2 === 1) return rounded;
  const truncated = digits === 1 ? significand[0] : `${significand[0]}.${significand.slice(1, digits)}`;
  return `${value < 0 ? '-' : ''}${truncated}e${exponent}`;
}
