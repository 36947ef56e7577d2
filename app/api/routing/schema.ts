import type { z } from "zod";
import { routingSettingsPatchSchema } from "@/lib/routing/config";

/** PUT /api/routing: any tier's fields and the cascade switch. */
export const routingPatchSchema = routingSettingsPatchSchema.strict();

export type RoutingPatch = z.infer<typeof routingPatchSchema>;
