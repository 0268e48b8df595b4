// Canonical form of a digital-currency address for exact comparison (hex and bech32 ignore case, base58 does not).

/**
 * 0x-prefixed hex (ETH, USDT/USDC on Ethereum, ARB, BSC...) and bech32 (bc1..., ltc1...) addresses are
 * case-insensitive by their specifications, so they compare lower-cased; every other form (base58 bitcoin
 * and tron addresses, Monero...) is case-sensitive and compares exactly. Surrounding whitespace is ignored.
 */
export function walletKey(address: string): string {
  const trimmed = address.trim();
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return trimmed.toLowerCase();
  // bech32: human-readable part, the separator 1, then data of the bech32 alphabet; never mixed case.
  if (
    /^(bc|tb|ltc|tltc|bcrt)1[02-9ac-hj-np-z]+$/i.test(trimmed) &&
    (trimmed === trimmed.toLowerCase() || trimmed === trimmed.toUpperCase())
  )
    return trimmed.toLowerCase();
  // Cash-address (bitcoin cash "q..."/"bitcoincash:q..."): case-insensitive like bech32.
  if (
    /^(bitcoincash:)?[qp][02-9ac-hj-np-z]{41}$/i.test(trimmed) &&
    (trimmed === trimmed.toLowerCase() || trimmed === trimmed.toUpperCase())
  )
    return trimmed.toLowerCase().replace(/^bitcoincash:/, '');
  return trimmed;
}
