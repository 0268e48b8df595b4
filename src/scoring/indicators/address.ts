// Address and laptop-forwarding indicators.
import { addressesDiffer, addressKey } from '../../applicants/addresses';
import { isOwnName } from '../../applicants/names';
import { knownAddressKindLabels, type KnownAddressMatch } from '../../intel/known-addresses';
import type { Indicator, Observation } from '../types';
import { sources } from '../sources';

/** "the company's declared office “Austin HQ”" */
const describeKnown = (known: KnownAddressMatch) =>
  `the company's declared ${knownAddressKindLabels[known.kind]} “${known.label}”`;

// Equipment going to the company's own office, depot or staffing partner is the company's choice, not a fraud signal:
// the finding says so and counts nothing.
function atKnownAddress(message: string, known: KnownAddressMatch, evidence: Observation['evidence']): Observation {
  return {
    message: `${message}: it is ${describeKnown(known)}, so it is not counted`,
    severity: 'low',
    points: 0,
    evidence: { ...evidence, knownAddress: known },
  };
}

export const shippingNotResidence: Indicator = {
  id: 'addr_ship_not_id_address',
  family: 'address',
  severity: 'medium',
  points: 20,
  source: `${sources.adv22Employers} (items sent to an address not on the identification document); ${sources.psa24}`,
  recommendedAction:
    "Ship equipment only to the address on the identity document, or verify the new address with a dated utility bill in the applicant's name and a signature on delivery.",
  evaluate(applicant, context) {
    const shipTo = applicant.shipping?.address;
    if (!addressKey(shipTo)) return null;
    const differsFrom: string[] = [];
    if (addressesDiffer(shipTo, applicant.residentialAddress)) differsFrom.push('residentialAddress');
    if (addressesDiffer(shipTo, applicant.identityDocument?.address)) differsFrom.push('identityDocument.address');
    if (differsFrom.length === 0) return null;
    const crossesBorder = [applicant.residentialAddress?.country, applicant.identityDocument?.address?.country].some(
      (country) => country && shipTo?.country && country !== shipTo.country,
    );
    const message = `Laptop shipping address differs from the ${differsFrom.join(' and the ')}${crossesBorder ? ', in another country' : ''}`;
    const evidence = {
      shippingCity: shipTo?.city ?? null,
      shippingCountry: shipTo?.country ?? null,
      differsFrom,
      residentialCity: applicant.residentialAddress?.city ?? null,
      identityDocumentCity: applicant.identityDocument?.address?.city ?? null,
      reason: applicant.shipping?.reason ?? null,
    };
    const known = context.knownAddresses?.shipping;
    if (known) return atKnownAddress(message, known, evidence);
    return { message, severity: crossesBorder ? 'high' : 'medium', points: crossesBorder ? 25 : 20, evidence };
  },
};

const CANNOT_RECEIVE =
  /\b(can(?:not|'t|’t)|unable to|not able to|won'?t be able to)\s+(?:\w+\s+){0,3}(receive|get|accept|sign for)\b/i;

export const cannotReceiveAtIdAddress: Indicator = {
  id: 'addr_cannot_receive_at_id',
  family: 'address',
  severity: 'medium',
  points: 15,
  source: `${sources.adv22Employers} (be particularly suspicious if a developer claims they cannot receive items at the address on their identification)`,
  recommendedAction:
    'Insist on delivery to the ID address with a signature, or meet the applicant to hand over the equipment.',
  evaluate(applicant) {
    const reason = applicant.shipping?.reason;
    if (!reason || !CANNOT_RECEIVE.test(reason)) return null;
    return { message: 'The applicant says they cannot receive items at their own address', evidence: { reason } };
  },
};

const MAILBOX_LINE =
  /\b(p\.?\s*o\.?\s*box|post office box|pmb|private mail ?box|mail ?box|freight|forwarder|forwarding|reship)/i;

export const mailboxOrForwarder: Indicator = {
  id: 'addr_cmra_forwarder',
  family: 'address',
  severity: 'medium',
  points: 15,
  source: `${sources.psa23} (laptops freight-forwarded overseas); Insikt Group (never ship to an anonymised post box)`,
  recommendedAction:
    'Do not ship to a mailbox or forwarder; ship to the residential address on the ID with a signature on delivery.',
  evaluate(applicant) {
    const shipping = applicant.shipping;
    const byType =
      shipping?.addressType && ['po_box', 'cmra', 'forwarder'].includes(shipping.addressType)
        ? shipping.addressType
        : null;
    const line = [shipping?.address?.line1, shipping?.address?.line2].filter(Boolean).join(' ');
    const byText = MAILBOX_LINE.exec(line)?.[0] ?? null;
    if (!byType && !byText) return null;
    return {
      message: 'Equipment is to go to a mailbox, mail-receiving agency or forwarder',
      evidence: { addressType: byType, matchedText: byText },
    };
  },
};

export const repeatedShippingChanges: Indicator = {
  id: 'addr_changes',
  family: 'address',
  severity: 'medium',
  points: 10,
  source: `${sources.bfv24} (shipping addresses may change continuously)`,
  recommendedAction: 'Freeze the shipping address until it is verified against the ID and a dated utility bill.',
  evaluate(applicant) {
    const changes = applicant.shipping?.changes ?? 0;
    if (changes < 2) return null;
    return { message: `The shipping address was changed ${changes} times`, evidence: { changes } };
  },
};

export const recipientNotApplicant: Indicator = {
  id: 'addr_recipient_not_applicant',
  family: 'address',
  severity: 'medium',
  points: 15,
  source: `${sources.psa24} (facilitators receive laptops for the workers); US DOJ v. Chapman (2024-2025: laptops hosted for other identities)`,
  recommendedAction: 'Ship only to the applicant in person, with a signature and photo ID on delivery.',
  evaluate(applicant, context) {
    const recipient = applicant.shipping?.recipientName;
    if (!recipient) return null;
    if (isOwnName(applicant.person, recipient)) return null;
    const message = 'The equipment is to be received by someone else';
    const evidence = { recipientName: recipient, legalName: applicant.person.legalName };
    // At the company's own office or partner, staff there receive it: expected.
    const known = context.knownAddresses?.shipping;
    return known ? atKnownAddress(message, known, evidence) : { message, evidence };
  },
};

export const deviceAbroad: Indicator = {
  id: 'addr_overseas_reship',
  family: 'address',
  severity: 'high',
  points: 30,
  source: `${sources.psa24} (reshipment of company laptops to workers overseas); US DOJ v. Chapman (devices shipped abroad)`,
  recommendedAction:
    "Suspend the device's access and ask the employee to present it, with their ID, on a live video call.",
  evaluate(applicant) {
    const deviceCountry = applicant.endpoint?.deviceCountry;
    const claimed = applicant.claimedLocation?.country;
    if (!deviceCountry || !claimed || deviceCountry === claimed) return null;
    return {
      message: `The issued device reports being in ${deviceCountry}, not ${claimed}`,
      evidence: { deviceCountry, claimedCountry: claimed },
    };
  },
};
