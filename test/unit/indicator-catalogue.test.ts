// One row per indicator: an applicant change that makes it fire, and the evidence it must report.
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { parseCidrList } from '../../src/intel/network';
import { gatherContext } from '../../src/intel/gather-context';
import { catalogue } from '../../src/scoring/catalogue';
import { sanctionsIndicators } from '../../src/scoring/indicators/sanctions';
import { linkIndicators } from '../../src/scoring/indicators/links';
import { scoreApplicant } from '../../src/scoring/score-applicant';
import { cleanApplicant } from '../support/applicants';

const now = new Date('2026-11-20T12:00:00Z');

function findingsOf(overrides: Record<string, unknown>, options: Parameters<typeof gatherContext>[1] = {}) {
  const applicant = parseApplicant(cleanApplicant(overrides));
  return scoreApplicant(applicant, gatherContext(applicant, { now, ...options })).findings;
}

const at = (day: number, hourUtc: number) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hourUtc).padStart(2, '0')}:00:00Z`;

const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['id_doc_forgery', { identityDocument: { type: 'passport', verification: 'failed' } }, { documentType: 'passport' }],
  [
    'id_profile_inconsistency',
    { identityDocument: { nameOnDocument: 'JOHN SMITH' } },
    { nameOnDocument: 'JOHN SMITH' },
  ],
  [
    'id_bio_mismatch',
    {
      person: { legalName: 'Jane Q. Doe', dateOfBirth: '2000-01-01' },
      employment: [{ employer: 'Acme', start: '2010-01' }],
      education: [],
    },
    { earliestStart: '2010-01' },
  ],
  [
    'net_vpn_vps_proxy',
    { sessions: [{ ip: '185.65.135.1' }] },
    { sessions: [expect.objectContaining({ asn: 39351, kind: 'vpn' })] },
  ],
  [
    'net_astrill_vpn',
    { sessions: [{ ip: '24.24.24.24', vpnProvider: 'Astrill' }] },
    { sessions: [expect.objectContaining({ ip: '24.24.24.24' })] },
  ],
  [
    'net_multi_country_logins',
    {
      sessions: [
        { ip: '24.24.24.24', at: at(5, 15) },
        { ip: '81.2.69.142', at: at(5, 16) },
      ],
    },
    { legs: [expect.objectContaining({ fromCountry: 'US', toCountry: 'GB' })] },
  ],
  [
    'net_claimed_location_mismatch',
    { sessions: [{ ip: '81.2.69.142' }, { ip: '81.2.69.142' }] },
    { claimedCountry: 'US' },
  ],
  [
    'net_timezone_mismatch',
    { sessions: [1, 2, 3].map((day) => ({ ip: '24.24.24.24', at: at(day, 7) })) },
    { timezone: 'America/Chicago', localHours: [1, 1, 1] },
  ],
  [
    'net_continuous_session',
    { sessions: [{ ip: '24.24.24.24', durationMinutes: 1500 }] },
    { sessions: [{ index: 0, durationMinutes: 1500 }] },
  ],
  [
    'net_unmanaged_device_login',
    { sessions: [{ ip: '24.24.24.24', kind: 'work', managedDevice: false }] },
    { sessions: [{ index: 0, ip: '24.24.24.24' }] },
  ],
  [
    'net_multiple_remote_tools',
    { endpoint: { remoteAccessTools: ['AnyDesk', 'RustDesk'] } },
    { tools: ['AnyDesk', 'RustDesk'] },
  ],
  ['net_ip_kvm', { endpoint: { ipKvmDetected: true } }, { ipKvmDetected: true }],
  [
    'addr_cannot_receive_at_id',
    { shipping: { reason: "I can't receive packages at my building" } },
    { reason: "I can't receive packages at my building" },
  ],
  [
    'addr_cmra_forwarder',
    { shipping: { address: { line1: 'PO Box 1234', city: 'Austin', postalCode: '78701', country: 'US' } } },
    { matchedText: 'PO Box' },
  ],
  ['addr_changes', { shipping: { changes: 3 } }, { changes: 3 }],
  ['addr_recipient_not_applicant', { shipping: { recipientName: 'Robert Smith' } }, { recipientName: 'Robert Smith' }],
  ['addr_overseas_reship', { endpoint: { deviceCountry: 'CN' } }, { deviceCountry: 'CN', claimedCountry: 'US' }],
  [
    'pay_prc_linked_service',
    { payment: { bankCountry: 'CN', accountHolderName: 'Jane Q. Doe' } },
    { bankCountry: 'CN' },
  ],
  [
    'pay_bank_country_mismatch',
    { payment: { bankCountry: 'DE', accountHolderName: 'Jane Q. Doe' } },
    { bankCountry: 'DE', claimedCountry: 'US' },
  ],
  [
    'pay_via_company_or_msb',
    { payment: { payeeType: 'msb', payeeEntityName: 'FastRemit' } },
    { payeeType: 'msb', payeeEntityName: 'FastRemit' },
  ],
  ['pay_frequent_bank_changes', { payment: { accountHolderName: 'Jane Q. Doe', changes: 4 } }, { changes: 4 }],
  ['pay_low_rate', { requestedRate: { amount: 40, currency: 'USD', per: 'hour' } }, { bandMin: 90 }],
  [
    'pay_prepayment_pressure',
    { payment: { accountHolderName: 'Jane Q. Doe', prepaymentRequested: true } },
    { prepaymentRequested: true },
  ],
  ['comm_no_video', { interview: { videoOn: false } }, { videoOn: false }],
  ['comm_avoids_in_person', { interview: { inPersonRefused: true } }, { inPersonRefused: true }],
  ['comm_liveness_fail', { interview: { livenessCheck: 'failed' } }, { livenessCheck: 'failed' }],
  [
    'comm_voip_phone',
    {
      claimedLocation: { country: 'GB', timezone: 'Europe/London' },
      person: { legalName: 'Jane Q. Doe', phone: '+44 56 1234 5678' },
    },
    { lineType: 'VOIP', phone: '+445612345678' },
  ],
  [
    'comm_changing_contacts',
    { person: { legalName: 'Jane Q. Doe', previousEmails: ['a@example.com', 'b@example.com'] } },
    { previousEmails: 2 },
  ],
  [
    'comm_disposable_email',
    { person: { legalName: 'Jane Q. Doe', email: 'jane@mailinator.com' } },
    { domain: 'mailinator.com' },
  ],
  [
    'doc_unverifiable_history',
    { employment: [{ employer: 'Ghost LLC', verified: false }] },
    { unverified: ['Ghost LLC'] },
  ],
  [
    'doc_github_fake_history',
    { profiles: { github: { login: 'x', createdAt: '2024-01-01', earliestCommitAt: '2016-01-01' } } },
    { createdAt: '2024-01-01' },
  ],
  [
    'doc_new_or_thin_profiles',
    { profiles: { linkedin: { createdAt: '2026-09-01', connections: 8 } } },
    { connections: 8 },
  ],
];

describe('indicator catalogue', () => {
  it.each(cases)('%s fires on its evidence and reports it', (id, overrides, evidence) => {
    const finding = findingsOf(overrides).find((f) => f.indicator === id);
    expect(finding).toBeDefined();
    expect(finding!.evidence).toMatchObject(evidence);
    expect(finding!.source.length).toBeGreaterThan(10);
    expect(finding!.recommendedAction.length).toBeGreaterThan(10);
  });

  it('has a unique id, a source and a recommended action for every indicator', () => {
    expect(new Set(catalogue.map((i) => i.id)).size).toBe(catalogue.length);
    for (const indicator of catalogue) {
      expect(indicator.source).toMatch(/.{10}/);
      expect(indicator.recommendedAction).toMatch(/.{10}/);
      // A cleared sanctions hit is recorded (what was compared) but adds nothing.
      if (indicator.id !== 'sanc_sdn_name_cleared') expect(indicator.points).toBeGreaterThan(0);
    }
  });

  it('covers every indicator with a firing case (here, in test/unit/scoring.test.ts, links in test/integration/links.test.ts, sanctions in test/unit/sanctions-indicators.test.ts)', () => {
    const covered = new Set([
      ...cases.map(([id]) => id),
      ...[
        'net_geo_cn_ru_la_kp',
        'net_phone_country_mismatch',
        'addr_ship_not_id_address',
        'pay_name_mismatch',
        'pay_crypto',
      ],
      ...linkIndicators.map((indicator) => indicator.id),
      ...sanctionsIndicators.map((indicator) => indicator.id),
    ]);
    expect(catalogue.map((i) => i.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("does not treat the employer's own VPN egress as a VPN", () => {
    const corporateEgress = parseCidrList('185.65.135.0/24')!;
    expect(
      findingsOf({ sessions: [{ ip: '185.65.135.1' }] }, { corporateEgress }).map((f) => f.indicator),
    ).not.toContain('net_vpn_vps_proxy');
  });

  it('does not call travel impossible inside one country or between direct sessions far apart in time', () => {
    const inside = findingsOf({
      sessions: [
        { ip: '24.24.24.24', at: at(5, 15) },
        { ip: '73.0.0.1', at: at(5, 16) },
      ],
    });
    expect(inside.map((f) => f.indicator)).not.toContain('net_multi_country_logins');
    const slow = findingsOf({
      sessions: [
        { ip: '24.24.24.24', at: at(1, 15) },
        { ip: '81.2.69.142', at: at(3, 15) },
      ],
    });
    expect(slow.map((f) => f.indicator)).not.toContain('net_multi_country_logins');
  });

  it('counts only a single remote tool as medium and several as high', () => {
    expect(
      findingsOf({ endpoint: { remoteAccessTools: ['AnyDesk'] } }).find(
        (f) => f.indicator === 'net_multiple_remote_tools',
      ),
    ).toMatchObject({ severity: 'medium', points: 12 });
  });
});
