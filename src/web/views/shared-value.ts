// A shared identifier value in words, from a member's own (masked) record: the link tables keep only keyed hashes.
import { countryName } from '../../presentation/plain-language';

const place = (address: unknown) => {
  if (!address || typeof address !== 'object') return null;
  const { line1, city, country } = address as Record<string, unknown>;
  const words = [line1, city, typeof country === 'string' ? countryName(country) : null].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  return words.length ? words.join(', ') : null;
};

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** The addresses, e-mail and phone as the case page names them; null for values it never shows. */
export function sharedValueWords(kind: string, applicant: Record<string, unknown>): string | null {
  const person = (applicant.person ?? {}) as Record<string, unknown>;
  if (kind === 'shipping_address') return place(((applicant.shipping ?? {}) as Record<string, unknown>).address);
  if (kind === 'residential_address') return place(applicant.residentialAddress);
  if (kind === 'email' && typeof person.email === 'string') return person.email;
  if (kind === 'phone' && typeof person.phone === 'string') return person.phone;
  return null;
}

/** As sharedValueWords, and the values pages never show whole (accounts, wallets, IPs, devices) in a masked form. */
export function maskedValueWords(
  kind: string,
  applicant: Record<string, unknown>,
  sessionValue: string | null,
): string | null {
  const payment = (applicant.payment ?? {}) as Record<string, unknown>;
  const wallet = (payment.wallet ?? {}) as Record<string, unknown>;
  if (kind === 'payout_account') return text(payment.iban) ?? text(payment.accountNumber);
  if (kind === 'wallet')
    return text(wallet.address) ? [text(wallet.chain), text(wallet.address)].filter(Boolean).join(' ') : null;
  if (kind === 'ip' || kind === 'device') return sessionValue;
  return sharedValueWords(kind, applicant);
}
