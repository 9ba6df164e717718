/**
 * Fixed-point formatting that matches Go's `%.<n>f` (strconv): the double's exact decimal value is
 * rounded, and an exact tie goes to the even digit. JavaScript's `toFixed` also works on the exact
 * value but rounds ties up, so the two differ only on exact binary ties: Go prints 0.125 as "0.12"
 * and 2.25 (with one digit) as "2.2"; `toFixed` gives "0.13" and "2.3".
 */
export function formatFixedGo(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e21) return x.toFixed(digits);
  const negative = x < 0 || Object.is(x, -0);
  // toFixed(100) is the exact decimal expansion of the double for every |x| < 1e21 we care about.
  const exact = Math.abs(x).toFixed(100);
  const [intPart = '0', fracPart = ''] = exact.split('.');
  const kept = intPart + fracPart.slice(0, digits);
  const rest = fracPart.slice(digits);
  const firstRest = rest.charCodeAt(0) - 48;
  const restAfterFirstIsZero = /^0*$/.test(rest.slice(1));
  const lastKept = kept.charCodeAt(kept.length - 1) - 48;
  const roundUp = firstRest > 5 || (firstRest === 5 && (!restAfterFirstIsZero || lastKept % 2 === 1));
  let digitsOut = roundUp ? incrementDecimal(kept) : kept;
  if (digitsOut.length < intPart.length + digits) digitsOut = digitsOut.padStart(intPart.length + digits, '0');
  const intLen = digitsOut.length - digits;
  const body = digits > 0 ? `${digitsOut.slice(0, intLen)}.${digitsOut.slice(intLen)}` : digitsOut;
  const isZero = /^[0.]*$/.test(body);
  return negative && !isZero ? `-${body}` : body;
}

function incrementDecimal(s: string): string {
  const chars = s.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}
