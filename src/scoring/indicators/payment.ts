// Payment-routing indicators: who really receives the wages, and how.
import { isSamePersonName } from '../../applicants/names';
import type { Indicator } from '../types';
import { sources } from '../sources';

export const accountHolderNotApplicant: Indicator = {
  id: 'pay_name_mismatch',
  family: 'payment',
  severity: 'high',
  points: 25,
  source: `${sources.adv22Mitigations} (banking information must correspond to the identity documents)`,
  recommendedAction: 'Ask for a bank letter or statement showing the account in the applicant\'s own legal name before the first payment.',
  evaluate(applicant) {
    const holder = applicant.payment?.accountHolderName;
    // Payment to a company is judged by its own indicator; here the payee is meant to be the person.
    if (!holder || applicant.payment?.payeeType === 'company' || applicant.payment?.payeeType === 'msb') return null;
    const ownNames = [applicant.person.legalName, ...(applicant.person.otherNames ?? [])];
    if (ownNames.some((name) => isSamePersonName(name, holder))) return null;
    return {
      message: 'The payout account is held by someone other than the applicant',
      evidence: { accountHolderName: holder, legalName: applicant.person.legalName, method: applicant.payment?.method ?? null },
    };
  },
};

export const paidInCryptocurrency: Indicator = {
  id: 'pay_crypto',
  family: 'payment',
  severity: 'medium',
  points: 20,
  source: `${sources.adv22Employers} (seeking payment in virtual currency to evade KYC/AML measures)`,
  recommendedAction: 'Pay only through payroll to a bank account in the applicant\'s name that has been verified; decline crypto payroll.',
  evaluate(applicant) {
    const wallet = applicant.payment?.wallet;
    if (applicant.payment?.method !== 'crypto' && !wallet) return null;
    return {
      message: 'The applicant asks to be paid in cryptocurrency',
      evidence: { method: applicant.payment?.method ?? null, chain: wallet?.chain ?? null, walletAddress: wallet?.address ?? null },
    };
  },
};
