// Cross-applicant links: the same address, account, phone, IP, device or resume behind different names.
import { isOwnName, nameTokens } from '../../applicants/names';
import type { Applicant } from '../../applicants/applicant-schema';
import type { LinkedCase, ScreeningContext } from '../../intel/gather-context';
import type { Indicator, Observation, Severity } from '../types';
import { sources } from '../sources';

// The family name may stand first or last depending on the convention the name is written in; both ends
// are compared so that every convention gets the same treatment.
const nameEnds = (name: string) => {
  const tokens = nameTokens(name).filter((token) => token.length > 1);
  return tokens.length > 1 ? new Set([tokens[0]!, tokens.at(-1)!]) : new Set<string>();
};

// A declared household member, or the same family name, explains a shared home: it lowers the link, never hides it.
function isHousehold(applicant: Applicant, other: string): boolean {
  if ((applicant.person.householdMembers ?? []).some((member) => isOwnName({ legalName: member }, other))) return true;
  const theirs = nameEnds(other);
  return [...nameEnds(applicant.person.legalName)].some((token) => theirs.has(token));
}

interface Split {
  others: LinkedCase[];
  household: LinkedCase[];
  distinctNames: number;
}

function split(applicant: Applicant, linked: LinkedCase[] | undefined): Split {
  const others: LinkedCase[] = [];
  const household: LinkedCase[] = [];
  for (const linkedCase of linked ?? []) {
    // The same person applying again (another source, same name) is not a second identity.
    if (isOwnName(applicant.person, linkedCase.subjectName)) continue;
    (isHousehold(applicant, linkedCase.subjectName) ? household : others).push(linkedCase);
  }
  const names = new Set(others.map((c) => nameTokens(c.subjectName).sort().join(' ')));
  return { others, household, distinctNames: names.size };
}

const describe = (cases: LinkedCase[]) => cases.slice(0, 20).map((c) => ({ caseId: c.caseId, subjectName: c.subjectName, band: c.band }));

function linkObservation(
  kinds: string[],
  context: ScreeningContext,
  applicant: Applicant,
  label: string,
  scale: (distinctNames: number) => { points: number; severity: Severity },
): Observation | null {
  const linked = kinds.flatMap((kind) => context.links.byKind[kind] ?? []);
  const unique = [...new Map(linked.map((c) => [c.caseId, c])).values()];
  const { others, household, distinctNames } = split(applicant, unique);
  if (others.length === 0 && household.length === 0) return null;
  const evidence = { kinds, linkedCases: describe(others), otherNames: distinctNames, householdCases: describe(household), totalLinkedCases: unique.length };
  if (others.length === 0) {
    return { message: `Shares ${label} with ${household.length} case(s) of the same household`, evidence, severity: 'low', points: 5 };
  }
  const { points, severity } = scale(distinctNames);
  return { message: `Shares ${label} with ${others.length} other case(s) under ${distinctNames} different name(s)`, evidence, points, severity };
}

const rising = (base: number, step: number, max: number) => (names: number) => {
  const points = Math.min(max, base + step * (names - 1));
  return { points, severity: (points >= 40 ? 'high' : points >= 20 ? 'medium' : 'low') as Severity };
};

export const sharedShippingAddress: Indicator = {
  id: 'x_shared_ship_address',
  family: 'links',
  severity: 'high',
  points: 25,
  source: `${sources.psa24}; US DOJ v. Chapman (one Arizona home received laptops for 68 identities)`,
  recommendedAction: 'Compare the linked cases: who lives at the address? Visit or verify it, and hold shipments until then.',
  // A home where people of other names also receive laptops is the laptop-farm pattern.
  evaluate: (applicant, context) => linkObservation(['shipping_address'], context, applicant, 'a shipping address', rising(25, 10, 45)),
};

export const sharedResidence: Indicator = {
  id: 'x_shared_residence',
  family: 'links',
  severity: 'medium',
  points: 10,
  source: `${sources.adv22Mitigations} (flag accounts that use the same or similar documentation); roommates are common, so weak alone`,
  recommendedAction: 'Ask whether the applicants know each other; verify each residence with a dated document.',
  evaluate: (applicant, context) => linkObservation(['residential_address'], context, applicant, 'a residential address', rising(10, 5, 25)),
};

