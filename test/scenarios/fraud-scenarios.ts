// Fraud scenarios modelled on public cases (DOJ, FBI, OFAC, vendor incident reports). Each should reach high or critical.
import { addresses, person, type Scenario } from './scenario';

const farm = addresses.home('7302 W Farm Lane', 'Litchfield Park', 'AZ', '85340');

export const fraudScenarios: Scenario[] = [
  {
    name: 'laptop farm hire (Chapman-style)',
    basis:
      'US DOJ v. Christina Chapman (2024-2025): laptops hosted in Arizona for 68 stolen identities, wages to her accounts; workers connected from China',
    applicant: person({
      person: { legalName: 'Daniel Brooks', email: 'daniel.brooks.dev@example.com', phone: '+1 602 555 0143' },
      claimedLocation: { country: 'US', region: 'AZ', city: 'Phoenix', timezone: 'America/Phoenix' },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'DANIEL BROOKS',
        address: addresses.home('55 Cactus Rd', 'Tempe', 'AZ', '85281'),
        verification: 'passed',
      },
      residentialAddress: addresses.home('55 Cactus Rd', 'Tempe', 'AZ', '85281'),
      shipping: {
        address: farm,
        recipientName: 'Christine Chaplin',
        reason: 'I am staying with my aunt while my apartment is renovated',
        changes: 1,
      },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'Christine Chaplin',
        payeeType: 'individual',
      },
      sessions: [
        { ip: '36.110.0.1', at: '2026-11-02T02:10:00Z', kind: 'application' },
        { ip: '3.5.140.1', at: '2026-11-05T03:30:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'hire who passed video interviews, then remote tools on the laptop (KnowBe4-style)',
    basis:
      'KnowBe4 incident blog (Jul 2024): AI-enhanced photo, four video interviews passed, laptop to a farm address, malware on arrival; Mandiant 2024 (remote tools, Astrill)',
    applicant: person({
      person: { legalName: 'Kyle Moreno', email: 'kyle.moreno@example.com', phone: '+1 206 555 0111' },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'US',
        accountHolderName: 'Kyle Moreno',
        payeeType: 'individual',
      },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'KYLE MORENO',
        address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'),
        verification: 'passed',
      },
      claimedLocation: { country: 'US', region: 'WA', city: 'Seattle', timezone: 'America/Los_Angeles' },
      shipping: { address: farm, recipientName: 'Kyle Moreno', reason: 'moving next month', changes: 1 },
      sessions: [
        { ip: '24.24.24.24', at: '2026-10-02T17:00:00Z', kind: 'interview' },
        { ip: '185.65.135.1', at: '2026-11-12T16:00:00Z', kind: 'work', managedDevice: true, vpnProvider: 'Astrill' },
      ],
      endpoint: { remoteAccessTools: ['AnyDesk', 'TeamViewer'], ipKvmDetected: false },
    }),
  },
  {
    name: 'rented identity operated through an IP-KVM (Vong-style)',
    basis:
      'US DOJ v. Minh Phuong Ngoc Vong (2024-2025): a real US person lent his identity; workers in Shenyang operated the laptop remotely',
    applicant: person({
      sessions: [
        { ip: '24.24.24.24', at: '2026-11-02T14:10:00Z', kind: 'onboarding', managedDevice: true },
        { ip: '24.24.24.24', at: '2026-11-10T03:00:00Z', kind: 'work', managedDevice: true, durationMinutes: 1900 },
      ],
      endpoint: { remoteAccessTools: ['Chrome Remote Desktop', 'AnyDesk'], ipKvmDetected: true },
    }),
  },
  {
    name: 'wages to a front company, worker in Laos',
    basis:
      'OFAC 16 Jan 2025 (Korea Osong Shipping and Chonsurim Trading delegations in Laos); US DOJ (wages routed through Hopana Tech LLC, Tony WKJ LLC)',
    applicant: person({
      person: { legalName: 'Ethan Clarke', email: 'ethan.clarke@example.com', phone: '+856 20 5555 1234' },
      claimedLocation: { country: 'CA', region: 'ON', city: 'Toronto', timezone: 'America/Toronto' },
      residentialAddress: addresses.home('12 King St W', 'Toronto', 'ON', 'M5H 1A1', 'CA'),
      identityDocument: {
        type: 'passport',
        issuingCountry: 'CA',
        nameOnDocument: 'ETHAN CLARKE',
        verification: 'not_done',
      },
      shipping: {
        address: addresses.home('12 King St W', 'Toronto', 'ON', 'M5H 1A1', 'CA'),
        recipientName: 'Ethan Clarke',
      },
      payment: {
        method: 'bank_transfer',
        bankCountry: 'HK',
        providerCountry: 'HK',
        accountHolderName: 'Hopana Tech LLC',
        payeeType: 'company',
        payeeEntityName: 'Hopana Tech LLC',
      },
      sessions: [
        { ip: '202.137.128.1', at: '2026-11-03T04:00:00Z', kind: 'application' },
        { ip: '115.84.64.1', at: '2026-11-06T05:00:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'crypto payroll Web3 developer connecting from Russia',
    basis:
      '2022 IT Worker Advisory (virtual currency payment; workers in Russia); SEAL DPRK IT worker framework (crypto at a flat rate, copied GitHub history)',
    applicant: person({
      person: { legalName: 'Leo Tanaka', email: 'leo.tanaka@mailinator.com', phone: '+65 8123 4567' },
      claimedLocation: { country: 'SG', city: 'Singapore', timezone: 'Asia/Singapore' },
      residentialAddress: addresses.home('8 Marina Blvd', 'Singapore', 'SG', '018981', 'SG'),
      identityDocument: {
        type: 'passport',
        issuingCountry: 'SG',
        nameOnDocument: 'LEO TANAKA',
        verification: 'passed',
      },
      shipping: null,
      payment: {
        method: 'crypto',
        wallet: { chain: 'ETH', address: '0x9f3c1b2a4d5e6f708192a3b4c5d6e7f8091a2b3c' },
        accountHolderName: null,
      },
      profiles: { github: { login: 'leotanaka', createdAt: '2024-03-01', earliestCommitAt: '2017-05-02' } },
      sessions: [{ ip: '95.165.0.1', at: '2026-11-03T10:00:00Z', kind: 'interview' }],
    }),
  },
  {
    name: 'face-swapped interview from China (Jasper Sleet-style)',
    basis:
      'Microsoft Threat Intelligence, Jasper Sleet (Jun 2025): AI-altered documents and faces; US-ROK PSA (Oct 2023): avoids camera',
    applicant: person({
      identityDocument: {
        type: 'passport',
        issuingCountry: 'US',
        nameOnDocument: 'SAMUEL J TRAVERS',
        verification: 'passed',
      },
      sessions: [{ ip: '114.114.114.114', at: '2026-11-03T02:00:00Z', kind: 'interview' }],
      interview: { videoOn: false, cameraRefused: true, livenessCheck: 'failed' },
    }),
  },
  {
    name: 'connections from North Korean address space behind a VPN',
    basis: 'DPRK address space 175.45.176.0/22 (AS131279 Star JV); 2022 Advisory (VPNs and VPSs)',
    applicant: person({
      sessions: [
        { ip: '3.5.140.1', at: '2026-11-02T14:10:00Z', kind: 'application' },
        { ip: '175.45.176.1', at: '2026-11-05T01:30:00Z', kind: 'interview' },
      ],
      payment: { method: 'paypal', accountHolderName: 'Sam Taylor', bankCountry: 'US' },
      interview: { videoOn: true, cameraRefused: false, livenessCheck: 'not_done', inPersonRefused: true },
    }),
  },
  {
    name: 'persona with rotating contacts, unverifiable history and Pyongyang hours',
    basis:
      'Google TIG (Apr 2025: one worker ran 12 personas); Okta (Sep 2025); 2022 Advisory (changing contacts, falsified employer contacts, business hours)',
    applicant: person({
      person: {
        legalName: 'Alex Rivera',
        email: 'alexdev0917@10minutemail.com',
        phone: '+1 614 555 0133',
        previousEmails: ['alex.rivera.dev@example.com', 'arivera.code@example.com'],
        previousPhones: ['+1 614 555 0199'],
      },
      employment: [
        { employer: 'Brightline Digital', start: '2018-03', end: '2022-02', verified: false },
        { employer: 'Novaform Labs', start: '2022-03', end: '2025-10', verified: false },
      ],
      profiles: { linkedin: { createdAt: '2026-06-01', connections: 12 } },
      payment: { method: 'payoneer', accountHolderName: 'Jin Wei Trading', payeeType: 'individual' },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'ALEX RIVERA',
        verification: 'passed',
      },
      shipping: { address: addresses.home('418 Oak Avenue', 'Columbus', 'OH', '43215'), recipientName: 'Alex Rivera' },
      sessions: [
        { ip: '24.24.24.24', at: '2026-11-02T06:10:00Z', kind: 'application' },
        { ip: '24.24.24.24', at: '2026-11-03T07:00:00Z', kind: 'interview' },
        { ip: '24.24.24.24', at: '2026-11-04T06:30:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'laptop to a freight forwarder, wages to a PRC bank',
    basis:
      'FBI PSA May 2024 (reshipment of laptops overseas); US-ROK PSA 2023 (freight forwarding); 2022 Advisory (PRC-linked payment services)',
    applicant: person({
      shipping: {
        address: addresses.home('1500 Freight Forwarding Way Suite 88', 'Los Angeles', 'CA', '90021'),
        recipientName: 'Global Reship Co',
        reason: 'I cannot receive packages at my apartment',
        changes: 3,
        addressType: 'forwarder',
      },
      payment: {
        method: 'wise',
        bankCountry: 'CN',
        providerCountry: 'CN',
        accountHolderName: 'Zhang Lei',
        payeeType: 'individual',
      },
    }),
  },
  {
    name: 'after hire: the issued laptop is abroad and signs in through Astrill',
    basis:
      'FBI PSA May 2024; Chapman case (49 devices shipped abroad, some to a city near the DPRK border); LevelBlue 2025',
    applicant: person({
      sessions: [
        { ip: '24.24.24.24', at: '2026-10-02T14:10:00Z', kind: 'onboarding', managedDevice: true },
        {
          ip: '155.94.199.59',
          at: '2026-11-12T01:00:00Z',
          kind: 'work',
          managedDevice: false,
          vpnProvider: 'Astrill VPN',
        },
      ],
      endpoint: { remoteAccessTools: [], ipKvmDetected: false, deviceCountry: 'CN' },
    }),
  },
  {
    name: 'identities bought and paid through a money-service business (Didenko-style)',
    basis:
      'US DOJ v. Oleksandr Didenko (2024): sold US identities to IT workers, wages through money-transfer services and changing accounts',
    applicant: person({
      payment: {
        method: 'other',
        provider: 'QuickRemit',
        bankCountry: 'AE',
        accountHolderName: 'QuickRemit FZE',
        payeeType: 'msb',
        changes: 3,
        prepaymentRequested: true,
      },
      identityDocument: {
        type: 'drivers_license',
        issuingCountry: 'US',
        nameOnDocument: 'SAMANTHA TAYLOR-OKAFOR',
        verification: 'failed',
      },
      sessions: [
        { ip: '185.65.135.1', at: '2026-11-02T06:10:00Z', kind: 'application' },
        { ip: '185.65.135.1', at: '2026-11-04T05:30:00Z', kind: 'interview' },
      ],
    }),
  },
  {
    name: 'impossible travel between Columbus and Vladivostok',
    basis: '2022 Advisory (logins from different countries in a short period); SEAL (Vladivostok)',
    applicant: person({
      sessions: [
        { ip: '24.24.24.24', at: '2026-11-05T15:00:00Z', kind: 'interview' },
        { ip: '95.165.0.1', at: '2026-11-05T17:00:00Z', kind: 'interview' },
        { ip: '24.24.24.24', at: '2026-11-05T19:00:00Z', kind: 'interview' },
      ],
      payment: { method: 'crypto', wallet: { chain: 'TRX', address: 'TQ5NMhJHhkBSv6ugbAVpGdA7bsFuGa8nNN' } },
    }),
  },
];
