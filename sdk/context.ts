// The program-side settings for functions, which run in the program's own process.
import * as pulumi from "@pulumi/pulumi";
import { ProviderContext } from "../provider/kit/runtime/context";

let programContext: ProviderContext | undefined;

export function programProviderContext(): ProviderContext {
  if (!programContext) {
    programContext = new ProviderContext();
    // runtime.getConfig reads the stack config without wrapping secrets, and without
    // the warning `Config.get` prints for them; the value stays in this process.
    programContext.configure({ get: (key) => pulumi.runtime.getConfig(key) });
  }
  return programContext;
}
