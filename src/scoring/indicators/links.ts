// Cross-applicant links: the same address, account, phone, IP, device or resume behind different names.
import { livesAndIsPaidAsDeclared } from '../../applicants/household-evidence';
import { addressKey } from '../../applicants/addresses';
import type { Applicant } from '../../applicants/applicant-schema';
import type { LinkGroup, LinkSummary, ScreeningContext } from '../../intel/gather-context';
import type { Indicator, Observation, Severity } from '../types';
import { sources } from '../sources';

/**
 * A shared home is a household when everyone there lives and is paid as declared (the laptop goes to their own
 * residence, pay to their own account) and the address holds at most this many identities in all. Four or more
 * names at one home, or one laptop sent elsewhere, is the farm pattern, whatever the names.
 */
export const HOUSEHOLD_MAX_IDENTITIES = 3;
const HOUSEHOLD_POINTS = 5;
// What people living together share by nature: the home itself and its connection. An account, a phone or a device
// shared is judged by its own scale.
const HOME_GROUPS: ReadonlySet<LinkGroup> = new Set(['shipping_address', 'residential_address', 'ip']);

// Judged by evidence only: names never decide it (a surname shared or not says nothing about who lives together).
function isHousehold(applicant: Applicant, context: ScreeningContext, linked: LinkSummary): boolean {
  if (
    !addressKey(applicant.residentialAddress) ||
    !livesAndIsPaidAsDeclared(applicant, context.knownAddresses.shipping !== null)
  )
    return false;
  const atHome = context.links.groups.residential_address;
  const identities = 1 + Math.max(linked.names, atHome?.names ?? 0);
  return linked.notHousemates === 0 && identities <= HOUSEHOLD_MAX_IDENTITIES;
}

const describe = (linked: LinkSummary) =>
  linked.sample.map((c) => ({ caseId: c.caseId, subjectName: c.subjectName, band: c.band }));

type Scale = (distinctNames: number, linked: LinkSummary) => { points: number; severity: Severity; note?: string };

function linkObservation(
  group: LinkGroup,
  kinds: string[],
  context: ScreeningContext,
  applicant: Applicant,
  label: string,
  scale: Scale,
): Observation | null {
  const linked = context.links.groups[group];
  if (!linked || linked.cases === 0) return null;
  const household = HOME_GROUPS.has(group) && isHousehold(applicant, context, linked);
  const evidence = {
    kinds,
    linkedCases: describe(linked),
    otherCases: linked.cases,
    otherNames: linked.names,
    household,
  };
  if (household) {
    return {
      message: `Shares ${label} with ${linked.cases} other case(s) of the same household (each lives and is paid as declared there)`,
      evidence,
      severity: 'low',
      points: HOUSEHOLD_POINTS,
    };
  }
  const { points, severity, note } = scale(linked.names, linked);
  return {
    message: `Shares ${label} with ${linked.cases} other case(s) under ${linked.names} different name(s)${note ?? ''}`,
    evidence,
    points,
    severity,
  };
}

const severityOf = (points: number): Severity => (points >= 40 ? 'high' : points >= 20 ? 'medium' : 'low');

const rising =
  (base: number, step: number, max: number): Scale =>
  (names) => {
    const points = Math.min(max, base + step * (Math.max(1, names) - 1));
    return { points, severity: severityOf(points) };
  };

export const sharedShippingAddress: Indicator = {
  id: 'x_shared_ship_address',
  family: 'links',
  severity: 'high',
  points: 25,
  source: `${sources.psa24}; US DOJ v. Chapman (one Arizona home received laptops for 68 identities)`,
  recommendedAction:
    'Compare the linked cases: who lives at the address? Visit or verify it, and hold shipments until then.',
  // A home where people of other names also receive laptops is the laptop-farm pattern.
  // At most 40: one shipping address (with the address findings it brings) stays below critical on its own.
  evaluate: (applicant, context) =>
    linkObservation(
      'shipping_address',
      ['shipping_address'],
      context,
      applicant,
      'a shipping address',
      rising(25, 10, 40),
    ),
};

export const sharedResidence: Indicator = {
  id: 'x_shared_residence',
  family: 'links',
  severity: 'medium',
  points: 10,
  source: `${sources.adv22Mitigations} (flag accounts that use the same or similar documentation); roommates are common, so weak alone`,
  recommendedAction: 'Ask whether the applicants know each other; verify each residence with a dated document.',
  evaluate: (applicant, context) =>
    linkObservation(
      'residential_address',
      ['residential_address'],
      context,
      applicant,
      'a residential address',
      rising(10, 5, 25),
    ),
};

// A payout account shared only with people who live at the applicant's own residence (at most
// HOUSEHOLD_MAX_IDENTITIES in all) reads as a joint account: medium. Anyone outside that home makes it high.
function payoutScale(applicant: Applicant, context: ScreeningContext): Scale {
  return (names, linked) => {
    const atHome = context.links.groups.residential_address;
    const sameHome =
      addressKey(applicant.residentialAddress) !== null &&
      linked.outsideResidence === 0 &&
      1 + Math.max(names, atHome?.names ?? 0) <= HOUSEHOLD_MAX_IDENTITIES;
    if (sameHome) return { points: 20, severity: 'medium', note: ", all living at this applicant's residence" };
    const points = Math.min(55, 45 + 5 * (Math.max(1, names) - 1));
    return { points, severity: 'high' };
  };
}

