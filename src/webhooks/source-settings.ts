// Per-source settings (stored as JSON with the source): the custom field mapping and write-back of results.
import { z } from 'zod';
import { fieldMapSchema } from './adapters/field-map';

export const sourceSettingsSchema = z.strictObject({
  /** ATS custom field key -> applicant contract target (docs/webhooks.md lists the targets). */
  fieldMap: fieldMapSchema.optional(),
  /**
   * Write the band, top findings and case link back to the candidate as a note (Greenhouse and Lever; off when
   * absent), acting as this ATS user (Greenhouse: a numeric user id for On-Behalf-Of; Lever: perform_as).
   */
  writeBack: z
    .strictObject({
      asUser: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an ATS user id'),
    })
    .optional(),
});

export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

/** Settings as stored; anything unreadable counts as none (the CLI validates what it writes). */
export function readSettings(value: unknown): SourceSettings {
  const parsed = sourceSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}
