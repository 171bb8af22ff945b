// `make schema`: prints schema.json generated from the zod schemas.
import { generateSchema } from "./schema/generate";
import { packageVersion } from "../provider/digicert/version";

process.stdout.write(JSON.stringify(generateSchema(packageVersion()), null, 2) + "\n");
