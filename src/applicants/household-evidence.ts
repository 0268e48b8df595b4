// What makes a shared home a household rather than a laptop farm: what the people there do, never their names.
import { addressKey } from './addresses';
import type { Applicant } from './applicant-schema';
import { isOwnName } from './names';

type Declared = Pick<Applicant, 'person' | 'residentialAddress' | 'shipping' | 'payment'>;

/**
 * Whether the applicant lives and is paid as declared: the laptop goes to their own declared residence, to them
 * (or nothing is shipped), and pay goes to an account or wallet in their own name (or none is given). Works on a
 * stored snapshot too (it keeps addresses and the account holder's name). A laptop sent to one of the company's own
 * declared addresses (`shipsToCompany`) is sent where the company chose, not away from home.
 */
export function livesAndIsPaidAsDeclared(applicant: Declared, shipsToCompany = false): boolean {
  const shipTo = addressKey(applicant.shipping?.address);
  const home = addressKey(applicant.residentialAddress);
  const recipient = applicant.shipping?.recipientName;
  const shipsHome =
    shipsToCompany || shipTo === null || (shipTo === home && (!recipient || isOwnName(applicant.person, recipient)));
  const payment = applicant.payment;
  const hasAccount = Boolean(payment && (payment.accountNumber || payment.iban || payment.wallet));
  const holder = payment?.accountHolderName;
  const paidInOwnName =
    !hasAccount ||
    (Boolean(holder) && isOwnName(applicant.person, holder!) && (payment?.payeeType ?? 'individual') === 'individual');
  return shipsHome && paidInOwnName;
}
