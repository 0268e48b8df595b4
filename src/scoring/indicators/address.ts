// Address and laptop-forwarding indicators.
import { addressesDiffer, addressKey } from '../../applicants/addresses';
import type { Indicator } from '../types';
import { sources } from '../sources';

export const shippingNotResidence: Indicator = {
  id: 'addr_ship_not_id_address',
  family: 'address',
  severity: 'medium',
  points: 20,
  source: `${sources.adv22Employers} (items sent to an address not on the identification document); ${sources.psa24}`,
  recommendedAction:
    'Ship equipment only to the address on the identity document, or verify the new address with a dated utility bill in the applicant\'s name and a signature on delivery.',
  evaluate(applicant) {
    const shipTo = applicant.shipping?.address;
    if (!addressKey(shipTo)) return null;
    const differsFrom: string[] = [];
    if (addressesDiffer(shipTo, applicant.residentialAddress)) differsFrom.push('residentialAddress');
    if (addressesDiffer(shipTo, applicant.identityDocument?.address)) differsFrom.push('identityDocument.address');
    if (differsFrom.length === 0) return null;
    const crossesBorder = [applicant.residentialAddress?.country, applicant.identityDocument?.address?.country].some(
      (country) => country && shipTo?.country && country !== shipTo.country,
    );
    return {
      message: `Laptop shipping address differs from the ${differsFrom.join(' and the ')}${crossesBorder ? ', in another country' : ''}`,
      severity: crossesBorder ? 'high' : 'medium',
      points: crossesBorder ? 25 : 20,
      evidence: {
        shippingCity: shipTo?.city ?? null,
        shippingCountry: shipTo?.country ?? null,
        differsFrom,
        residentialCity: applicant.residentialAddress?.city ?? null,
        identityDocumentCity: applicant.identityDocument?.address?.city ?? null,
        reason: applicant.shipping?.reason ?? null,
      },
    };
  },
};
