// Which role a single sign-on user gets from the groups (or roles) claim of the ID token. Pure.
import type { RoleGroups } from '../config-sign-in';
import type { Role } from './api-keys';

// The strongest role wins when someone is in the groups of several.
const STRONGEST_FIRST: Role[] = ['admin', 'reviewer', 'recruiter'];

/**
 * The claim's values: a dotted name reads a nested claim (Keycloak's realm_access.roles) unless a claim has that exact
 * name (namespaced claims such as https://risk.example.com/roles); a string counts as one value.
 */
export function claimValues(claims: Record<string, unknown>, claimName: string): string[] {
  let value: unknown = claims;
  if (Object.hasOwn(claims, claimName)) value = claims[claimName];
  else {
    for (const part of claimName.split('.')) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
      value = (value as Record<string, unknown>)[part];
    }
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((one): one is string => typeof one === 'string');
  return [];
}

/** The role the claim's values map to, or null when none of them is mapped (the sign-in is refused). */
export function roleFromClaims(claims: Record<string, unknown>, claimName: string, groups: RoleGroups): Role | null {
  const values = new Set(claimValues(claims, claimName));
  return STRONGEST_FIRST.find((role) => groups[role].some((group) => values.has(group))) ?? null;
}
