/**
 * For the default of a switch that handles every case: the compiler refuses a new case left out,
 * and a value from outside the types (old data, a cast) fails loudly instead of falling through.
 */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
