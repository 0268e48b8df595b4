// Safe reads from a parsed webhook body: whatever the shape, these return a value of the asked type or undefined.
import { UnmappableDeliveryError } from './types';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Non-empty trimmed text, or undefined; longer than `max` characters is treated as absent (never truncated). */
export function asText(value: unknown, max = 2000): string | undefined {
  if (typeof value !== 'string' || value.length > max * 4) return undefined;
  const text = value.trim();
  return text && text.length <= max ? text : undefined;
}

/** An ATS identifier (number or text) as text; ids longer than 200 characters are not ids. */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  return asText(value, 200);
}

/** Reads a nested property by path without throwing on any shape. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      const object = asObject(current);
      if (!object || !Object.hasOwn(object, key)) return undefined;
      current = object[key];
    }
  }
  return current;
}

/** The ids in a list, as text, skipping anything that is not an id. */
export function idList(value: unknown): string[] {
  const ids = asArray(value)
    .map(asId)
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/** A delivery's body and the event it names in `field` ("action", "event", "type"); without them it cannot be mapped. */
export function eventEnvelope(body: unknown, field: string): { envelope: JsonObject; event: string } {
  const envelope = asObject(body);
  if (!envelope) throw new UnmappableDeliveryError('The body is not a JSON object');
  const event = asText(envelope[field], 100);
  if (!event) throw new UnmappableDeliveryError(`The body has no "${field}"`);
  return { envelope, event };
}
