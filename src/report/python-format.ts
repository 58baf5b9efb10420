// The book prints with Python's formatting: `f'{x:.3f}'` and `f'{lr}'` (repr). JavaScript's toFixed
// and toString differ from them in ways that show up in the book's logs (`1.0` vs `1`, `5e-05` vs
// `0.00005`, round-half-even vs half-up on exact ties), so the log lines use these instead.

/** Python's `repr(float)`: the shortest round-tripping digits, in Python's layout. */
export function pythonRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  // Python's repr switches to scientific notation below 1e-4 and from 1e16 up
  if (exponent < -4 || exponent >= 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${head}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

/** Python's `f'{x:.{digits}f}'`: exact value of the double, ties rounded to even. */
export function pythonFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(x);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  // toFixed switches to exponent notation from 1e21; such doubles are integers, printed exactly
  if (magnitude >= 1e21) return `${sign}${BigInt(magnitude)}${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
  let text = magnitude.toFixed(digits);
  // toFixed breaks an exact tie upwards; Python rounds it to even. A tie is a value whose exact
  // decimal expansion stops at the digit after the last one printed, and that digit is 5.
  const longer = magnitude.toFixed(Math.min(100, digits + 25));
  const cut = longer.length - 24;
  if (longer[cut - 1] === '5' && /^0*$/.test(longer.slice(cut))) {
    const lastDigit = Number(text[text.length - 1]);
    if (lastDigit % 2 === 1) text = stepDown(text);
  }
  return sign + text;
}

/** Subtracts one unit in the last place from a non-negative decimal string. */
function stepDown(text: string): string {
  const chars = text.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '.') continue;
    if (chars[i] !== '0') {
      chars[i] = String(Number(chars[i]) - 1);
      break;
    }
    chars[i] = '9';
  }
  return chars.join('');
}
