// Answers of the known-addresses API, as zod schemas (OpenAPI components; checked in tests).
import { z } from 'zod';
import { knownAddressKinds } from '../../intel/known-addresses';

const timestamp = z.iso.datetime({ offset: true });

export const knownAddressRecordSchema = z
  .strictObject({
    id: z.string(),
    label: z.string().describe('how reviewers see it, e.g. "Austin office"'),
    kind: z.enum(knownAddressKinds),
    address: z.strictObject({
      line1: z.string(),
      line2: z.string().nullable(),
      city: z.string().nullable(),
      region: z.string().nullable(),
      postalCode: z.string().nullable(),
      country: z.string().describe('ISO 3166-1 alpha-2'),
    }),
    matchKey: z
      .string()
      .describe("the normalised form applicants' addresses are compared with (street|city|postcode|country)"),
    addedBy: z.string().describe('the audit actor who declared it (apikey:<id>, user:<id>, cli:<login>)'),
    addedAt: timestamp,
    removedBy: z.string().nullable(),
    removedAt: timestamp.nullable().describe('null while it counts'),
  })
  .meta({ id: 'KnownAddress' });

export const knownAddressListSchema = z
  .strictObject({ items: z.array(knownAddressRecordSchema).describe('oldest first') })
  .meta({ id: 'KnownAddressList' });

export const knownAddressAddedSchema = knownAddressRecordSchema
  .extend({
    unlinkedCases: z
      .number()
      .int()
      .min(0)
      .describe(
        'cases screened before whose stored link to this address was removed; `npm run cli -- rescore` updates their scores',
      ),
  })
  .meta({ id: 'KnownAddressAdded' });
