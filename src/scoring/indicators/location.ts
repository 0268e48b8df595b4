// Location and network indicators: technical evidence (IP, numbering plan) against what the applicant claims.
import type { Indicator } from '../types';
import { sources } from '../sources';

// Where DPRK IT workers are documented to operate from (2022 advisory; OFAC 2023 and 2025 actions).
const HIGH_RISK_IP_COUNTRIES = new Set(['KP', 'CN', 'LA', 'RU']);

export const ipInHighRiskCountry: Indicator = {
  id: 'net_geo_cn_ru_la_kp',
  family: 'location',
  severity: 'high',
  points: 30,
  source: `${sources.adv22Employers}; ${sources.ofac2025}`,
  recommendedAction:
    'Ask the applicant to explain the connection location, then hold a live video call from the claimed home with the ID document beside the face and the camera pointed out of a window.',
  evaluate(applicant, context) {
    const claimed = applicant.claimedLocation?.country ?? null;
    const hits = context.sessions.filter((session) => {
      const country = session.location?.country;
      if (!country || !HIGH_RISK_IP_COUNTRIES.has(country)) return false;
      // A DPRK address is never explained by a claim; elsewhere only a contradiction of the claim counts.
      return country === 'KP' || (claimed !== null && claimed !== country);
    });
    if (hits.length === 0) return null;
    const countries = [...new Set(hits.map((session) => session.location!.country))];
    const fromDprk = countries.includes('KP');
    return {
      message: fromDprk
        ? `${hits.length} session(s) came from an IP address in North Korea`
        : `${hits.length} session(s) came from ${countries.join(', ')} while the applicant claims to be in ${claimed}`,
      severity: fromDprk ? 'critical' : 'high',
      points: fromDprk ? 45 : 30,
      evidence: {
        claimedCountry: claimed,
        sessions: hits.map((session) => ({
          index: session.index,
          ip: session.ip,
          kind: session.kind,
          at: session.at,
          country: session.location!.country,
          city: session.location!.city,
        })),
      },
    };
  },
};

export const phoneCountryMismatch: Indicator = {
  id: 'net_phone_country_mismatch',
  family: 'location',
  severity: 'low',
  points: 10,
  source: `${sources.adv22Employers} (inconsistent claimed work location and contact information)`,
  recommendedAction: 'Call the number and confirm the applicant answers; ask why the number is registered in another country.',
  evaluate(applicant, context) {
    const claimed = applicant.claimedLocation?.country;
    const numberCountry = context.phone?.country;
    if (!claimed || !numberCountry || !context.phone?.isValid || claimed === numberCountry) return null;
    return {
      message: `The phone number belongs to ${numberCountry}'s numbering plan while the applicant claims to be in ${claimed}`,
      evidence: { phone: context.phone.e164, numberCountry, claimedCountry: claimed, lineType: context.phone.lineType },
    };
  },
};
