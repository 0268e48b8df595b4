// Indicators and families in words: labels, why each matters, the points that count, a finding's headline and advice.
import type { Family, Finding } from '../scoring/types';
import { plainSentence } from './country-words';
import { fieldLabel, sentenceCase } from './field-words';
import { PROGRAMMES, programmeLabel, sanctionsListLabel } from './sanctions-words';

export const INDICATOR_LABELS: Readonly<Record<string, string>> = {
  addr_ship_not_id_address: 'Laptop to be shipped to another address',
  addr_cannot_receive_at_id: 'Cannot receive items at own address',
  addr_cmra_forwarder: 'Shipping to a mailbox or forwarder',
  addr_changes: 'Shipping address changed repeatedly',
  addr_recipient_not_applicant: 'Someone else receives the laptop',
  addr_overseas_reship: 'Issued device is abroad',
  comm_no_video: 'Interview without video',
  comm_avoids_in_person: 'Declined to meet in person',
  comm_liveness_fail: 'Liveness check failed',
  comm_voip_phone: 'Internet (VoIP) phone number',
  comm_changing_contacts: 'Phone or e-mail changed repeatedly',
  comm_disposable_email: 'Disposable e-mail address',
  comm_refers_others: 'Referred by a flagged applicant',
  doc_unverifiable_history: 'Work or school history not verifiable',
  doc_github_fake_history: 'GitHub history older than the account',
  doc_new_or_thin_profiles: 'New or thin LinkedIn profile',
  id_doc_forgery: 'Identity document failed verification',
  id_profile_inconsistency: 'Name on the document differs',
  id_bio_mismatch: 'History does not fit the age',
  net_geo_cn_ru_la_kp: 'Connections from China, Russia, Laos or North Korea',
  net_phone_country_mismatch: 'Phone number from another country',
  net_vpn_vps_proxy: 'Connections through a VPN or hosting provider',
  net_astrill_vpn: 'Connections through Astrill VPN',
  net_multi_country_logins: 'Impossible travel between sessions',
  net_claimed_location_mismatch: 'Connections from outside the stated country',
  net_timezone_mismatch: 'Works at night in the stated time zone',
  net_continuous_session: 'Sessions lasting a day or more',
  net_unmanaged_device_login: 'Work from an unmanaged device',
  net_multiple_remote_tools: 'Remote-access tools on the laptop',
  net_ip_kvm: 'IP-KVM device on the laptop',
  pay_name_mismatch: "Paid into someone else's account",
  pay_crypto: 'Wants to be paid in cryptocurrency',
  pay_prc_linked_service: 'Paid through a bank or service in China',
  pay_bank_country_mismatch: 'Bank account in another country',
  pay_via_company_or_msb: 'Paid through a company or money service',
  pay_frequent_bank_changes: 'Payout account changed repeatedly',
  pay_low_rate: "Rate far below the position's band",
  pay_prepayment_pressure: 'Asked to be paid in advance',
  sanc_sdn_name: 'Confirmed sanctions list match',
  sanc_sdn_name_possible: 'Possible sanctions list match',
  sanc_sdn_name_cleared: 'Sanctions name match cleared',
  sanc_crypto_address: 'Wallet on a sanctions list',
  x_shared_ship_address: 'Shipping address shared with other applicants',
  x_shared_residence: 'Home address shared with other applicants',
  x_shared_payout_account: 'Payout account shared with other applicants',
  x_shared_phone_or_email: 'Phone or e-mail shared with other applicants',
  x_shared_ip: 'Connection address shared with other applicants',
  x_shared_device: 'Device shared with other applicants',
  x_resume_template: 'Resume text shared with other applicants',
};

export const FAMILY_LABELS: Readonly<Record<string, string>> = {
  identity: 'Identity',
  location: 'Location and connections',
  address: 'Addresses and laptop shipping',
  payment: 'Payment',
  communication: 'Communication and interview',
  documents: 'Documents and history',
  sanctions: 'Sanctions lists',
  links: 'Links to other cases',
};

/** "location" -> "Location and connections". */
export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? sentenceCase(family);
}

/** "addr_ship_not_id_address" -> "Laptop to be shipped to another address"; an unknown id reads as words. */
export function indicatorLabel(id: string): string {
  return INDICATOR_LABELS[id] ?? sentenceCase(id.replace(/_/g, ' '));
}

