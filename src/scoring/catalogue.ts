// Every indicator the engine runs, in report order.
import {
  cannotReceiveAtIdAddress,
  deviceAbroad,
  mailboxOrForwarder,
  recipientNotApplicant,
  repeatedShippingChanges,
  shippingNotResidence,
} from './indicators/address';
import {
  avoidsCamera,
  avoidsInPerson,
  changingContacts,
  disposableEmail,
  livenessFailed,
  voipPhone,
} from './indicators/communication';
import { githubBackdated, newOrThinProfile, unverifiableHistory } from './indicators/documents';
import { linkIndicators } from './indicators/links';
import { sanctionsIndicators } from './indicators/sanctions';
import { biographyDoesNotFit, documentVerificationFailed, nameOnDocumentDiffers } from './indicators/identity';
import {
  astrillVpn,
  continuousSession,
  impossibleTravel,
  ipInHighRiskCountry,
  ipKvm,
  nightOwlHours,
  persistentLocationMismatch,
  phoneCountryMismatch,
  remoteAccessTools,
  unmanagedDeviceAtWork,
  vpnOrHostingConnection,
} from './indicators/location';
import {
  accountHolderNotApplicant,
  bankCountryMismatch,
  frequentPayoutChanges,
  paidInCryptocurrency,
  paidThroughCompany,
  prcLinkedPayment,
  prepaymentPressure,
  rateFarBelowBand,
} from './indicators/payment';
import type { Indicator } from './types';

export const catalogue: readonly Indicator[] = [
  ...sanctionsIndicators,
  documentVerificationFailed,
  nameOnDocumentDiffers,
  biographyDoesNotFit,
  ipInHighRiskCountry,
  phoneCountryMismatch,
  astrillVpn,
  vpnOrHostingConnection,
  impossibleTravel,
  persistentLocationMismatch,
  nightOwlHours,
  continuousSession,
  unmanagedDeviceAtWork,
  remoteAccessTools,
  ipKvm,
  shippingNotResidence,
  cannotReceiveAtIdAddress,
  mailboxOrForwarder,
  repeatedShippingChanges,
  recipientNotApplicant,
  deviceAbroad,
  accountHolderNotApplicant,
  paidInCryptocurrency,
  prcLinkedPayment,
  bankCountryMismatch,
  paidThroughCompany,
  frequentPayoutChanges,
  rateFarBelowBand,
  prepaymentPressure,
  avoidsCamera,
  avoidsInPerson,
  livenessFailed,
  voipPhone,
  changingContacts,
  disposableEmail,
  unverifiableHistory,
  githubBackdated,
  newOrThinProfile,
  ...linkIndicators,
];
