// Payment-routing indicators: who really receives the wages, and how.
import { isOwnName } from '../../applicants/names';
import type { Indicator } from '../types';
import { sources } from '../sources';

export const accountHolderNotApplicant: Indicator = {
  id: 'pay_name_mismatch',
  family: 'payment',
  severity: 'high',
  points: 25,
  source: `${sources.adv22Mitigations} (banking information must correspond to the identity documents)`,
  recommendedAction:
    "Ask for a bank letter or statement showing the account in the applicant's own legal name before the first payment.",
  evaluate(applicant) {
    const holder = applicant.payment?.accountHolderName;
    // Payment to a company is judged by its own indicator; here the payee is meant to be the person.
    if (!holder || applicant.payment?.payeeType === 'company' || applicant.payment?.payeeType === 'msb') return null;
    if (isOwnName(applicant.person, holder)) return null;
    return {
      message: 'The payout account is held by someone other than the applicant',
      evidence: {
        accountHolderName: holder,
        legalName: applicant.person.legalName,
        method: applicant.payment?.method ?? null,
      },
    };
  },
};

export const paidInCryptocurrency: Indicator = {
  id: 'pay_crypto',
  family: 'payment',
  severity: 'medium',
  points: 20,
  source: `${sources.adv22Employers} (seeking payment in virtual currency to evade KYC/AML measures)`,
  recommendedAction:
    "Pay only through payroll to a bank account in the applicant's name that has been verified; decline crypto payroll.",
  evaluate(applicant) {
    const wallet = applicant.payment?.wallet;
    if (applicant.payment?.method !== 'crypto' && !wallet) return null;
    return {
      message: 'The applicant asks to be paid in cryptocurrency',
      evidence: {
        method: applicant.payment?.method ?? null,
        chain: wallet?.chain ?? null,
        walletAddress: wallet?.address ?? null,
      },
    };
  },
};

// Where wages land is technical evidence; it is compared with where the applicant says they live.
export const prcLinkedPayment: Indicator = {
  id: 'pay_prc_linked_service',
  family: 'payment',
  severity: 'medium',
  points: 20,
  source: `${sources.adv22Employers} (use of digital payment services, especially PRC-linked services)`,
  recommendedAction:
    "Ask why wages should go to China; require a bank account in the applicant's name in their country of residence.",
  evaluate(applicant) {
    const payment = applicant.payment;
    const claimed = applicant.claimedLocation?.country;
    const prcCountries = [payment?.bankCountry, payment?.providerCountry].filter(
      (country) => country === 'CN' || country === 'HK',
    );
    if (prcCountries.length === 0 || claimed === 'CN' || claimed === 'HK') return null;
    return {
      message: `Wages would be paid through a bank or service in ${[...new Set(prcCountries)].join(', ')}`,
      evidence: {
        bankCountry: payment?.bankCountry ?? null,
        providerCountry: payment?.providerCountry ?? null,
        provider: payment?.provider ?? null,
        claimedCountry: claimed ?? null,
      },
    };
  },
};

export const bankCountryMismatch: Indicator = {
  id: 'pay_bank_country_mismatch',
  family: 'payment',
  severity: 'low',
  points: 10,
  source: `${sources.adv22Mitigations} (banking information should correspond to the identifying documents)`,
  recommendedAction:
    "Ask for a bank statement in the applicant's name and address; confirm why the account is in another country.",
  evaluate(applicant) {
    const bankCountry = applicant.payment?.bankCountry;
    const claimed = applicant.claimedLocation?.country;
    // PRC banks are their own, stronger finding.
    if (!bankCountry || !claimed || bankCountry === claimed || bankCountry === 'CN' || bankCountry === 'HK')
      return null;
    return {
      message: `The payout account is in ${bankCountry}, not in ${claimed} where the applicant lives`,
      evidence: { bankCountry, claimedCountry: claimed },
    };
  },
};

export const paidThroughCompany: Indicator = {
  id: 'pay_via_company_or_msb',
  family: 'payment',
  severity: 'low',
  points: 10,
  source:
    'US DOJ cases (2024-2025: wages through Taggcar, Vali Tech, Hopana Tech, Independent Lab); Google TIG (Apr 2025)',
  recommendedAction:
    'Verify the company: registration, owners, and that the applicant is its owner or employee; screen its name against sanctions lists.',
  evaluate(applicant) {
    const payment = applicant.payment;
    if (payment?.payeeType !== 'company' && payment?.payeeType !== 'msb') return null;
    return {
      message: `Wages would go to a ${payment.payeeType === 'msb' ? 'money-service business' : 'company'} rather than the person`,
      evidence: {
        payeeType: payment.payeeType,
        payeeEntityName: payment.payeeEntityName ?? payment.accountHolderName ?? null,
      },
    };
  },
};

export const frequentPayoutChanges: Indicator = {
  id: 'pay_frequent_bank_changes',
  family: 'payment',
  severity: 'medium',
  points: 10,
  source: 'FBI guidance on DPRK IT workers as summarised in 2025 (those who frequently change banks); secondary source',
  recommendedAction: "Hold payroll changes until the new account is verified in the applicant's name.",
  evaluate(applicant) {
    const changes = applicant.payment?.changes ?? 0;
    if (changes < 2) return null;
    return { message: `The payout account was changed ${changes} times`, evidence: { changes } };
  },
};

export const rateFarBelowBand: Indicator = {
  id: 'pay_low_rate',
  family: 'payment',
  severity: 'low',
  points: 5,
  source: `${sources.seal} (25-50% below market); ${sources.bfv24} (high ratings, low pay)`,
  recommendedAction: 'None on its own; weigh it only with other findings.',
  evaluate(applicant) {
    const rate = applicant.requestedRate;
    const band = applicant.position?.rateBand;
    if (!rate || !band || rate.currency !== band.currency || rate.per !== band.per || band.min <= 0) return null;
    if (rate.amount >= band.min * 0.75) return null;
    return {
      message: `The requested rate is ${Math.round((1 - rate.amount / band.min) * 100)}% below the bottom of the band`,
      evidence: { requested: rate, bandMin: band.min },
    };
  },
};

export const prepaymentPressure: Indicator = {
  id: 'pay_prepayment_pressure',
  family: 'payment',
  severity: 'medium',
  points: 10,
  source: `${sources.adv22Employers} (payment without meeting benchmarks); ${sources.psa23} (repeated requests for prepayment)`,
  recommendedAction: 'Pay only on the normal payroll schedule for delivered work.',
  evaluate(applicant) {
    if (applicant.payment?.prepaymentRequested !== true) return null;
    return { message: 'The applicant asked to be paid in advance', evidence: { prepaymentRequested: true } };
  },
};
