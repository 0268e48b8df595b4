// Every indicator the engine runs, in report order.
import { shippingNotResidence } from './indicators/address';
import { ipInHighRiskCountry, phoneCountryMismatch } from './indicators/location';
import { accountHolderNotApplicant, paidInCryptocurrency } from './indicators/payment';
import type { Indicator } from './types';

export const catalogue: readonly Indicator[] = [
  ipInHighRiskCountry,
  phoneCountryMismatch,
  shippingNotResidence,
  accountHolderNotApplicant,
  paidInCryptocurrency,
];
