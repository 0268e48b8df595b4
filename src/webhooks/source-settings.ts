// Per-source settings (stored as JSON with the source): the custom field mapping.
import { z } from 'zod';
import { fieldMapSchema } from './adapters/field-map';

export const sourceSettingsSchema = z.strictObject({
  /** ATS custom field key -> applicant contract target (docs/webhooks.md lists the targets). */
  fieldMap: fieldMapSchema.optional(),
});

export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

/** Settings as stored; anything unreadable counts as none (the CLI validates what it writes). */
export function readSettings(value: unknown): SourceSettings {
  const parsed = sourceSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}