export const sharedPayoutAccount: Indicator = {
  id: 'x_shared_payout_account',
  family: 'links',
  severity: 'high',
  points: 40,
  source: `${sources.adv22Platforms} (the same payment account used by several accounts); ${sources.adv22Mitigations}`,
  recommendedAction: 'Stop payroll set-up for the linked cases until each is paid into an account verified in their own name.',
  evaluate: (applicant, context) => linkObservation(['payout_account', 'wallet'], context, applicant, 'a payout account or wallet', rising(40, 10, 50)),
};

export const sharedPhoneOrEmail: Indicator = {
  id: 'x_shared_phone_or_email',
  family: 'links',
  severity: 'high',
  points: 30,
  source: `${sources.mandiant24} (an applicant's e-mail found on profiles under a different name)`,
  recommendedAction: 'Call the number and write to the address; ask each linked applicant who owns them.',
  evaluate: (applicant, context) => linkObservation(['phone', 'email'], context, applicant, 'a phone number or e-mail address', rising(30, 10, 45)),
};

export const sharedIp: Indicator = {
  id: 'x_shared_ip',
  family: 'links',
  severity: 'medium',
  points: 15,
  source: `${sources.adv22Platforms} (logging into multiple accounts from one IP address); Mandiant podcast 2025 (two employees on one Nevada IP)`,
  recommendedAction: 'Check whether the IP is a shared office or campus (add it to LINK_SHARED_NETWORK_CIDRS if so); otherwise ask the applicants how they are connected.',
  evaluate: (applicant, context) => linkObservation(['ip'], context, applicant, 'a residential (not VPN, hosting or shared-network) IP address', rising(15, 5, 30)),
};

export const sharedDevice: Indicator = {
  id: 'x_shared_device',
  family: 'links',
  severity: 'high',
  points: 35,
  source: `${sources.adv22Platforms} (several developer accounts operated from one place); Okta Threat Intelligence (Sep 2025)`,
  recommendedAction: 'Treat the linked cases as possibly one operator; verify each identity live.',
  evaluate: (applicant, context) => linkObservation(['device'], context, applicant, 'a device', rising(35, 10, 45)),
};

// Near-duplicates share several LSH bands; one shared band is chance-level similarity.
const MIN_SHARED_BANDS = 4;

export const resumeTemplate: Indicator = {
  id: 'x_resume_template',
  family: 'links',
  severity: 'medium',
  points: 25,
  source: `${sources.adv22Platforms} (the same document templates used across different developer accounts)`,
  recommendedAction: 'Compare the resumes side by side and verify the employment history of each linked applicant.',
  evaluate(applicant, context) {
    const similar = (context.links.byKind.resume_band ?? []).filter((c) => c.sharedCount >= MIN_SHARED_BANDS);
    return linkObservation(['resume'], { ...context, links: { ...context.links, byKind: { resume: similar } } }, applicant, 'a near-identical resume', rising(25, 10, 40));
  },
};

export const referredByFlaggedCase: Indicator = {
  id: 'comm_refers_others',
  family: 'links',
  severity: 'high',
  points: 25,
  source: `${sources.adv22Operations} (workers recommend additional DPRK IT workers); ${sources.seal}`,
  recommendedAction: 'Review the referrer\'s case first; verify this applicant independently of anything the referrer supplied.',
  evaluate(_applicant, context) {
    const referrer = context.links.referrer;
    if (!referrer || (referrer.band !== 'high' && referrer.band !== 'critical')) return null;
    return { message: `Referred by a case already at ${referrer.band}`, evidence: { referrerCaseId: referrer.caseId, referrerBand: referrer.band, referrerScore: referrer.score } };
  },
};

export const linkIndicators: readonly Indicator[] = [
  sharedShippingAddress, sharedPayoutAccount, sharedPhoneOrEmail, sharedDevice, resumeTemplate, sharedIp, sharedResidence, referredByFlaggedCase,
];
