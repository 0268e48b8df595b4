// Looks up everything scoring needs before scoring runs, so indicators stay pure.
import type { Applicant } from '../applicants/applicant-schema';
import { locateIp, type IpLocation } from './geoip';
import { inspectPhone, type PhoneFacts } from './phone';

export interface SessionContext {
  index: number;
  ip: string;
  kind: string;
  at: string | null;
  location: IpLocation | null;
}

export interface ScreeningContext {
  sessions: SessionContext[];
  phone: PhoneFacts | null;
}

export function gatherContext(applicant: Applicant): ScreeningContext {
  const sessions = (applicant.sessions ?? []).map((session, index) => ({
    index,
    ip: session.ip,
    kind: session.kind,
    at: session.at ?? null,
    location: locateIp(session.ip),
  }));
  const phone = applicant.person.phone ? inspectPhone(applicant.person.phone, applicant.claimedLocation?.country) : null;
  return { sessions, phone };
}
