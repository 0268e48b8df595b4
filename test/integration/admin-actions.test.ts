import { signedInUser } from '../browser/web-client';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('admin actions', () => {
  it('disables, resets and revokes only with "I am sure" ticked; refuses disabling oneself with a clear message', async () => {
    const { client, user: me } = await signedInUser(server, 'admin');
    const other = await signedInUser(server, 'reviewer');
    const page = await client.get('/admin/users');
    expect(page.text).toContain(`<form method="post" action="/admin/users/${other.user.id}/disable">`);
    expect(page.text).toMatch(
      new RegExp(
        `id="confirm-disable-${other.user.id}" required> I am sure</label> <button type="submit" class="danger">Disable</button>`,
      ),
    );
    // No Disable button on one's own row.
    expect(page.text).not.toContain(`/admin/users/${me.id}/disable`);

    const unconfirmed = await client.post(`/admin/users/${other.user.id}/disable`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Disable: was not done: tick “I am sure” beside the button to confirm');
    expect((await server.services.web.users.findById(other.user.id))!.disabledAt).toBeNull();
    expect((await client.post(`/admin/users/${other.user.id}/reset`, {})).status).toBe(400);

    const self = await client.post(`/admin/users/${me.id}/disable`, { confirm: 'yes' });
    expect(self.status).toBe(409);
    expect(self.text).toContain('<h1>Users</h1>');
    expect(self.text).toContain('Disable: you cannot disable your own account: ask another admin');
    expect((await server.services.web.users.findById(me.id))!.disabledAt).toBeNull();

    const disabled = await client.post(`/admin/users/${other.user.id}/disable`, { confirm: 'yes' });
    expect(disabled.status).toBe(303);
    expect((await server.services.web.users.findById(other.user.id))!.disabledAt).not.toBeNull();
    expect(
      (await server.services.web.users.eventsOf(other.user.id)).map((event) => [event.action, event.actor]),
    ).toEqual([['user.disabled', `user:${me.id}`]]);

    const created = await server.services.apiKeys.create('ci-runner', 'reviewer');
    const prefix = created.key.split('_')[1]!;
    await client.get('/admin/api-keys');
    expect((await client.post(`/admin/api-keys/${prefix}/revoke`, {})).status).toBe(400);
    expect((await server.services.apiKeys.list()).find((key) => key.prefix === prefix)!.revokedAt).toBeNull();
    expect((await client.post(`/admin/api-keys/${prefix}/revoke`, { confirm: 'yes' })).status).toBe(303);
    expect((await server.services.apiKeys.list()).find((key) => key.prefix === prefix)!.revokedAt).not.toBeNull();
  });

  it("changes another user's role (audited, their sessions end) but never one's own", async () => {
    const { client, user: me } = await signedInUser(server, 'admin');
    const recruiter = await signedInUser(server, 'recruiter');
    await client.get('/admin/users');
    expect((await client.post(`/admin/users/${recruiter.user.id}/role`, { role: 'root' })).status).toBe(400);
    const changed = await client.post(`/admin/users/${recruiter.user.id}/role`, { role: 'reviewer' });
    expect(changed.status).toBe(303);
    expect((await server.services.web.users.findById(recruiter.user.id))!.role).toBe('reviewer');
    expect(await server.services.web.users.eventsOf(recruiter.user.id)).toEqual([
      expect.objectContaining({
        action: 'user.role_changed',
        actor: `user:${me.id}`,
        data: { before: 'recruiter', after: 'reviewer' },
      }),
    ]);
    // Signed out: the next page asks them to sign in again.
    expect((await recruiter.client.get('/candidates/new')).status).toBe(303);

    const own = await client.post(`/admin/users/${me.id}/role`, { role: 'reviewer' });
    expect(own.status).toBe(409);
    expect(own.text).toContain('you cannot change your own role');
    expect((await server.services.web.users.findById(me.id))!.role).toBe('admin');
  });
});

describe('what the admin pages and the case page say', () => {
  it('gives the webhook endpoint with the real address, and names API keys on the case page as the keys page does', async () => {
    const { client } = await signedInUser(server, 'admin');
    await client.get('/admin/webhook-sources');
    const created = await client.post('/admin/webhook-sources', { vendor: 'generic', name: `careers-${process.pid}` });
    expect(created.status).toBe(201);
    expect(created.text).toContain(`it posts to ${server.baseUrl}/webhooks/generic.`);
    expect(created.text).not.toContain('this site');
    const source = (await server.services.webhooks.sources.list()).find(
      (candidate) => candidate.name === `careers-${process.pid}`,
    )!;
    // A new secret and disabling are confirmed steps too.
    const unconfirmed = await client.post(`/admin/webhook-sources/${source.id}/secret`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('was not made: tick “I am sure” beside the button to confirm');
    expect((await client.post(`/admin/webhook-sources/${source.id}/disable`, {})).status).toBe(400);
    expect(
      (await server.services.webhooks.sources.list()).find((candidate) => candidate.id === source.id)!.enabled,
    ).toBe(true);
    expect((await client.post(`/admin/webhook-sources/${source.id}/secret`, { confirm: 'yes' })).text).toContain(
      `${server.baseUrl}/webhooks/generic`,
    );
    expect((await client.post(`/admin/webhook-sources/${source.id}/disable`, { confirm: 'yes' })).status).toBe(303);

    const made = await server.services.apiKeys.create('greenhouse-sync', 'reviewer');
    const screened = await server.request('POST', '/api/v1/screenings', {
      key: made.key,
      body: { person: { legalName: 'Key Named' } },
    });
    const page = await client.get(`/cases/${screened.body.caseId}`);
    expect(page.text).toContain(`<dt>Submitted by</dt><dd>API key “greenhouse-sync” (hfrc_${made.prefix})</dd>`);
    expect((await client.get('/admin/api-keys')).text).toContain(
      `<code>${made.prefix}</code></td><td>greenhouse-sync</td>`,
    );
  });
});