export const sharedPayoutAccount: Indicator = {
  id: 'x_shared_payout_account',
  family: 'links',
  severity: 'high',
  points: 45,
  source: `${sources.adv22Platforms} (the same payment account used by several accounts); ${sources.adv22Mitigations}`,
  recommendedAction:
    'Stop payroll set-up for the linked cases until each is paid into an account verified in their own name.',
  // One account cannot belong to two strangers: high on its own. Shared only within one home, it may be a joint account.
  evaluate: (applicant, context) =>
    linkObservation(
      'payout',
      ['payout_account', 'wallet'],
      context,
      applicant,
      'a payout account or wallet',
      payoutScale(applicant, context),
    ),
};

export const sharedPhoneOrEmail: Indicator = {
  id: 'x_shared_phone_or_email',
  family: 'links',
  severity: 'high',
  points: 30,
  source: `${sources.mandiant24} (an applicant's e-mail found on profiles under a different name)`,
  recommendedAction: 'Call the number and write to the address; ask each linked applicant who owns them.',
  evaluate: (applicant, context) =>
    linkObservation(
      'contact',
      ['phone', 'email'],
      context,
      applicant,
      'a phone number or e-mail address',
      rising(30, 10, 45),
    ),
};

export const sharedIp: Indicator = {
  id: 'x_shared_ip',
  family: 'links',
  severity: 'medium',
  points: 15,
  source: `${sources.adv22Platforms} (logging into multiple accounts from one IP address); Mandiant podcast 2025 (two employees on one Nevada IP)`,
  recommendedAction:
    'Check whether the IP is a shared office or campus (add it to LINK_SHARED_NETWORK_CIDRS if so); otherwise ask the applicants how they are connected.',
  evaluate: (applicant, context) =>
    linkObservation(
      'ip',
      ['ip'],
      context,
      applicant,
      'a residential (not VPN, hosting or shared-network) IP address',
      rising(15, 5, 30),
    ),
};

export const sharedDevice: Indicator = {
  id: 'x_shared_device',
  family: 'links',
  severity: 'high',
  points: 35,
  source: `${sources.adv22Platforms} (several developer accounts operated from one place); Okta Threat Intelligence (Sep 2025)`,
  recommendedAction: 'Treat the linked cases as possibly one operator; verify each identity live.',
  evaluate: (applicant, context) =>
    linkObservation('device', ['device'], context, applicant, 'a device', rising(35, 10, 45)),
};

export const resumeTemplate: Indicator = {
  id: 'x_resume_template',
  family: 'links',
  severity: 'medium',
  points: 25,
  source: `${sources.adv22Platforms} (the same document templates used across different developer accounts)`,
  recommendedAction: 'Compare the resumes side by side and verify the employment history of each linked applicant.',
  // Near-duplicates only: the lookup counts a case when it shares several resume bands (one is chance).
  evaluate: (applicant, context) =>
    linkObservation('resume', ['resume'], context, applicant, 'a near-identical resume', rising(25, 10, 40)),
};

export const referredByFlaggedCase: Indicator = {
  id: 'comm_refers_others',
  family: 'links',
  severity: 'high',
  points: 25,
  source: `${sources.adv22Operations} (workers recommend additional DPRK IT workers); ${sources.seal}`,
  recommendedAction:
    "Review the referrer's case first; verify this applicant independently of anything the referrer supplied.",
  evaluate(_applicant, context) {
    const referrer = context.links.referrer;
    if (!referrer || (referrer.band !== 'high' && referrer.band !== 'critical')) return null;
    return {
      message: `Referred by a case already at ${referrer.band}`,
      evidence: { referrerCaseId: referrer.caseId, referrerBand: referrer.band, referrerScore: referrer.score },
    };
  },
};

/**
 * With this many other names sharing a value, every link scale above is at its most and no household is possible
 * (more than HOUSEHOLD_MAX_IDENTITIES): another newcomer cannot change the finding (the queued rescoring skips it).
 */
export const SATURATED_NAMES = 5;

/** Which finding a shared identifier kind feeds. */
export const linkIndicatorOfKind: Readonly<Record<string, string>> = {
  shipping_address: 'x_shared_ship_address',
  residential_address: 'x_shared_residence',
  payout_account: 'x_shared_payout_account',
  wallet: 'x_shared_payout_account',
  phone: 'x_shared_phone_or_email',
  email: 'x_shared_phone_or_email',
  ip: 'x_shared_ip',
  device: 'x_shared_device',
  resume_band: 'x_resume_template',
};

export const linkIndicators: readonly Indicator[] = [
  sharedShippingAddress,
  sharedPayoutAccount,
  sharedPhoneOrEmail,
  sharedDevice,
  resumeTemplate,
  sharedIp,
  sharedResidence,
  referredByFlaggedCase,
];
