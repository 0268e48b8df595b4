import { readFileSync } from 'node:fs';
import { parseApplicant } from '../../src/applicants/parse-applicant';
import {
  eventOf,
  fieldMapSchema,
  FIELD_TARGET_NAMES,
  mapDelivery,
  mapLeverOpportunity,
  UnmappableDeliveryError,
  type Vendor,
  type WebhookIntent,
} from '../../src/webhooks/adapters';
import { describeWithSharedData, sharedData } from '../support/shared-data';

// The vendors' example payloads, verbatim, kept outside the repository (../shared/data/ats).
const ats = sharedData('ats');

function payloadText(file: string): string {
  return readFileSync(ats.file(file), 'utf8');
}

function payload(file: string): any {
  return JSON.parse(payloadText(file));
}

// Lever's documentation example is not JSON: a comma is missing after "toStageId" and one trails "fromStageId".
function leverStageChange(): any {
  const text = payloadText('lever-candidateStageChange.json')
    .replace(/("toStageId": "[^"]+")\s*\n/, '$1,\n')
    .replace(/("fromStageId": "[^"]+"),(\s*})/, '$1$2');
  return JSON.parse(text);
}

// Ashby's envelope example elides data as `{...}`; it is filled with an application of the documented shape
// (application.info / applicationSubmit: id, status, candidate {id, name}, job {id, title}, currentInterviewStage).
function ashbyApplication(overrides: Record<string, unknown> = {}): any {
  return {
    id: 'a8b2a4c6-1d0e-4f2b-9c3e-5d6f7a8b9c0d',
    createdAt: '2026-11-20T15:04:05.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
    status: 'Active',
    customFields: [],
    candidate: { id: '5b9e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Adam Hart' },
    job: { id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', title: 'Senior Backend Engineer' },
    currentInterviewStage: {
      id: '9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4',
      title: 'Technical Screen',
      orderInInterviewPlan: 2,
    },
    ...overrides,
  };
}

function ashbyEnvelope(data: unknown): any {
  const text = payloadText('ashby-candidateStageChange-envelope.json').replace('{...}', JSON.stringify(data));
  return JSON.parse(text);
}

function screenOf(intent: WebhookIntent) {
  if (intent.kind !== 'screen') throw new Error(`expected a screen intent, got ${JSON.stringify(intent)}`);
  return intent;
}

const noPhoneSkip = { field: 'person.phone', reason: expect.stringContaining('country code') };

describeWithSharedData(ats, 'Greenhouse payloads', () => {
  it('maps new_candidate_application to a first screening keyed by the application id', () => {
    const intent = mapDelivery('greenhouse', payload('greenhouse-new_candidate_application.json'), {});
    expect(intent).toEqual({
      kind: 'screen',
      trigger: 'application',
      candidate: { candidateId: '60304594', applicationIds: ['71980812'] },
      applicant: {
        source: 'greenhouse',
        externalId: '71980812',
        position: { title: 'Data Scientist' },
        // The personal address, not the first (work) one.
        person: { legalName: 'Jane Smith', email: 'person@example.com' },
        residentialAddress: { line1: '123 Test Street', city: 'New York', region: 'NY', postalCode: '10001' },
        // "09/15/2007" is month/day/year.
        education: [
          {
            institution: 'Stanford University',
            degree: "Bachelor's Degree, Computer Science",
            start: '2007-09-15',
            end: '2011-05-15',
          },
        ],
        // A bare domain gets https://; a social media address ("socialmedia.com") is not a portfolio.
        profiles: { portfolioUrl: 'https://mysite.com/' },
      },
      // "555-555-5555" has no country code and nothing says which country's plan it is in.
      skipped: [noPhoneSkip],
    });
    expect(parseApplicant(screenOf(intent).applicant).person.legalName).toBe('Jane Smith');
  });

  it.each([
    ['greenhouse-new_prospect_application.json', 'application', '968190', '979554'],
    ['greenhouse-application_updated.json', 'update', '13857579', '22202940'],
    ['greenhouse-candidate_stage_change.json', 'update', '265772', '265277'],
    ['greenhouse-hire_candidate.json', 'hired', '35897443', '46194062'],
  ])('maps %s to a %s screening whose applicant passes the contract', (file, trigger, candidateId, applicationId) => {
    const intent = screenOf(mapDelivery('greenhouse', payload(file), {}));
    expect(intent.trigger).toBe(trigger);
    expect(intent.candidate).toEqual({ candidateId, applicationIds: [applicationId] });
    expect(intent.applicant.externalId).toBe(applicationId);
    const applicant = parseApplicant(intent.applicant);
    expect(applicant.source).toBe('greenhouse');
  });

  it('keeps what a hire brings and splits an address written on one line as far as it can', () => {
    const intent = screenOf(mapDelivery('greenhouse', payload('greenhouse-hire_candidate.json'), {}));
    expect(intent.applicant).toMatchObject({
      person: { legalName: 'Johnny Smith', email: 'personal@example.com' },
      position: { title: 'Developer' },
      residentialAddress: { line1: '455 Broadway New York', region: 'NY', postalCode: '10280' },
      employment: [{ employer: 'Greenhouse', title: 'Engineer', start: '2012-01-01', end: '2016-01-01' }],
    });
    // The offer's start date is not applicant data.
    expect(JSON.stringify(intent.applicant)).not.toContain('2015-01-23');
  });

  it('leaves out an e-mail address the contract refuses and says so, without the value', () => {
    // The documentation's example address has a space in it: "hank.von diablo.13857579@example.com".
    const intent = screenOf(mapDelivery('greenhouse', payload('greenhouse-application_updated.json'), {}));
    expect(intent.applicant.person).toEqual({ legalName: 'Hank Von Diablo' });
    expect(intent.applicant.profiles).toEqual({ portfolioUrl: 'http://www.example.com/' });
    expect(intent.skipped).toEqual([
      { field: 'person.email', reason: 'none of the e-mail addresses is valid' },
      noPhoneSkip,
    ]);
    expect(JSON.stringify(intent.skipped)).not.toContain('diablo');
  });

  it('maps update_candidate to a screening of the candidate without a case key, for the worker to apply to their cases', () => {
    const intent = screenOf(mapDelivery('greenhouse', payload('greenhouse-update_candidate.json'), {}));
    expect(intent.candidate).toEqual({ candidateId: '15696179' });
    expect(intent.trigger).toBe('update');
    expect(intent.applicant.externalId).toBeUndefined();
    expect(intent.applicant).toMatchObject({
      person: { legalName: 'Ronald Ronnie', email: '123456email@email.com' },
      residentialAddress: { line1: '99-99 5th Ave.', city: 'New York', region: 'NY', postalCode: '101-11' },
      profiles: { portfolioUrl: 'https://google.com/' },
    });
    // "911" is not a phone number; "@ronaldronnie99999" is a handle, not a link.
    expect(intent.applicant.person.phone).toBeUndefined();
    parseApplicant(intent.applicant);
  });

  it.each([
    [
      'greenhouse-reject_candidate.json',
      { kind: 'status', candidate: { candidateId: '265788', applicationIds: ['265293'] }, change: 'rejected' },
    ],
    [
      'greenhouse-unreject_candidate.json',
      { kind: 'status', candidate: { candidateId: '265788', applicationIds: ['265293'] }, change: 'unrejected' },
    ],
    [
      'greenhouse-delete_candidate.json',
      {
        kind: 'erase',
        candidate: { candidateId: '37031511', applicationIds: ['46196263', '46196258'] },
        reason: 'deleted in Greenhouse',
        withdraw: true,
      },
    ],
    [
      'greenhouse-candidate_anonymized.json',
      {
        kind: 'erase',
        candidate: { candidateId: '37031511' },
        reason: 'anonymized in Greenhouse (full_name, current_title)',
        withdraw: false,
      },
    ],
    ['greenhouse-ping.json', { kind: 'ignore', reason: 'ping' }],
  ])('maps %s', (file, expected) => {
    expect(mapDelivery('greenhouse', payload(file), {})).toEqual(expected);
  });

  it('ignores merge_candidate, naming both candidates', () => {
    expect(mapDelivery('greenhouse', payload('greenhouse-merge_candidate.json'), {})).toEqual({
      kind: 'ignore',
      reason: expect.stringContaining('candidate 37031511 merged into 457456'),
    });
  });

  it('erases nothing for a delete_candidate that lists no deleted applications (a merge sends those)', () => {
    const body = payload('greenhouse-delete_candidate.json');
    body.payload.person.deleted_application_ids = [];
    expect(mapDelivery('greenhouse', body, {})).toEqual({
      kind: 'ignore',
      reason: expect.stringContaining('nothing to erase'),
    });
  });

  it('maps delete_application (documented shape) to a deleted status', () => {
    const body = {
      action: 'delete_application',
      payload: { application: { id: 46194062, candidate_id: 37031511, job_id: 371417, prospect: false } },
    };
    expect(mapDelivery('greenhouse', body, {})).toEqual({
      kind: 'status',
      candidate: { candidateId: '37031511', applicationIds: ['46194062'] },
      change: 'deleted',
    });
  });

  it('ignores events it does not act on, naming them', () => {
    expect(mapDelivery('greenhouse', { action: 'offer_created', payload: {} }, {})).toEqual({
      kind: 'ignore',
      reason: 'event not acted on: offer_created',
    });
  });

  it('refuses a candidate without any name', () => {
    const body = payload('greenhouse-new_candidate_application.json');
    body.payload.application.candidate.first_name = '  ';
    body.payload.application.candidate.last_name = null;
    expect(() => mapDelivery('greenhouse', body, {})).toThrow(
      new UnmappableDeliveryError('The candidate has neither a first nor a last name'),
    );
  });

  it('passes a name that looks like markup through as text', () => {
    const body = payload('greenhouse-new_candidate_application.json');
    body.payload.application.candidate.first_name = '<script>alert(1)</script>';
    body.payload.application.candidate.last_name = '<b>Doe</b>';
    const intent = screenOf(mapDelivery('greenhouse', body, {}));
    expect(intent.applicant.person.legalName).toBe('<script>alert(1)</script> <b>Doe</b>');
    expect(parseApplicant(intent.applicant).person.legalName).toBe('<script>alert(1)</script> <b>Doe</b>');
  });

  it('maps LinkedIn and GitHub links to profiles and normalises employment dates', () => {
    const body = payload('greenhouse-new_candidate_application.json');
    const candidate = body.payload.application.candidate;
    candidate.website_addresses = [
      { value: 'https://github.com/features', type: 'other' },
      { value: 'portfolio.dev/work', type: 'portfolio' },
    ];
    candidate.social_media_addresses = [
      { value: 'https://twitter.com/someone' },
      { value: 'www.linkedin.com/in/jane-smith-42' },
      { value: 'https://github.com/janesmith/dotfiles' },
    ];
    candidate.employments = [
      { company_name: 'Acme', title: 'Engineer', start_date: '2019-03-01T00:00:00.000Z', end_date: null },
      { company_name: 'Initech', title: null, start_date: '03/2015', end_date: '2018' },
      { company_name: 'Bad Dates', start_date: '02/30/2015', end_date: 'last year' },
      { company_name: null, title: 'Nobody' },
    ];
    const intent = screenOf(mapDelivery('greenhouse', body, {}));
    expect(intent.applicant.profiles).toEqual({
      portfolioUrl: 'https://portfolio.dev/work',
      linkedin: { url: 'https://www.linkedin.com/in/jane-smith-42' },
      github: { login: 'janesmith' },
    });
    // toEqual treats absent and undefined alike: unreadable dates are simply not there.
    expect(intent.applicant.employment).toEqual([
      { employer: 'Acme', title: 'Engineer', start: '2019-03-01' },
      { employer: 'Initech', start: '2015-03', end: '2018' },
      { employer: 'Bad Dates' },
    ]);
    parseApplicant(intent.applicant);
  });
});

describeWithSharedData(ats, 'custom fields mapped by the fieldMap setting', () => {
  const fieldMap = {
    country_of_residence: 'claimedLocation.country',
    city: 'claimedLocation.city',
    time_zone: 'claimedLocation.timezone',
    laptop_address: 'shipping.address',
    laptop_recipient: 'shipping.recipientName',
    address_kind: 'shipping.addressType',
    payout_method: 'payment.method',
    account_holder: 'payment.accountHolderName',
    bank_country: 'payment.bankCountry',
    wallet: 'payment.wallet.address',
    date_of_birth: 'person.dateOfBirth',
    ip_at_apply: 'session.ip',
    camera_on: 'interview.videoOn',
    id_name: 'identityDocument.nameOnDocument',
    github: 'profiles.github.login',
  };

  function withCustomFields(fields: Record<string, unknown>): any {
    const body = payload('greenhouse-new_candidate_application.json');
    const application = body.payload.application;
    for (const [key, value] of Object.entries(fields)) {
      // Some on the candidate, some on the application, as Greenhouse splits them.
      const holder = key.startsWith('laptop') || key === 'ip_at_apply' ? application : application.candidate;
      holder.custom_fields[key] = { name: key, type: 'short_text', value };
    }
    return body;
  }

  it('fills the mapped targets, reading each value for its target', () => {
    const body = withCustomFields({
      country_of_residence: 'United States',
      city: 'Austin',
      time_zone: 'America/Chicago',
      laptop_address: '77 Elm Street, Apt 4, Phoenix, AZ 85001',
      laptop_recipient: 'Chen Wei',
      address_kind: 'Freight forwarder',
      payout_method: 'Wire',
      account_holder: 'Chen Wei',
      bank_country: 'cn',
      wallet: '0x72a5843cc08275C8171E582972Aa4fDa8C397B2A',
      date_of_birth: '04/19/1980',
      ip_at_apply: '36.110.0.1',
      camera_on: 'No',
      id_name: 'Jane Smith',
      github: '@janesmith',
    });
    const intent = screenOf(mapDelivery('greenhouse', body, { fieldMap }));
    expect(intent.applicant).toMatchObject({
      claimedLocation: { country: 'US', city: 'Austin', timezone: 'America/Chicago' },
      shipping: {
        address: { line1: '77 Elm Street', line2: 'Apt 4', city: 'Phoenix', region: 'AZ', postalCode: '85001' },
        recipientName: 'Chen Wei',
        addressType: 'forwarder',
      },
      payment: {
        method: 'bank_transfer',
        accountHolderName: 'Chen Wei',
        bankCountry: 'CN',
        wallet: { address: '0x72a5843cc08275C8171E582972Aa4fDa8C397B2A', chain: 'unknown' },
      },
      person: { dateOfBirth: '1980-04-19', legalName: 'Jane Smith' },
      // The IP the application came from, at the time it was made.
      sessions: [{ ip: '36.110.0.1', kind: 'application', at: '2017-10-27T14:44:43Z' }],
      interview: { videoOn: false },
      identityDocument: { nameOnDocument: 'Jane Smith' },
      profiles: { github: { login: 'janesmith' } },
    });
    // Once the claimed country is known, the national number can be read in its plan.
    expect(intent.applicant.person.phone).toBe('555-555-5555');
    expect(intent.skipped).toEqual([]);
    expect(parseApplicant(intent.applicant).claimedLocation?.country).toBe('US');
  });

  it('skips values that do not fit their target, and the worker gets a valid applicant', () => {
    const body = withCustomFields({
      country_of_residence: 'Atlantis',
      ip_at_apply: 'not an ip',
      payout_method: 'Venmo',
      time_zone: 'Mars/Olympus',
      camera_on: 'maybe',
      date_of_birth: '1980',
    });
    const intent = screenOf(mapDelivery('greenhouse', body, { fieldMap }));
    expect(intent.applicant.claimedLocation).toBeUndefined();
    expect(intent.applicant.sessions).toBeUndefined();
    expect(intent.applicant.payment).toBeUndefined();
    expect(intent.skipped).toEqual(
      expect.arrayContaining([
        {
          field: 'claimedLocation.country',
          reason: expect.stringContaining('custom field "country_of_residence" is not a country'),
        },
        { field: 'payment.method', reason: expect.stringContaining('"payout_method"') },
        { field: 'interview.videoOn', reason: expect.stringContaining('"camera_on"') },
        { field: 'person.dateOfBirth', reason: expect.stringContaining('"date_of_birth"') },
        { field: 'claimedLocation.timezone', reason: 'must be an IANA time zone, e.g. "America/Chicago"' },
        { field: 'sessions.0.ip', reason: 'must be an IPv4 or IPv6 address' },
      ]),
    );
    expect(JSON.stringify(intent.skipped)).not.toMatch(/Atlantis|Venmo|Olympus/);
    parseApplicant(intent.applicant);
  });

  it('ignores custom fields that are not in the map, and empty values', () => {
    const body = withCustomFields({ favourite_colour: 'Blue', city: '' });
    const intent = screenOf(mapDelivery('greenhouse', body, { fieldMap }));
    expect(intent.applicant.claimedLocation).toBeUndefined();
    expect(JSON.stringify(intent.applicant)).not.toContain('Blue');
  });

  it('maps Ashby custom fields by id or by title', () => {
    const application = ashbyApplication({
      customFields: [
        { id: 'cf-1', title: 'Laptop shipping address', value: '10115 Berlin, Germany', valueType: 'String' },
        { id: 'cf-2', title: 'Country of residence', value: 'DE', valueType: 'String' },
      ],
    });
    const intent = screenOf(
      mapDelivery(
        'ashby',
        { webhookActionId: 'w1', action: 'applicationSubmit', data: { application } },
        { fieldMap: { 'Laptop shipping address': 'shipping.address', 'cf-2': 'claimedLocation.country' } },
      ),
    );
    expect(intent.applicant.shipping).toEqual({ address: { line1: '10115 Berlin', country: 'DE' } });
    expect(intent.applicant.claimedLocation).toEqual({ country: 'DE' });
  });

  it('validates a fieldMap setting, naming an unknown target', () => {
    expect(fieldMapSchema.parse({ ship_to: 'shipping.address', ip: 'session.ip' })).toEqual({
      ship_to: 'shipping.address',
      ip: 'session.ip',
    });
    const result = fieldMapSchema.safeParse({ ship_to: 'shipping.adress' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['ship_to'],
      message: expect.stringContaining('must be one of: claimedLocation.country'),
    });
    expect(FIELD_TARGET_NAMES).toEqual(
      expect.arrayContaining([
        'claimedLocation.country',
        'claimedLocation.city',
        'claimedLocation.timezone',
        'residentialAddress',
        'shipping.address',
        'shipping.recipientName',
        'shipping.addressType',
        'payment.method',
        'payment.accountHolderName',
        'payment.bankCountry',
        'payment.providerCountry',
        'payment.payeeEntityName',
        'payment.wallet.address',
        'payment.wallet.chain',
        'person.dateOfBirth',
        'identityDocument.nameOnDocument',
        'identityDocument.issuingCountry',
        'session.ip',
        'profiles.github.login',
        'profiles.linkedin.url',
        'interview.videoOn',
      ]),
    );
  });
});

describeWithSharedData(ats, 'Ashby payloads', () => {
  it('maps the documented envelope (data filled with a documented application) to a screening keyed by the application id', () => {
    const intent = mapDelivery('ashby', ashbyEnvelope({ application: ashbyApplication() }), {});
    expect(intent).toEqual({
      kind: 'screen',
      trigger: 'update',
      candidate: {
        candidateId: '5b9e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b',
        applicationIds: ['a8b2a4c6-1d0e-4f2b-9c3e-5d6f7a8b9c0d'],
      },
      applicant: {
        source: 'ashby',
        externalId: 'a8b2a4c6-1d0e-4f2b-9c3e-5d6f7a8b9c0d',
        person: { legalName: 'Adam Hart' },
        position: { title: 'Senior Backend Engineer' },
      },
      skipped: [],
    });
    parseApplicant(screenOf(intent).applicant);
  });

  it('maps the contact fields of a full candidate object when the application carries them', () => {
    const candidate = {
      id: '5b9e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b',
      name: 'Adam  Hart',
      primaryEmailAddress: { value: 'adam@work.example', type: 'Work', isPrimary: true },
      emailAddresses: [
        { value: 'adam@work.example', type: 'Work', isPrimary: true },
        { value: 'adam@home.example', type: 'Personal', isPrimary: false },
      ],
      primaryPhoneNumber: { value: '+1 512 555 0142', type: 'Mobile', isPrimary: true },
      phoneNumbers: [{ value: '+1 512 555 0142', type: 'Mobile', isPrimary: true }],
      socialLinks: [
        { url: 'https://linkedin.com/in/adamhart', type: 'LinkedIn' },
        { url: 'https://github.com/adamhart', type: 'GitHub' },
        { url: 'https://adamhart.dev', type: 'Website' },
      ],
      locationSummary: 'Austin, Texas, United States',
    };
    const intent = screenOf(
      mapDelivery(
        'ashby',
        { webhookActionId: 'w2', action: 'applicationSubmit', data: { application: ashbyApplication({ candidate }) } },
        {},
      ),
    );
    expect(intent.trigger).toBe('application');
    expect(intent.applicant).toMatchObject({
      person: { legalName: 'Adam Hart', email: 'adam@work.example', phone: '+1 512 555 0142' },
      claimedLocation: { city: 'Austin', region: 'Texas', country: 'US' },
      profiles: {
        linkedin: { url: 'https://linkedin.com/in/adamhart' },
        github: { login: 'adamhart' },
        portfolioUrl: 'https://adamhart.dev/',
      },
    });
    parseApplicant(intent.applicant);
  });

  it.each([
    [
      { action: 'candidateHire', data: { application: ashbyApplication({ status: 'Hired' }) } },
      { kind: 'screen', trigger: 'hired' },
    ],
    [
      { action: 'applicationUpdate', data: { application: ashbyApplication({ status: 'Archived' }) } },
      {
        kind: 'status',
        change: 'archived',
        candidate: {
          candidateId: '5b9e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b',
          applicationIds: ['a8b2a4c6-1d0e-4f2b-9c3e-5d6f7a8b9c0d'],
        },
      },
    ],
    [
      { action: 'candidateDelete', data: { candidate: { id: 'c-1' } } },
      { kind: 'erase', candidate: { candidateId: 'c-1' }, reason: 'deleted in Ashby', withdraw: true },
    ],
    [
      { action: 'ping', data: {} },
      { kind: 'ignore', reason: 'ping' },
    ],
    [
      { action: 'offerCreate', data: {} },
      { kind: 'ignore', reason: 'event not acted on: offerCreate' },
    ],
  ])('maps %j', (body, expected) => {
    expect(mapDelivery('ashby', { webhookActionId: 'w3', ...body }, {})).toMatchObject(expected);
  });

  it('refuses an application without a candidate name', () => {
    const body = {
      webhookActionId: 'w4',
      action: 'applicationSubmit',
      data: { application: ashbyApplication({ candidate: { id: 'c-1' } }) },
    };
    expect(() => mapDelivery('ashby', body, {})).toThrow(UnmappableDeliveryError);
  });
});

describeWithSharedData(ats, 'Lever payloads', () => {
  it('maps the documented candidateStageChange (its JSON repaired) to a fetch of the opportunity', () => {
    expect(mapDelivery('lever', leverStageChange(), {})).toEqual({
      kind: 'fetch_lever',
      trigger: 'update',
      opportunityId: '3410c8b9-5c31-4bab-b7e9-9f710206d647',
      candidate: {
        candidateId: 'daeaa038-cddb-4d69-9b8c-74b6c23be3f3',
        applicationIds: ['3410c8b9-5c31-4bab-b7e9-9f710206d647'],
      },
    });
  });

  it("ignores Lever's test delivery, which has no ids", () => {
    expect(mapDelivery('lever', payload('lever-candidateHired-test.json'), {})).toEqual({
      kind: 'ignore',
      reason: 'test delivery without ids',
    });
  });

  it.each([
    ['applicationCreated', {}, { kind: 'fetch_lever', trigger: 'application' }],
    ['candidateHired', {}, { kind: 'fetch_lever', trigger: 'hired' }],
    [
      'candidateArchiveChange',
      { toArchived: { archivedAt: 1431454330072, reason: '63dd55b2-a99f-4e7b-985f-22c7bf80ab42' } },
      { kind: 'status', change: 'archived' },
    ],
    [
      'candidateArchiveChange',
      { fromArchived: { archivedAt: 1431454330072 }, toArchived: null },
      { kind: 'status', change: 'unrejected' },
    ],
    [
      'candidateDeleted',
      {},
      {
        kind: 'erase',
        reason: 'deleted in Lever',
        withdraw: true,
        candidate: { candidateId: 'cand-1', applicationIds: ['opp-1'] },
      },
    ],
    ['interviewCreated', {}, { kind: 'ignore', reason: 'event not acted on: interviewCreated' }],
  ])('maps %s', (event, extra, expected) => {
    const body = { ...leverStageChange(), event, data: { opportunityId: 'opp-1', candidateId: 'cand-1', ...extra } };
    expect(mapDelivery('lever', body, {})).toMatchObject(expected);
  });

  it('maps an opportunity from the Lever API to the contract', () => {
    const opportunity = {
      id: '250d8f03-738a-4bba-a671-8a3d73477145',
      name: 'Shane Smith',
      contact: '7f23e772-f2cf-4d6f-a8e0-1e7c7e8c3cc1',
      headline: 'Brickly LLC, Vandelay Industries, Inc, Central Perk',
      stage: '00922a60-7c15-422b-b086-f62000824fd7',
      location: 'Oakland, CA',
      phones: [
        { type: 'work', value: '(510) 555-0100' },
        { type: 'mobile', value: '+1 415 555 0199' },
      ],
      emails: ['not an email', 'shane@exampleq3.com'],
      links: [
        'indeed.com/r/Shane-Smith/0b1cf5f0ff2b0b0f',
        'https://github.com/shanesmith',
        'https://www.linkedin.com/in/shanesmith',
      ],
      archived: null,
      tags: ['San Francisco', 'Full-time'],
      sources: ['linkedin'],
      origin: 'sourced',
      createdAt: 1407460071043,
      applications: ['cdb4c2b8-9b1f-4b5c-9a2f-9a3f5b3c1d2e'],
    };
    const applicant = mapLeverOpportunity({ data: opportunity }, {});
    expect(applicant).toEqual({
      source: 'lever',
      externalId: '250d8f03-738a-4bba-a671-8a3d73477145',
      person: { legalName: 'Shane Smith', email: 'shane@exampleq3.com', phone: '+1 415 555 0199' },
      claimedLocation: { city: 'Oakland', region: 'CA' },
      profiles: {
        portfolioUrl: 'https://indeed.com/r/Shane-Smith/0b1cf5f0ff2b0b0f',
        github: { login: 'shanesmith' },
        linkedin: { url: 'https://www.linkedin.com/in/shanesmith' },
      },
    });
    parseApplicant(applicant);
    expect(() => mapLeverOpportunity({ id: 'x' }, {})).toThrow(UnmappableDeliveryError);
  });
});

describeWithSharedData(ats, 'generic (Standard Webhooks) payloads', () => {
  const applicant = {
    externalId: 'req-8812',
    person: { legalName: 'Jane Q. Doe' },
    claimedLocation: { country: 'US' },
  };

  it('passes an applicant.submitted contract object through with the source defaulted', () => {
    expect(
      mapDelivery('generic', { type: 'applicant.submitted', timestamp: '2026-11-20T15:04:05Z', data: applicant }, {}),
    ).toEqual({
      kind: 'screen',
      trigger: 'application',
      candidate: { candidateId: 'req-8812', applicationIds: ['req-8812'] },
      applicant: { ...applicant, source: 'generic' },
    });
  });

  it('keeps a source the sender names, and its lifecycle events carry it to find the case', () => {
    const hired = mapDelivery('generic', { type: 'applicant.hired', data: { ...applicant, source: 'workday' } }, {});
    expect(hired).toMatchObject({
      kind: 'screen',
      trigger: 'hired',
      applicant: { source: 'workday' },
      candidate: { source: 'workday' },
    });
    expect(
      mapDelivery('generic', { type: 'applicant.withdrawn', data: { externalId: 'req-8812', source: 'workday' } }, {}),
    ).toEqual({
      kind: 'status',
      change: 'archived',
      candidate: { candidateId: 'req-8812', applicationIds: ['req-8812'], source: 'workday' },
    });
  });

  it.each([
    ['applicant.updated', { kind: 'screen', trigger: 'update' }],
    ['applicant.rejected', { kind: 'status', change: 'rejected' }],
    ['applicant.deleted', { kind: 'erase', reason: 'deleted by the sender', withdraw: true }],
    ['applicant.anonymized', { kind: 'erase', reason: 'anonymized by the sender', withdraw: false }],
  ])('maps %s', (type, expected) => {
    expect(mapDelivery('generic', { type, data: applicant }, {})).toMatchObject({
      ...expected,
      candidate: { candidateId: 'req-8812' },
    });
  });

  it('requires data.externalId, which keys the case', () => {
    expect(() =>
      mapDelivery('generic', { type: 'applicant.submitted', data: { person: { legalName: 'Jane' } } }, {}),
    ).toThrow(/data\.externalId is required/);
  });

  it.each(['standard-webhooks-contact.created-full.json', 'standard-webhooks-contact.created-thin.json'])(
    'ignores the Standard Webhooks example %s (not one of our event types)',
    (file) => {
      expect(mapDelivery('generic', payload(file), {})).toEqual({
        kind: 'ignore',
        reason: 'event not acted on: contact.created',
      });
    },
  );
});

describeWithSharedData(ats, 'eventOf', () => {
  it.each([
    [
      'greenhouse',
      'greenhouse-new_candidate_application.json',
      { event: 'new_candidate_application', candidateId: '60304594' },
    ],
    ['greenhouse', 'greenhouse-update_candidate.json', { event: 'update_candidate', candidateId: '15696179' }],
    ['greenhouse', 'greenhouse-delete_candidate.json', { event: 'delete_candidate', candidateId: '37031511' }],
    ['greenhouse', 'greenhouse-candidate_anonymized.json', { event: 'candidate_anonymized', candidateId: '37031511' }],
    ['greenhouse', 'greenhouse-ping.json', { event: 'ping' }],
    ['lever', 'lever-candidateHired-test.json', { event: 'candidateHired' }],
    ['generic', 'standard-webhooks-contact.created-thin.json', { event: 'contact.created' }],
  ] as const)('reads %s %s', (vendor, file, expected) => {
    expect(eventOf(vendor, payload(file))).toEqual(expected);
  });

  it('reads the repaired Lever and Ashby examples', () => {
    expect(eventOf('lever', leverStageChange())).toEqual({
      event: 'candidateStageChange',
      candidateId: 'daeaa038-cddb-4d69-9b8c-74b6c23be3f3',
    });
    expect(eventOf('ashby', ashbyEnvelope({ application: ashbyApplication() }))).toEqual({
      event: 'candidateStageChange',
      candidateId: '5b9e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b',
    });
  });
});

describeWithSharedData(ats, 'odd bodies', () => {
  const vendors: Vendor[] = ['greenhouse', 'lever', 'ashby', 'generic'];
  const huge = 'x'.repeat(1_000_000);
  const oddValues: unknown[] = [
    undefined,
    null,
    0,
    -1,
    1.5,
    true,
    '',
    huge,
    [],
    [null],
    {},
    { value: huge },
    [{ value: 42, type: [] }],
  ];

  function expectOnlyUnmappable(vendor: Vendor, body: unknown): WebhookIntent | undefined {
    let intent: WebhookIntent | undefined;
    try {
      intent = mapDelivery(vendor, body, {
        fieldMap: { custom_application_field: 'shipping.address', favorite_color: 'session.ip' },
      });
    } catch (error) {
      expect(error).toBeInstanceOf(UnmappableDeliveryError);
      return undefined;
    }
    // Whatever an ATS sends, the applicant it becomes passes the contract (generic bodies are the sender's to get right).
    if (intent.kind === 'screen' && vendor !== 'generic') expect(() => parseApplicant(intent!.applicant)).not.toThrow();
    const event = eventOf(vendor, body);
    expect(typeof event.event).toBe('string');
    return intent;
  }

  it.each(vendors)('%s: bodies of the wrong shape never throw anything but UnmappableDeliveryError', (vendor) => {
    for (const body of [
      ...oddValues,
      { action: huge },
      { type: 5 },
      { event: {} },
      { action: 'new_candidate_application', payload: [] },
      { event: 'applicationCreated', data: [] },
      { type: 'applicant.submitted', data: null },
    ]) {
      expectOnlyUnmappable(vendor, body);
      expect(eventOf(vendor, body).event.length).toBeLessThanOrEqual(100);
    }
  });

  // Every value of every real payload, replaced in turn by each odd value.
  function* leaves(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value))
        yield* leaves(child, [...path, Array.isArray(value) ? Number(key) : key]);
    }
    if (path.length > 0) yield path;
  }

  function replaced(body: any, path: (string | number)[], replacement: unknown): any {
    const copy = structuredClone(body);
    let holder = copy;
    for (const key of path.slice(0, -1)) holder = holder[key];
    holder[path[path.length - 1]!] = replacement;
    return copy;
  }

  const samples: [Vendor, () => any][] = [
    ['greenhouse', () => payload('greenhouse-new_candidate_application.json')],
    ['greenhouse', () => payload('greenhouse-hire_candidate.json')],
    ['greenhouse', () => payload('greenhouse-update_candidate.json')],
    ['greenhouse', () => payload('greenhouse-delete_candidate.json')],
    ['greenhouse', () => payload('greenhouse-candidate_anonymized.json')],
    ['lever', leverStageChange],
    [
      'ashby',
      () =>
        ashbyEnvelope({
          application: ashbyApplication({
            candidate: {
              id: 'c',
              name: 'N',
              primaryEmailAddress: { value: 'a@b.co' },
              phoneNumbers: [{ value: '+1 512 555 0142' }],
              socialLinks: [{ url: 'https://github.com/x' }],
              primaryLocation: { locationComponents: [{ type: 'Country', name: 'Germany' }] },
            },
          }),
        }),
    ],
    ['generic', () => ({ type: 'applicant.rejected', data: { externalId: 'x' } })],
  ];

  it.each(samples.map(([vendor, load], index) => [index, vendor, load] as const))(
    'sample %i (%s): any one value replaced by an odd one still maps or is refused as unmappable',
    (_index, vendor, load) => {
      const body = load();
      const replacements = [null, 7, '', 'y'.repeat(100_000), [], {}];
      let mapped = 0;
      for (const path of leaves(body)) {
        for (const replacement of replacements) {
          if (expectOnlyUnmappable(vendor, replaced(body, path, replacement))) mapped += 1;
        }
      }
      expect(mapped).toBeGreaterThan(0);
    },
  );
});
