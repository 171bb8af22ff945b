// Small wire pieces the schemas share.
import { z } from "zod";

export const int = () => z.number().int();
export const ymd = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date formatted yyyy-MM-dd");

export const WireServerPlatform = z.object({
  id: int(),
  name: z.string().optional(),
  install_url: z.string().optional(),
  csr_url: z.string().optional(),
});
