// Classifies a connection: which network (ASN), and whether it is a VPN, a hosting provider or the employer's own egress.
import { isIPv4, isIPv6 } from 'node:net';
import { lookupAsn, type AsnInfo } from './asn';
import { CidrSet } from './cidr-set';
import { astrillPattern, networkProviders, type NetworkKind } from './data/network-providers';

export interface NetworkFacts {
  asn: number | null;
  organisation: string | null;
  kind: NetworkKind | 'corporate' | 'other';
  provider: string | null;
  isAstrill: boolean;
}

const providerByAsn = new Map(
  networkProviders.flatMap((provider) => provider.asns.map((asn) => [asn, provider] as const)),
);

/** An allow-list of CIDRs (the employer's VPN or office egress) built from "10.0.0.0/8,2001:db8::/32"; null when empty. */
export function parseCidrList(value: string | undefined): CidrSet | null {
  const list = new CidrSet();
  let count = 0;
  for (const cidr of (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [address, prefix, extra] = cidr.split('/');
    // Plain digits only: Number() would read a typo ("10.0.0.0/", "/0x10") as a prefix, and an empty one as /0.
    if (extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)))
      throw new Error(`not a CIDR: ${cidr}`);
    const family = isIPv4(address ?? '') ? 'ipv4' : isIPv6(address ?? '') ? 'ipv6' : null;
    const bits = Number(prefix ?? (family === 'ipv4' ? 32 : 128));
    // add refuses a prefix out of range or not a whole number, and an address it cannot read (see cidr-set.ts).
    if (!family || !list.add(address!, bits, family)) throw new Error(`not a CIDR: ${cidr}`);
    count += 1;
  }
  return count > 0 ? list : null;
}

export function classifyNetwork(
  ip: string,
  options: { corporateEgress?: CidrSet | null; reportedVpnProvider?: string | null } = {},
): NetworkFacts {
  const info: AsnInfo | null = lookupAsn(ip);
  const isAstrill =
    astrillPattern.test(info?.organisation ?? '') || astrillPattern.test(options.reportedVpnProvider ?? '');
  const base = { asn: info?.asn ?? null, organisation: info?.organisation ?? null, isAstrill };
  if (options.corporateEgress?.has(ip)) return { ...base, kind: 'corporate', provider: null };
  const provider = info ? providerByAsn.get(info.asn) : undefined;
  if (isAstrill || options.reportedVpnProvider)
    return { ...base, kind: 'vpn', provider: isAstrill ? 'Astrill VPN' : options.reportedVpnProvider! };
  if (provider) return { ...base, kind: provider.kind, provider: provider.name };
  return { ...base, kind: 'other', provider: null };
}
