// Legitimate but unusual applicants: each should stay at low or medium.
import { addresses, person, type Scenario } from './scenario';

export const legitimateScenarios: Scenario[] = [
  {
    name: 'Korean-American who lists Korean',
    basis: 'fairness rule: language and name origin are never evidence',
    applicant: person({
      person: {
        legalName: 'Kim Min-jun',
        otherNames: ['Minjun Kim'],
        email: 'minjun.kim@example.com',
        phone: '+1 213 555 0148',
        languages: ['ko', 'en'],
      },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'MINJUN KIM',
        address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'),
        verification: 'passed',
      },
      shipping: { address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'), recipientName: 'Min-jun Kim' },
      payment: { method: 'bank_transfer', bankCountry: 'US', accountHolderName: 'KIM MINJUN', payeeType: 'individual' },
    }),
  },
  {
    name: 'Chinese-born engineer with one family-visit login from Shanghai',
    basis: 'issue 3 fairness cases: a single trip is not a pattern',
    applicant: person({
      person: {
        legalName: 'Wang Xiu Ying',
        email: 'xiuying.wang@example.com',
        phone: '+1 614 555 0177',
        languages: ['zh', 'en'],
      },
      identityDocument: {
        type: 'passport',
        issuingCountry: 'CN',
        nameOnDocument: 'WANG XIUYING',
        verification: 'passed',
      },
      shipping: { address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'), recipientName: 'Xiuying Wang' },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'Xiu Ying Wang',
        payeeType: 'individual',
      },
      sessions: [
        { ip: '24.24.24.24', at: '2026-10-20T14:00:00Z', kind: 'application' },
        { ip: '36.110.0.1', at: '2026-11-01T02:00:00Z', kind: 'interview' },
        { ip: '24.24.24.24', at: '2026-11-12T15:00:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'contractor who really lives in Vientiane',
    basis: 'issue 3 fairness cases: location matches the claim',
    applicant: person({
      person: { legalName: 'Somchai Vongsa', email: 'somchai.v@example.com', phone: '+856 20 5555 1234' },
      claimedLocation: { country: 'LA', city: 'Vientiane', timezone: 'Asia/Vientiane' },
      residentialAddress: addresses.home('12 Lane Xang Avenue', 'Vientiane', 'VT', '01000', 'LA'),
      identityDocument: {
        type: 'passport',
        issuingCountry: 'LA',
        nameOnDocument: 'SOMCHAI VONGSA',
        address: addresses.home('12 Lane Xang Avenue', 'Vientiane', 'VT', '01000', 'LA'),
        verification: 'passed',
      },
      shipping: {
        address: addresses.home('12 Lane Xang Avenue', 'Vientiane', 'VT', '01000', 'LA'),
        recipientName: 'Somchai Vongsa',
      },
      payment: { method: 'wise', bankCountry: 'LA', accountHolderName: 'Somchai Vongsa', payeeType: 'individual' },
      sessions: [
        { ip: '202.137.128.1', at: '2026-11-03T04:00:00Z', kind: 'application' },
        { ip: '115.84.64.1', at: '2026-11-06T05:00:00Z', kind: 'interview' },
      ],
      requestedRate: { amount: 45, currency: 'USD', per: 'hour' },
    }),
  },
  {
    name: 'US employee travelling in Asia for two weeks',
    basis: 'issue 3 fairness cases: travel is not fraud',
    applicant: person({
      sessions: [
        { ip: '24.24.24.24', at: '2026-10-01T14:00:00Z', kind: 'onboarding', managedDevice: true },
        { ip: '110.35.64.1', at: '2026-11-02T03:00:00Z', kind: 'work', managedDevice: true },
        { ip: '36.110.0.1', at: '2026-11-06T03:00:00Z', kind: 'work', managedDevice: true },
        { ip: '24.24.24.24', at: '2026-11-16T15:00:00Z', kind: 'work', managedDevice: true },
      ],
    }),
  },
  {
    name: 'privacy-minded user on a personal VPN with a Google Voice number',
    basis: 'Red Canary 2025: VPN use is common and weak alone',
    applicant: person({
      person: { legalName: 'Sam Taylor', email: 'sam@proton.me', phone: '+1 614 555 0187' },
      sessions: [
        { ip: '185.65.135.1', at: '2026-11-02T14:10:00Z', kind: 'application' },
        { ip: '2a07:b944::2:1', at: '2026-11-05T15:30:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'immigrant who moved last month and ships to the new flat',
    basis: 'legitimate moves happen (catalogue: addr_ship_not_id_address is medium alone)',
    applicant: person({
      person: {
        legalName: 'Priya Raghunathan',
        email: 'priya.r@example.com',
        phone: '+1 614 555 0102',
        languages: ['ta', 'en'],
      },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'PRIYA RAGHUNATHAN',
        address: addresses.home('90 Elm St', 'Dublin', 'OH', '43017'),
        verification: 'passed',
      },
      residentialAddress: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'),
      shipping: {
        address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'),
        recipientName: 'Priya Raghunathan',
        reason: 'moved last month, utility bill attached',
        changes: 1,
      },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'Priya Raghunathan',
        payeeType: 'individual',
      },
      education: [
        { institution: 'Anna University', degree: 'BE', start: '2008', end: '2012', country: 'IN', verified: true },
      ],
    }),
  },
  {
    name: 'Web3 developer who asks for USDC payroll',
    basis: 'catalogue: crypto payment is common in Web3 hiring',
    applicant: person({
      payment: {
        method: 'crypto',
        wallet: { chain: 'ETH', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
        accountHolderName: 'Sam Taylor',
      },
    }),
  },
  {
    name: 'contractor invoicing through their own LLC',
    basis: 'catalogue: legitimate contractors invoice through LLCs',
    applicant: person({
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'Taylor Software LLC',
        payeeType: 'company',
        payeeEntityName: 'Taylor Software LLC',
      },
    }),
  },
  {
    name: 'junior developer with a new, thin LinkedIn and no GitHub',
    basis: 'catalogue: juniors have thin profiles',
    applicant: person({
      person: {
        legalName: 'Chloe Martin',
        email: 'chloe.martin@example.com',
        phone: '+1 614 555 0155',
        dateOfBirth: '2003-02-11',
      },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'CHLOE MARTIN',
        verification: 'passed',
      },
      shipping: { address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'), recipientName: 'Chloe Martin' },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'Chloe Martin',
        payeeType: 'individual',
      },
      employment: [],
      education: [
        { institution: 'Columbus State', degree: 'AAS', start: '2021', end: '2023', country: 'US', verified: true },
      ],
      profiles: { linkedin: { createdAt: '2026-05-01', connections: 18 } },
      requestedRate: { amount: 45, currency: 'USD', per: 'hour' },
    }),
  },
  {
    name: 'digital nomad in Portugal paid into a German account',
    basis: 'ordinary cross-border banking in the EU',
    applicant: person({
      person: { legalName: 'Sam Taylor', email: 'sam.taylor@example.com', phone: '+351 912 345 678' },
      claimedLocation: { country: 'PT', city: 'Lisbon', timezone: 'Europe/Lisbon' },
      residentialAddress: addresses.home('Rua Augusta 100', 'Lisboa', 'Lisboa', '1100-053', 'PT'),
      identityDocument: {
        type: 'passport',
        issuingCountry: 'US',
        nameOnDocument: 'SAM TAYLOR',
        verification: 'passed',
      },
      shipping: {
        address: addresses.home('Rua Augusta 100', 'Lisboa', 'Lisboa', '1100-053', 'PT'),
        recipientName: 'Sam Taylor',
      },
      payment: { method: 'wise', bankCountry: 'DE', accountHolderName: 'Sam Taylor', payeeType: 'individual' },
      sessions: [{ ip: '81.2.69.142', at: '2026-11-03T10:00:00Z', kind: 'interview' }],
    }),
  },
  {
    name: 'parent working night shifts',
    basis: 'catalogue: time-zone patterns are weak alone',
    applicant: person({
      sessions: [
        { ip: '24.24.24.24', at: '2026-11-02T06:10:00Z', kind: 'application' },
        { ip: '24.24.24.24', at: '2026-11-03T07:00:00Z', kind: 'interview' },
        { ip: '24.24.24.24', at: '2026-11-04T06:30:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'couple at one address: the spouse signs for the laptop',
    basis: 'issue 5: a declared household is not a laptop farm',
    applicant: person({
      shipping: {
        address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'),
        recipientName: 'Jordan Taylor',
        reason: 'my husband will be home',
      },
    }),
  },
  {
    name: 'Canadian resident who kept a US phone number',
    basis: 'ordinary move across a border',
    applicant: person({
      claimedLocation: { country: 'CA', region: 'ON', city: 'Toronto', timezone: 'America/Toronto' },
      residentialAddress: addresses.home('12 King St W', 'Toronto', 'ON', 'M5H 1A1', 'CA'),
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'CA',
        nameOnDocument: 'SAM TAYLOR',
        address: addresses.home('12 King St W', 'Toronto', 'ON', 'M5H 1A1', 'CA'),
        verification: 'passed',
      },
      shipping: {
        address: addresses.home('12 King St W', 'Toronto', 'ON', 'M5H 1A1', 'CA'),
        recipientName: 'Sam Taylor',
      },
      payment: { method: 'bank_transfer', bankCountry: 'CA', accountHolderName: 'Sam Taylor', payeeType: 'individual' },
      sessions: [],
    }),
  },
  {
    name: 'applicant with two family names on the passport',
    basis: 'names in many forms are the same person',
    applicant: person({
      person: {
        legalName: 'María José García López',
        otherNames: ['Maria Garcia'],
        email: 'mj.garcia@example.com',
        phone: '+1 614 555 0166',
        languages: ['es', 'en'],
      },
      identityDocument: {
        type: 'passport',
        issuingCountry: 'MX',
        nameOnDocument: 'GARCIA LOPEZ MARIA JOSE',
        verification: 'passed',
      },
      shipping: { address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'), recipientName: 'Maria Garcia' },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'MARIA J GARCIA',
        payeeType: 'individual',
      },
    }),
  },
];