// Why each family counts, in one sentence; the citation follows it.
const FAMILY_REASONS: Record<Family, string> = {
  identity:
    'People working under a false or borrowed identity often fail document checks or have a history that does not fit the person.',
  location:
    'DPRK IT workers usually connect from China, Russia or Laos and hide it behind VPNs and remote-access tools, so where connections really come from matters more than what is claimed.',
  address:
    'Laptops for DPRK IT workers go to "laptop farms": facilitators in the hiring country who receive the equipment at an address that is not the applicant\'s.',
  payment:
    'Wages of DPRK IT workers are moved to the regime through accounts held by others, cryptocurrency and payment services abroad.',
  communication: "Workers using someone else's identity avoid showing their face and switch contact details often.",
  documents: 'Invented work histories and freshly built online profiles are typical of fake identities.',
  sanctions:
    'Paying a person on a US sanctions list is against the law whatever the reason, so a match has to be confirmed or cleared before any offer or payment.',
  links:
    'One person or team applying under many identities shows up as the same address, account, device or resume behind several applications.',
};

const INDICATOR_REASONS: Readonly<Record<string, string>> = {
  net_geo_cn_ru_la_kp:
    'DPRK IT workers are known to work from China, Russia and Laos; a connection from there contradicts a claim to live elsewhere.',
  comm_no_video: "Someone using another person's identity cannot show the face that matches it.",
  comm_liveness_fail: 'A failed liveness check can mean a face swap or a deepfake in the interview.',
  pay_crypto: 'Cryptocurrency is the usual way wages are moved to the DPRK without passing a bank.',
  addr_ship_not_id_address:
    "A laptop shipped away from the applicant's own address is how laptop farms receive equipment.",
  net_ip_kvm: 'An IP-KVM lets someone far away control the laptop as if they sat in front of it.',
  sanc_sdn_name_cleared: 'The name is like a listed one, but an identifier differs: kept for the record only.',
};

/** 'Why it matters' as a reason first, with the citation behind it. */
export function whyItMatters(finding: Pick<Finding, 'indicator' | 'family' | 'source'>): {
  reason: string;
  citation: string;
} {
  return {
    reason: INDICATOR_REASONS[finding.indicator] ?? FAMILY_REASONS[finding.family] ?? '',
    citation: finding.source,
  };
}

/** Per-family points as they count after the family caps and the total cap, so that the parts add up to the score. */
export function countedPoints(
  findings: readonly Pick<Finding, 'family' | 'points'>[],
  familyCaps: Readonly<Record<string, number>>,
  maxScore: number,
): { byFamily: Map<string, { found: number; counted: number; cap: number }>; total: number } {
  const found = new Map<string, number>();
  for (const finding of findings) found.set(finding.family, (found.get(finding.family) ?? 0) + finding.points);
  // Families with the most points counted first, so that the total cap trims the smallest contributions last.
  const ordered = [...found].sort((a, b) => b[1] - a[1]);
  const byFamily = new Map<string, { found: number; counted: number; cap: number }>();
  let left = maxScore;
  for (const [family, points] of ordered) {
    const cap = familyCaps[family] ?? maxScore;
    const counted = Math.max(0, Math.min(points, cap, left));
    left -= counted;
    byFamily.set(family, { found: points, counted, cap });
  }
  return { byFamily, total: maxScore - left };
}

/**
 * A finding's headline as a person reads it. Stored messages name contract fields, country codes, list and programme
 * tags ("person.legalName "…" strongly matches BUILTIN entry X (NPWMD), score 100"); pages show this instead.
 */
export function findingHeadline(finding: Pick<Finding, 'family' | 'message'>): string {
  let text = finding.message;
  if (finding.family === 'sanctions') {
    text = text
      .replace(
        /\b(SDN|CONS|BUILTIN) entry (.+?) \(([A-Za-z0-9, -]+)\)/g,
        (_whole, list: string, name: string, programmes: string) =>
          `${name} on ${sanctionsListLabel(list)} (${programmes.split(/,\s*/).map(programmeLabel).join('; ')})`,
      )
      .replace(/\(([A-Z][A-Z0-9-]+(?:, [A-Z][A-Z0-9-]+)*)\)/g, (whole, tags: string) =>
        tags.split(', ').every((tag) => PROGRAMMES[tag])
          ? `(${tags.split(', ').map(programmeLabel).join('; ')})`
          : whole,
      )
      .replace(/, score (\d+)/g, ', name similarity $1 of 100')
      .replace(/^A name "/, 'A name “')
      .replace(
        /^([A-Za-z.0-9]+) "([^"]*)"/,
        (_whole, field: string, name: string) => `The ${fieldLabel(field)} “${name}”`,
      );
  }
  return sentenceCase(plainSentence(text));
}

/** A finding's recommended check for a reviewer: advice written for operators names settings, reviewers read what to ask for. */
export function plainAdvice(text: string): string {
  return text.replace(/ \(add it to [A-Z_]+ if so\)/, ' (if so, ask an administrator to mark it as a shared network)');
}
