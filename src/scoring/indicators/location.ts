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
  recommendedAction:
    'Call the number and confirm the applicant answers; ask why the number is registered in another country.',
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

export const vpnOrHostingConnection: Indicator = {
  id: 'net_vpn_vps_proxy',
  family: 'location',
  severity: 'low',
  points: 8,
  source: `${sources.adv22Operations} (VPNs, virtual private servers, third-country IP addresses); ${sources.redCanary25} (weak alone: many legitimate users connect through VPNs)`,
  recommendedAction:
    'Ask the applicant to join the next call without a VPN, or from a managed device, and compare the location with the claim.',
  evaluate(_applicant, context) {
    const hits = context.sessions.filter(
      (session) => (session.network.kind === 'vpn' || session.network.kind === 'hosting') && !session.network.isAstrill,
    );
    if (hits.length === 0) return null;
    return {
      message: `${hits.length} session(s) came through a VPN or a hosting provider`,
      evidence: {
        sessions: hits.map((s) => ({
          index: s.index,
          ip: s.ip,
          asn: s.network.asn,
          network: s.network.provider ?? s.network.organisation,
          kind: s.network.kind,
        })),
      },
    };
  },
};

export const astrillVpn: Indicator = {
  id: 'net_astrill_vpn',
  family: 'location',
  severity: 'medium',
  points: 20,
  source: `${sources.mandiant24} (workers use Astrill VPN); LevelBlue SpiderLabs case (2025)`,
  recommendedAction:
    'Ask why Astrill is used and from where; require a call from a managed device without a VPN before any equipment ships.',
  evaluate(_applicant, context) {
    const hits = context.sessions.filter((session) => session.network.isAstrill);
    if (hits.length === 0) return null;
    return {
      message: `${hits.length} session(s) came through Astrill VPN`,
      evidence: { sessions: hits.map((s) => ({ index: s.index, ip: s.ip, kind: s.kind })) },
    };
  },
};

export const impossibleTravel: Indicator = {
  id: 'net_multi_country_logins',
  family: 'location',
  severity: 'high',
  points: 25,
  source: `${sources.adv22Platforms} (multiple logins from various IP addresses, especially in different countries, in a short period)`,
  recommendedAction: 'Ask who else can use the account; require multi-factor sign-in bound to one managed device.',
  evaluate(_applicant, context) {
    // Faster than an airliner between two located sessions: one of them was not where the person was.
    const impossible = context.travel.filter(
      (leg) => leg.fromCountry !== leg.toCountry && leg.distanceKm > 500 && leg.speedKmh > 1000,
    );
    if (impossible.length === 0) return null;
    return {
      message: `${impossible.length} pair(s) of sessions are too far apart for the time between them`,
      evidence: {
        legs: impossible.map((leg) => ({ ...leg, speedKmh: Number.isFinite(leg.speedKmh) ? leg.speedKmh : null })),
      },
    };
  },
};

export const persistentLocationMismatch: Indicator = {
  id: 'net_claimed_location_mismatch',
  family: 'location',
  severity: 'medium',
  points: 15,
  source: `${sources.psa23} (inconsistencies in location); Insikt Group and Google TIG 2025 (device locations that do not match the employee)`,
  recommendedAction:
    'Compare more sessions over time; a persistent gap calls for a live video call from the claimed home and a device geolocation check.',
  evaluate(applicant, context) {
    const claimed = applicant.claimedLocation?.country;
    if (!claimed) return null;
    // Only direct connections count: a VPN exit says nothing about where the person is.
    const located = context.sessions.filter(
      (s) => s.location && s.network.kind !== 'vpn' && s.network.kind !== 'hosting' && s.network.kind !== 'corporate',
    );
    const elsewhere = located.filter(
      (s) => s.location!.country !== claimed && !['KP', 'CN', 'LA', 'RU'].includes(s.location!.country),
    );
    // A single session abroad is a trip; a majority of at least two is a pattern.
    if (elsewhere.length < 2 || elsewhere.length * 2 < located.length) return null;
    return {
      message: `${elsewhere.length} of ${located.length} direct sessions came from outside ${claimed}`,
      evidence: {
        claimedCountry: claimed,
        sessions: elsewhere.map((s) => ({
          index: s.index,
          ip: s.ip,
          country: s.location!.country,
          city: s.location!.city,
          distanceFromClaimKm: s.distanceFromClaimKm,
        })),
      },
    };
  },
};

