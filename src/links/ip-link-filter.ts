// Which IPs may link applicants: direct home or mobile connections, not VPNs, clouds, offices or shared networks.
import { CidrSet } from '../intel/cidr-set';
import { parseCidrList } from '../intel/network';
import type { IpLinkFilter } from './normalise-identifiers';

// Private, carrier-grade NAT, loopback, link-local and documentation ranges are shared by design.
const nonLinkable = new CidrSet();
for (const [address, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
] as const) {
  nonLinkable.add(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['fc00::', 7],
  ['fe80::', 10],
  ['::1', 128],
  ['2001:db8::', 32],
] as const)
  nonLinkable.add(address, prefix, 'ipv6');

export function createIpLinkFilter(sharedNetworkCidrs?: string): IpLinkFilter {
  const shared = parseCidrList(sharedNetworkCidrs);
  return (ip, networkKind) => networkKind === 'other' && !nonLinkable.has(ip) && !(shared?.has(ip) ?? false);
}
