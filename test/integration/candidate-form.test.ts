import { signedInUser } from '../browser/web-client';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const errorOf = (text: string, name: string) =>
  new RegExp(`id="f-${name.replace(/\./g, '-')}-error"><span class="visually-hidden">Error: </span>([^<]+)<`).exec(
    text,
  )?.[1];

describe('the candidate form in plain words', () => {
  it('offers countries by name, a date picker and time-zone suggestions; accepts a country typed as a name or three letters', async () => {
    const { client } = await signedInUser(server, 'recruiter');
    const form = await client.get('/candidates/new');
    expect(form.text).toMatch(
      /<select id="f-claimedLocation-country" name="claimedLocation.country"[^>]*><option value="" selected>Not known<\/option>/,
    );
    expect(form.text).toContain('<option value="DE">Germany</option>');
    expect(form.text).toContain('<option value="KP">North Korea</option>');
    expect(form.text).toMatch(/<input id="f-person-dateOfBirth" name="person.dateOfBirth" type="date"/);
    expect(form.text).toMatch(
      /<input id="f-claimedLocation-timezone" name="claimedLocation.timezone" type="text"[^>]* list="time-zones"/,
    );
    expect(form.text).toContain('<option value="America/Chicago">');
    expect(form.text).not.toMatch(/ISO|IANA/);

    const nonce = /name="formNonce" value="([^"]+)"/.exec(form.text)![1]!;
    const sent = await client.post('/candidates', {
      formNonce: nonce,
      'person.legalName': 'Rosa Diaz',
      'claimedLocation.country': 'USA',
      'residentialAddress.country': 'Germany',
      'residentialAddress.line1': '1 Hauptstrasse',
      'residentialAddress.city': 'Berlin',
    });
    expect(sent.status).toBe(303);
    const caseId = /([0-9a-f-]{36})/.exec(sent.location!)![1]!;
    const stored = await server.request('GET', `/api/v1/cases/${caseId}`, { key: await server.createKey('reviewer') });
    expect(stored.body.screenings[0].inputSnapshot).toMatchObject({
      claimedLocation: { country: 'US' },
      residentialAddress: { country: 'DE' },
    });
  });

  it('reports every error at once (the phone too) in the words of the labels, with a focused summary linking to each field', async () => {
    const { client } = await signedInUser(server, 'recruiter');
    const form = await client.get('/candidates/new');
    const nonce = /name="formNonce" value="([^"]+)"/.exec(form.text)![1]!;
    const wrong = await client.post('/candidates', {
      formNonce: nonce,
      'person.legalName': 'Rosa Diaz',
      'person.phone': '+1 555 0142',
      'person.email': 'not-an-email',
      'claimedLocation.country': 'Atlantis',
      'claimedLocation.timezone': 'Mars/Olympus',
      'person.dateOfBirth': '1990-02-31',
      'sessions.0.ip': '36.110.0.1',
      'sessions.0.kind': 'spaceship',
      'interview.videoOn': 'maybe',
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong.text, 'person.phone')).toMatch(/^is not a phone number that can be dialled/);
    expect(errorOf(wrong.text, 'person.email')).toBe('must be an e-mail address');
    expect(errorOf(wrong.text, 'claimedLocation.country')).toBe('choose a country from the list');
    expect(errorOf(wrong.text, 'claimedLocation.timezone')).toBe(
      'choose a time zone from the list, e.g. America/Chicago',
    );
    expect(errorOf(wrong.text, 'person.dateOfBirth')).toBe('must be a real date: day, month and year');
    expect(errorOf(wrong.text, 'sessions.0.kind')).toBe('choose one of: Application, Interview, Onboarding, Work');
    expect(errorOf(wrong.text, 'interview.videoOn')).toBe('choose one of: Yes, No');
    expect(wrong.text).not.toMatch(/ISO|IANA/);
    // The summary takes focus (tabindex -1 and autofocus) and links each error to its field, labelled as the field is.
    expect(wrong.text).toMatch(
      /<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary" autofocus>/,
    );
    expect(wrong.text).toContain('<a href="#f-person-phone">Phone number: is not a phone number that can be dialled');
    expect(wrong.text).toContain('<a href="#f-claimedLocation-country">Country: choose a country from the list</a>');
    expect(wrong.text).toContain('<label for="f-claimedLocation-country">Country</label>');
    expect(wrong.text).toContain('There are 7 problems');
  });
});
