// Looks up everything scoring needs before scoring runs, so indicators stay pure.
import type { Applicant } from '../applicants/applicant-schema';
import type { CidrSet } from './cidr-set';
import { inspectEmail, type EmailFacts } from './email';
import { uncheckedKnownAddresses, type KnownAddressContext, type KnownAddressIndex } from './known-addresses';
import { locateIp, type IpLocation } from './geoip';
import { classifyNetwork, type NetworkFacts } from './network';
import { inspectPhone, type PhoneFacts } from './phone';
import { uncheckedSanctions, type SanctionsContext } from './sanctions';

export interface SessionContext {
  index: number;
  ip: string;
  kind: string;
  at: string | null;
  durationMinutes: number | null;
  managedDevice: boolean | null;
  location: IpLocation | null;
  network: NetworkFacts;
  /** Hour of day (0-23) in the applicant's claimed time zone, when both are known. */
  claimedLocalHour: number | null;
  /** Distance from the claimed home, when the claim has coordinates and the IP a location. */
  distanceFromClaimKm: number | null;
}

export interface Travel {
  from: number;
  to: number;
  fromCountry: string;
  toCountry: string;
  distanceKm: number;
  hours: number;
  speedKmh: number;
}

export interface LinkedCase {
  caseId: string;
  subjectName: string;
  band: string;
  score: number;
}

/** What a link indicator reads: identifier kinds judged together (an account and a wallet are both "payout"). */
export const linkGroups = [
  'shipping_address',
  'residential_address',
  'payout',
  'contact',
  'ip',
  'device',
  'resume',
] as const;
export type LinkGroup = (typeof linkGroups)[number];

/**
 * Other cases sharing one group of identifiers, counted exactly over the whole cluster, with a few of them named.
 * Cases under one of the applicant's own names (the same person applying again) are left out.
 */
export interface LinkSummary {
  cases: number;
  /** Distinct names among them. */
  names: number;
  /** Of them, those not shown to live with the applicant: another residence, or their laptop or pay goes elsewhere. */
  notHousemates: number;
  /** Of them, those whose declared residence is not the applicant's. */
  outsideResidence: number;
  /** At most a few, highest score first. */
  sample: LinkedCase[];
}

/** Other cases sharing this applicant's identifiers: filled by the screening use case, which has the database. */
export interface LinkContext {
  isChecked: boolean;
  groups: Partial<Record<LinkGroup, LinkSummary>>;
  referrer: { caseId: string; band: string; score: number } | null;
}

export const uncheckedLinks: LinkContext = { isChecked: false, groups: {}, referrer: null };

export interface ScreeningContext {
  screenedAt: string;
  links: LinkContext;
  /** Sanctions matches: filled by the scorer when it has a sanctions index. */
  sanctions: SanctionsContext;
  sessions: SessionContext[];
  /** Consecutive timed sessions in time order, with the distance between their IP locations. */
  travel: Travel[];
  phone: PhoneFacts | null;
  email: EmailFacts | null;
  /** Which of the applicant's addresses are the company's declared offices, depots or staffing partners. */
  knownAddresses: KnownAddressContext;
}

export interface ContextOptions {
  now?: Date;
  corporateEgress?: CidrSet | null;
  /** The company's declared addresses (src/known-addresses); without them nothing is matched. */
  knownAddresses?: KnownAddressIndex | null;
}

const EARTH_RADIUS_KM = 6371;

export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

function localHour(at: string, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(new Date(at))) % 24;
}

function hasCoordinates(location: IpLocation | null): location is IpLocation & { latitude: number; longitude: number } {
  return location !== null && location.latitude !== null && location.longitude !== null;
}

// Only direct connections: a VPN or hosting exit says nothing about where the person was.
function travelBetween(sessions: SessionContext[]): Travel[] {
  const timed = sessions
    .filter((session) => session.at && hasCoordinates(session.location) && session.network.kind === 'other')
    .sort((a, b) => Date.parse(a.at!) - Date.parse(b.at!));
  const travel: Travel[] = [];
  for (let i = 1; i < timed.length; i += 1) {
    const [previous, next] = [timed[i - 1]!, timed[i]!];
    const [a, b] = [
      previous.location as IpLocation & { latitude: number; longitude: number },
      next.location as IpLocation & { latitude: number; longitude: number },
    ];
    // Geolocation is only as good as its accuracy radius; the distance counted is the least it can be.
    const km = Math.max(0, distanceKm(a, b) - (a.accuracyRadiusKm ?? 0) - (b.accuracyRadiusKm ?? 0));
    const hours = (Date.parse(next.at!) - Date.parse(previous.at!)) / 3_600_000;
    travel.push({
      from: previous.index,
      to: next.index,
      fromCountry: a.country,
      toCountry: b.country,
      distanceKm: Math.round(km),
      hours: Math.round(hours * 100) / 100,
      speedKmh: hours > 0 ? Math.round(km / hours) : km > 0 ? Infinity : 0,
    });
  }
  return travel;
}

export function gatherContext(applicant: Applicant, options: ContextOptions = {}): ScreeningContext {
  const claimed = applicant.claimedLocation;
  const claimedPoint =
    claimed?.latitude != null && claimed?.longitude != null
      ? { latitude: claimed.latitude, longitude: claimed.longitude }
      : null;
  const sessions = (applicant.sessions ?? []).map((session, index): SessionContext => {
    const location = locateIp(session.ip);
    return {
      index,
      ip: session.ip,
      kind: session.kind,
      at: session.at ?? null,
      durationMinutes: session.durationMinutes ?? null,
      managedDevice: session.managedDevice ?? null,
      location,
      network: classifyNetwork(session.ip, {
        corporateEgress: options.corporateEgress,
        reportedVpnProvider: session.vpnProvider,
      }),
      claimedLocalHour: session.at && claimed?.timezone ? localHour(session.at, claimed.timezone) : null,
      distanceFromClaimKm:
        claimedPoint && hasCoordinates(location) ? Math.round(distanceKm(claimedPoint, location)) : null,
    };
  });
  return {
    screenedAt: (options.now ?? new Date()).toISOString(),
    links: uncheckedLinks,
    sanctions: uncheckedSanctions,
    sessions,
    travel: travelBetween(sessions),
    phone: applicant.person.phone ? inspectPhone(applicant.person.phone, claimed?.country) : null,
    email: applicant.person.email ? inspectEmail(applicant.person.email) : null,
    knownAddresses: options.knownAddresses ? options.knownAddresses.contextFor(applicant) : uncheckedKnownAddresses,
  };
}
