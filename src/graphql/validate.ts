/** Argument checks shared by the types modules. */
import { badInput } from '../errors.ts';

/** Keeps an input string within bounds, or a BAD_USER_INPUT naming the argument. */
export function boundedString(value: string | null | undefined, argument: string, max: number): string | undefined {
  if (value == null) return undefined;
  if (value.length > max) throw badInput(`"${argument}" is longer than ${max} characters`, { argument });
  return value;
}
