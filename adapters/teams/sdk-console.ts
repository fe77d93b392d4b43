/**
 * botbuilder's JwtTokenExtractor prints every refused token's failure with console.error: the
 * whole stack trace of an expired token, or the PEM of the key a forged signature was checked
 * against. Any client can trigger that at will, it breaks the JSON log lines, and the endpoint
 * already logs each refusal as one warning (reason, no token). Those two prints are dropped; every
 * other console.error goes through unchanged.
 */

let installed = false;

export function isTokenValidationNoise(args: unknown[]): boolean {
  const [first] = args;
  if (first instanceof Error) return first.name === 'TokenExpiredError';
  return typeof first === 'string' && first.startsWith('Error finding key for token.');
}

export function muteTokenValidationNoise(): void {
  if (installed) return;
  installed = true;
  const previous = console.error;
  console.error = (...args: unknown[]) => {
    if (!isTokenValidationNoise(args)) previous.apply(console, args);
  };
}