export const nightOwlHours: Indicator = {
  id: 'net_timezone_mismatch',
  family: 'location',
  severity: 'low',
  points: 10,
  source: `${sources.adv22Employers} (inability to conduct business during required business hours); ${sources.seal} (work patterns closer to North Korean time)`,
  recommendedAction:
    'Schedule the next interviews in the claimed business hours and note whether the applicant is available.',
  evaluate(applicant, context) {
    const timed = context.sessions.filter((s) => s.claimedLocalHour !== null);
    const night = timed.filter((s) => s.claimedLocalHour! < 5);
    if (timed.length < 3 || night.length * 2 <= timed.length) return null;
    return {
      message: `${night.length} of ${timed.length} sessions fall between midnight and 5 a.m. in the claimed time zone`,
      evidence: {
        timezone: applicant.claimedLocation?.timezone ?? null,
        localHours: timed.map((s) => s.claimedLocalHour),
      },
    };
  },
};

export const continuousSession: Indicator = {
  id: 'net_continuous_session',
  family: 'location',
  severity: 'medium',
  points: 10,
  source: `${sources.adv22Platforms} (logged in continuously for one or more days); ${sources.redCanary25} (tools that keep laptops awake)`,
  recommendedAction:
    'Check the device for keep-awake and remote-access tools; ask who uses the account outside working hours.',
  evaluate(_applicant, context) {
    const long = context.sessions.filter((s) => (s.durationMinutes ?? 0) >= 24 * 60);
    if (long.length === 0) return null;
    return {
      message: `${long.length} session(s) lasted a day or more without a break`,
      evidence: { sessions: long.map((s) => ({ index: s.index, durationMinutes: s.durationMinutes })) },
    };
  },
};

export const unmanagedDeviceAtWork: Indicator = {
  id: 'net_unmanaged_device_login',
  family: 'location',
  severity: 'medium',
  points: 10,
  source: `LevelBlue SpiderLabs case (2025: sign-in from an unmanaged device through Astrill); ${sources.mandiant24}`,
  recommendedAction: 'Block sign-in from unmanaged devices for this account and ask why the issued laptop is not used.',
  evaluate(_applicant, context) {
    const hits = context.sessions.filter((s) => s.kind === 'work' && s.managedDevice === false);
    if (hits.length === 0) return null;
    return {
      message: `${hits.length} work session(s) came from a device the company does not manage`,
      evidence: { sessions: hits.map((s) => ({ index: s.index, ip: s.ip })) },
    };
  },
};

export const remoteAccessTools: Indicator = {
  id: 'net_multiple_remote_tools',
  family: 'location',
  severity: 'high',
  points: 25,
  source: `${sources.mandiant24} (GoToRemote, AnyDesk, TeamViewer, RustDesk on issued laptops); ${sources.psa24} (remote desktop into laptop farms)`,
  recommendedAction:
    "Remove the tools, collect the device's remote-session logs and verify with a live video call that the hire is at the laptop.",
  evaluate(applicant) {
    const tools = [...new Set(applicant.endpoint?.remoteAccessTools ?? [])];
    if (tools.length === 0) return null;
    const isSeveral = tools.length >= 2;
    return {
      message: `${tools.length} remote-access tool(s) on the issued device`,
      severity: isSeveral ? 'high' : 'medium',
      points: isSeveral ? 25 : 12,
      evidence: { tools },
    };
  },
};

export const ipKvm: Indicator = {
  id: 'net_ip_kvm',
  family: 'location',
  severity: 'critical',
  // Hardware for operating the laptop from elsewhere is strong evidence on its own: it reaches high alone.
  points: 45,
  source: `${sources.mandiant24} (IP-based KVM devices); US DOJ laptop-farm cases (June 2025: KVM switches)`,
  recommendedAction:
    'Treat the device as remotely operated: suspend access, recover the laptop and review its activity.',
  evaluate(applicant) {
    if (applicant.endpoint?.ipKvmDetected !== true) return null;
    return { message: 'An IP-KVM device is attached to the issued laptop', evidence: { ipKvmDetected: true } };
  },
};
