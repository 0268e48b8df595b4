import { claimValues, roleFromClaims } from '../../src/auth/oidc-roles';

const groups = {
  admin: ['risk-admins'],
  reviewer: ['risk-reviewers', '0b7c1a2e-entra-object-id'],
  recruiter: ['recruiting'],
};

describe('the role from the ID token claims', () => {
  it('maps each configured group to its role, the strongest winning when someone is in several', () => {
    expect(roleFromClaims({ groups: ['recruiting'] }, 'groups', groups)).toBe('recruiter');
    expect(roleFromClaims({ groups: ['everyone', '0b7c1a2e-entra-object-id'] }, 'groups', groups)).toBe('reviewer');
    expect(roleFromClaims({ groups: ['recruiting', 'risk-admins', 'risk-reviewers'] }, 'groups', groups)).toBe('admin');
  });

  it('gives no role without a mapped group, without the claim, or with a claim of another shape', () => {
    expect(roleFromClaims({ groups: ['everyone', 'Risk-Admins'] }, 'groups', groups)).toBeNull();
    expect(roleFromClaims({}, 'groups', groups)).toBeNull();
    expect(roleFromClaims({ groups: { 'risk-admins': true } }, 'groups', groups)).toBeNull();
    expect(roleFromClaims({ groups: [42, null, ['risk-admins']] }, 'groups', groups)).toBeNull();
  });

  it('reads a nested claim by a dotted name and a single string value', () => {
    expect(
      claimValues({ realm_access: { roles: ['risk-reviewers', 'offline_access'] } }, 'realm_access.roles'),
    ).toEqual(['risk-reviewers', 'offline_access']);
    expect(roleFromClaims({ realm_access: { roles: ['risk-reviewers'] } }, 'realm_access.roles', groups)).toBe(
      'reviewer',
    );
    expect(roleFromClaims({ role: 'recruiting' }, 'role', groups)).toBe('recruiter');
    expect(claimValues({ realm_access: ['x'] }, 'realm_access.roles')).toEqual([]);
    // A namespaced claim whose name has dots is read by its whole name.
    expect(
      roleFromClaims({ 'https://risk.example.com/roles': ['risk-admins'] }, 'https://risk.example.com/roles', groups),
    ).toBe('admin');
  });
});
