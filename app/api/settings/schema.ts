import { z } from "zod";
import { appSettingsSchema } from "@/lib/settings";
import { isValidTimeZone } from "@/lib/spend/month";

/** PUT /api/settings: any of the app settings; promptTokenLimits may name one mode only. */
export const settingsPatchSchema = appSettingsSchema
  .extend({
    timeZone: z.string().trim().min(1).max(64).refine(isValidTimeZone, "an IANA time zone such as UTC or Europe/Paris"),
    promptTokenLimits: appSettingsSchema.shape.promptTokenLimits.partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
