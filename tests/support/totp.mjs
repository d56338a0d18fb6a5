// RFC 6238 time-based one-time passwords (HMAC-SHA1, 6 digits, 30-second steps), as an authenticator app makes them:
// the tests' own implementation, independent of the server's liboath.
import { createHmac } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of an RFC 4648 base32 text (padding and case ignored). */
export function base32Decode(text) {
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The time step of `unixSeconds` (default: now). */
export function stepAt(unixSeconds = Date.now() / 1000) {
  return Math.floor(unixSeconds / 30);
}

/** The code of time step `step` for the base32 `secret`, with `digits` digits. */
export function codeForStep(secret, step, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * Codes for one secret that are each accepted once: the server takes the step now and one either side, and never a
 * step at or before one already used. Each call gives the code of the step after the last one given (starting
 * now), so up to two sign-ins a step apart can follow the first without waiting.
 */
export function authenticator(secret) {
  let last = stepAt() - 1;
  return {
    secret,
    nextCode() {
      last = Math.max(last + 1, stepAt());
      return codeForStep(secret, last);
    },
  };
}
