// Networks whose addresses are VPN exits or rented servers, not a person's home or phone connection.
// Each ASN was checked against the organisation name in @ip-location-db/asn. Consumer VPNs mostly rent
// servers from hosting providers, so "hosting" is the wider net and "vpn" the networks run by VPN vendors.
export type NetworkKind = 'vpn' | 'hosting';

export interface NetworkProvider {
  asns: number[];
  name: string;
  kind: NetworkKind;
}

export const networkProviders: readonly NetworkProvider[] = [
  // VPN vendors' own networks.
  { asns: [39351, 49399, 214813, 216025], name: 'Mullvad VPN (31173 Services AB)', kind: 'vpn' },
  { asns: [62371, 199218, 208172, 209103], name: 'Proton VPN (Proton AG)', kind: 'vpn' },
  { asns: [136787, 141039, 147049, 207137, 272096], name: 'PacketHub (NordVPN, Surfshark)', kind: 'vpn' },
  { asns: [397540], name: 'Windscribe', kind: 'vpn' },
  { asns: [60068, 211612, 212238], name: 'Datacamp / CDN77 (VPN exits)', kind: 'vpn' },
  { asns: [268904], name: 'Private Internet (VPN)', kind: 'vpn' },
  // Hosting and cloud providers (VPS, VPN exits, proxies).
  { asns: [9009, 16247, 33970, 42973, 51332], name: 'M247', kind: 'hosting' },
  { asns: [16509, 14618, 8987], name: 'Amazon Web Services', kind: 'hosting' },
  { asns: [396982, 19527], name: 'Google Cloud', kind: 'hosting' },
  { asns: [8075], name: 'Microsoft Azure', kind: 'hosting' },
  { asns: [14061], name: 'DigitalOcean', kind: 'hosting' },
  { asns: [63949], name: 'Akamai Connected Cloud (Linode)', kind: 'hosting' },
  { asns: [20473], name: 'Vultr (The Constant Company)', kind: 'hosting' },
  { asns: [16276], name: 'OVHcloud', kind: 'hosting' },
  { asns: [24940], name: 'Hetzner', kind: 'hosting' },
  { asns: [60781, 28753], name: 'Leaseweb', kind: 'hosting' },
  { asns: [51167], name: 'Contabo', kind: 'hosting' },
  { asns: [12876], name: 'Scaleway', kind: 'hosting' },
  { asns: [45102, 37963], name: 'Alibaba Cloud', kind: 'hosting' },
  { asns: [45090, 132203], name: 'Tencent Cloud', kind: 'hosting' },
  { asns: [31898], name: 'Oracle Cloud', kind: 'hosting' },
  { asns: [36351], name: 'IBM Cloud', kind: 'hosting' },
  { asns: [8560], name: 'IONOS', kind: 'hosting' },
  { asns: [47583], name: 'Hostinger', kind: 'hosting' },
  { asns: [36352, 54290], name: 'HostPapa', kind: 'hosting' },
  { asns: [4229, 21859, 29752, 38854, 59798, 62610, 139625, 393502], name: 'Zenlayer', kind: 'hosting' },
  { asns: [8100], name: 'QuadraNet', kind: 'hosting' },
  { asns: [40676], name: 'Psychz Networks', kind: 'hosting' },
  { asns: [53667], name: 'FranTech (BuyVM)', kind: 'hosting' },
  { asns: [62240], name: 'Clouvider', kind: 'hosting' },
  { asns: [29802], name: 'Hivelocity', kind: 'hosting' },
  { asns: [25820], name: 'IT7 Networks', kind: 'hosting' },
  { asns: [3223], name: 'Voxility', kind: 'hosting' },
  { asns: [22612], name: 'Namecheap', kind: 'hosting' },
  { asns: [26496], name: 'GoDaddy', kind: 'hosting' },
  { asns: [46562], name: 'Performive', kind: 'hosting' },
];

// Astrill has no network of its own in the ASN data; it is recognised by name (organisation or the
// VPN provider a customer's own telemetry reports). Mandiant 2024 and LevelBlue 2025 tie it to DPRK workers.
export const astrillPattern = /astrill/i;
