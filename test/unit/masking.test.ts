// Masking of other people's names and contacts (src/cases/masking.ts): pure functions over snapshots and evidence.
import { maskEvidence, maskName, maskSnapshot } from '../../src/cases/masking';

describe('maskName', () => {
  it("keeps each word's first letter, whatever the script", () => {
    expect(maskName('Chen Wei')).toBe('C••• W•••');
    expect(maskName('  Ólafur   Þór ')).toBe('Ó••• Þ•••');
    expect(maskName('김 정은')).toBe('김••• 정•••');
    expect(maskName(null)).toBeNull();
  });
});

describe('maskSnapshot', () => {
  it("masks references, the recipient, the account holder and household members, and keeps the applicant's name", () => {
    const masked = maskSnapshot({
      person: { legalName: 'Jane Q. Doe', householdMembers: ['Maria Housemate'] },
      references: [
        { name: 'Robert Referee', email: 'bob@refs.example', phone: '+1 415 555 0199', employer: 'Acme' },
        { name: 'Ann Other' },
      ],
      shipping: { recipientName: 'Olga Petrova', address: null },
      payment: { accountHolderName: 'Chen Wei' },
    });
    expect(masked).toMatchObject({
      person: { legalName: 'Jane Q. Doe', householdMembers: ['M••• H•••'] },
      references: [
        { name: 'R••• R•••', email: 'b•••@refs.example', phone: '••• 99', employer: 'Acme' },
        { name: 'A••• O•••' },
      ],
      shipping: { recipientName: 'O••• P•••' },
      payment: { accountHolderName: 'C••• W•••' },
    });
  });
});

describe('maskEvidence', () => {
  it("masks the words of a third party's name in a sanctions match, not the applicant's or the listed name", () => {
    const match = (field: string) => ({
      field,
      matchedName: 'PAK Jin Hyok',
      tokenScores: [{ query: 'robert', listed: 'pak', score: 0.2 }],
    });
    const masked = maskEvidence({
      matches: [match('references.0.name'), match('person.legalName')],
      accountHolderName: 'Chen Wei',
    }) as Record<string, any>;
    expect(masked.matches[0]).toEqual({
      field: 'references.0.name',
      matchedName: 'PAK Jin Hyok',
      tokenScores: [{ query: 'r•••', listed: 'pak', score: 0.2 }],
    });
    expect(masked.matches[1].tokenScores[0].query).toBe('robert');
    expect(masked.accountHolderName).toBe('C••• W•••');
  });
});
