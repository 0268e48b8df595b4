// Matches an applicant's address against the company's declared addresses (offices, depots, staffing partners):
// a hash lookup on the normalised street, then city, postcode and country compared. Pure; built by KnownAddressService.
import { addressKey } from '../applicants/addresses';
import type { Address } from '../applicants/applicant-schema';

export const knownAddressKinds = ['office', 'depot', 'staffing_partner'] as const;
export type KnownAddressKind = (typeof knownAddressKinds)[number];

/** How each kind reads in findings and pages. */
export const knownAddressKindLabels: Record<KnownAddressKind, string> = {
  office: 'office',
  depot: 'depot',
  staffing_partner: 'staffing partner',
};

export interface KnownAddressMatch {
  id: string;
  label: string;
  kind: KnownAddressKind;
}

/** The applicant's addresses that are the company's own: filled while gathering context, read by links and indicators. */
export interface KnownAddressContext {
  isChecked: boolean;
  shipping: KnownAddressMatch | null;
  residential: KnownAddressMatch | null;
}

export const uncheckedKnownAddresses: KnownAddressContext = { isChecked: false, shipping: null, residential: null };

export interface KnownAddressEntry extends KnownAddressMatch {
  address: Address;
}

interface Keyed extends KnownAddressMatch {
  city: string;
  postal: string;
  country: string;
}

function parts(
  address: Address | null | undefined,
): { street: string; city: string; postal: string; country: string } | null {
  const key = addressKey(address);
  if (!key) return null;
  const [street = '', city = '', postal = '', country = ''] = key.split('|');
  return { street, city, postal, country };
}

/**
 * The same place as a declared address: the same street line (as addressKey normalises it: case, accents,
 * punctuation, "Street"/"St", "Suite 2"/"#2"), no field that both give differs, and the city or the postcode agrees
 * (a street line alone, "1 Main St", is in many towns).
 */
function isSamePlace(known: Keyed, other: { city: string; postal: string; country: string }): boolean {
  const differs = (a: string, b: string) => a !== '' && b !== '' && a !== b;
  if (differs(known.country, other.country) || differs(known.city, other.city) || differs(known.postal, other.postal))
    return false;
  return (known.city !== '' && known.city === other.city) || (known.postal !== '' && known.postal === other.postal);
}

export class KnownAddressIndex {
  private constructor(
    private readonly byStreet: Map<string, Keyed[]>,
    readonly size: number,
  ) {}

  static readonly empty = KnownAddressIndex.build([]);

  static build(entries: readonly KnownAddressEntry[]): KnownAddressIndex {
    const byStreet = new Map<string, Keyed[]>();
    let size = 0;
    for (const entry of entries) {
      const keyed = parts(entry.address);
      if (!keyed) continue;
      const list = byStreet.get(keyed.street) ?? [];
      list.push({
        id: entry.id,
        label: entry.label,
        kind: entry.kind,
        city: keyed.city,
        postal: keyed.postal,
        country: keyed.country,
      });
      byStreet.set(keyed.street, list);
      size += 1;
    }
    return new KnownAddressIndex(byStreet, size);
  }

  /** The declared address this one is, or null. */
  match(address: Address | null | undefined): KnownAddressMatch | null {
    if (this.size === 0) return null;
    const other = parts(address);
    if (!other) return null;
    const found = this.byStreet.get(other.street)?.find((known) => isSamePlace(known, other));
    return found ? { id: found.id, label: found.label, kind: found.kind } : null;
  }

  /** The context of one applicant: which of its addresses are the company's own. */
  contextFor(applicant: {
    shipping?: { address?: Address | null } | null;
    residentialAddress?: Address | null;
  }): KnownAddressContext {
    return {
      isChecked: true,
      shipping: this.match(applicant.shipping?.address),
      residential: this.match(applicant.residentialAddress),
    };
  }
}
