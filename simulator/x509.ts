// The one place the simulator loads @peculiar/x509. The library resolves its parts
// through tsyringe, which needs the Reflect metadata API installed before it loads
// (in CommonJS, as under ts-jest and in bin/), hence the import order here.
import "reflect-metadata";

export * as x509 from "@peculiar/x509";
