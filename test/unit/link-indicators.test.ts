// The link indicators on link summaries (pure): households by evidence, never by names; weights by what is shared.
import { livesAndIsPaidAsDeclared } from '../../src/applicants/household-evidence';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import { gatherContext, type LinkGroup, type LinkSummary } from '../../src/intel/gather-context';
import { SATURATED_NAMES } from '../../src/scoring/indicators/links';
import { scoreApplicant } from '../../src/scoring/score-applicant';
import { cleanApplicant } from '../support/applicants';

const summary = (cases: number, names: number, extra: Partial<LinkSummary> = {}): LinkSummary => ({
  cases,
  names,
  notHousemates: 0,
  outsideResidence: 0,
  sample: Array.from({ length: Math.min(cases, 5) }, (_, n) => ({
    caseId: `case-${n}`,
    subjectName: `Person ${n}`,
    band: 'low',
    score: 0,
  })),
  ...extra,
});

function livingAtHome(name: string, overrides: Record<string, unknown> = {}) {
  const base = cleanApplicant();
  return parseApplicant({
    ...base,
    person: { ...base.person, legalName: name, otherNames: [] },
    identityDocument: { ...base.identityDocument, nameOnDocument: name },
    shipping: { address: base.residentialAddress, recipientName: name },
    payment: { ...base.payment, accountHolderName: name },
    ...overrides,
  });
}

function scoreWith(applicant: ReturnType<typeof parseApplicant>, groups: Partial<Record<LinkGroup, LinkSummary>>) {
  const context = gatherContext(applicant);
  return scoreApplicant(applicant, { ...context, links: { isChecked: true, groups, referrer: null } });
}

const linkWeights = (result: ReturnType<typeof scoreWith>) =>
  result.findings
    .filter((f) => f.family === 'links')
    .map((f) => `${f.indicator}:${f.points}:${f.severity}`)
    .sort();

describe('households by evidence', () => {
  const home = { shipping_address: summary(1, 1), residential_address: summary(1, 1), ip: summary(1, 1) };

  it('scores the same home the same under every naming convention, surname shared or not', () => {
    const names = [
      'James Carter',
      'Kim Min-jun',
      'María José García López',
      'Wang Xiuying',
      'Ahmed bin Khalid Al-Farsi',
      'Nguyễn Thị Minh Khai',
    ];
    const results = names.map((name) => linkWeights(scoreWith(livingAtHome(name), home)));
    expect(results[0]).toEqual(['x_shared_ip:5:low', 'x_shared_residence:5:low', 'x_shared_ship_address:5:low']);
    for (const result of results) expect(result).toEqual(results[0]);
  });

  it('is the farm pattern when a housemate ships or is paid elsewhere, or four identities share the home', () => {
    const elsewhere = { ...home, shipping_address: summary(1, 1, { notHousemates: 1 }) };
    expect(linkWeights(scoreWith(livingAtHome('James Carter'), elsewhere))).toContain(
      'x_shared_ship_address:25:medium',
    );
    const crowded = { shipping_address: summary(3, 3), residential_address: summary(3, 3) };
    expect(linkWeights(scoreWith(livingAtHome('James Carter'), crowded))).toContain('x_shared_ship_address:40:high');
  });

  it("is the farm pattern when the applicant's own laptop goes elsewhere", () => {
    const applicant = livingAtHome('James Carter', {
      shipping: {
        address: { line1: '9 Depot Rd', city: 'Mesa', region: 'AZ', postalCode: '85201', country: 'US' },
        recipientName: 'James Carter',
      },
    });
    expect(livesAndIsPaidAsDeclared(applicant)).toBe(false);
    expect(linkWeights(scoreWith(applicant, home))).toContain('x_shared_ip:15:low');
  });

  it("counts a laptop sent to one of the company's declared addresses as sent where the company chose, not away from home", () => {
    const applicant = livingAtHome('James Carter', {
      shipping: {
        address: { line1: '1 Company Way', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
        recipientName: 'James Carter',
      },
    });
    expect(livesAndIsPaidAsDeclared(applicant)).toBe(false);
    expect(livesAndIsPaidAsDeclared(applicant, true)).toBe(true);
  });
});

describe('weights', () => {
  it('makes a payout account shared with someone living elsewhere high on its own', () => {
    const result = scoreWith(livingAtHome('Rowan Hale'), {
      payout: summary(1, 1, { notHousemates: 1, outsideResidence: 1 }),
    });
    expect(linkWeights(result)).toEqual(['x_shared_payout_account:45:high']);
    expect(result.band).toBe('high');
  });

  it('reads an account shared only within one small household as a joint account: medium', () => {
    expect(
      linkWeights(scoreWith(livingAtHome('Rowan Hale'), { payout: summary(1, 1), residential_address: summary(1, 1) })),
    ).toContain('x_shared_payout_account:20:medium');
  });

  it('keeps a shared shipping address with the address findings it brings below critical', () => {
    const applicant = livingAtHome('Ivy Chen', {
      shipping: {
        address: { line1: '1 Commerce Blvd', city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' },
        recipientName: 'Someone Else',
        reason: 'I cannot receive packages at home',
        changes: 3,
        addressType: 'cmra',
      },
    });
    const result = scoreWith(applicant, {
      shipping_address: summary(200, 200, { notHousemates: 200, outsideResidence: 200 }),
    });
    expect(result.band).not.toBe('critical');
  });
});

describe("saturation (the queued rescoring skips members already at a finding's most)", () => {
  it('puts every link finding at its most, outside any household, once SATURATED_NAMES other names share a value', () => {
    const groups = (names: number) =>
      Object.fromEntries(
        ['shipping_address', 'residential_address', 'payout', 'contact', 'ip', 'device', 'resume'].map((group) => [
          group,
          summary(names, names, { notHousemates: names, outsideResidence: names }),
        ]),
      );
    const applicant = livingAtHome('Rowan Hale');
    expect(linkWeights(scoreWith(applicant, groups(SATURATED_NAMES)))).toEqual(
      linkWeights(scoreWith(applicant, groups(1_000))),
    );
    const atHome = (names: number) => ({
      shipping_address: summary(names, names),
      residential_address: summary(names, names),
      ip: summary(names, names),
      payout: summary(names, names),
    });
    expect(linkWeights(scoreWith(applicant, atHome(SATURATED_NAMES)))).toEqual(
      linkWeights(scoreWith(applicant, atHome(1_000))),
    );
  });
});
