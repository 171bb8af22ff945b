// A kind's module is the one place its outputs are written: an output added there alone
// reaches the SDK class (its type and the outputs it registers), diff's key lists and the
// state schema, schema.json and the reference docs. The test adds one to
// ClientCertificateOrder's definition and looks at each of them.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { defineResource, type InputsOf, type OutputsOf, type StateOf } from "../../provider/kit/inputs/definition";
import { clientCertificateOrder } from "../../provider/kinds/client-certificate-order/schema";
import { KindProvider } from "../../provider/kit/kind-provider";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { RESOURCES } from "../../provider/serving/registry";
import { generateSchema, PACKAGE } from "../../tools/schema/generate";
import { docsPages } from "../../tools/schema/docs";
import { dynamicType, registeredProps } from "../../sdk/resource";
import type { Args, ResourceOutputs } from "../../sdk/types";
import type { ClientCertificateOrder } from "../../sdk";
import { orderInputs } from "../support/providers";

const OCSP = "URL of the OCSP responder for the order's certificate, once issued.";

// ClientCertificateOrder's definition as its module would read with one more output.
const withOcsp = defineResource({
  kind: clientCertificateOrder.kind,
  inputs: clientCertificateOrder.inputs,
  computed: { ...clientCertificateOrder.computed, ocspUrl: z.string().optional().describe(OCSP) },
  replaceKeys: clientCertificateOrder.replaceKeys,
  updateKeys: clientCertificateOrder.updateKeys,
});

// The SDK class, written the way sdk/client-certificate-order.ts writes it.
interface OrderWithOcsp extends ResourceOutputs<OutputsOf<typeof withOcsp>> {}
class OrderWithOcsp extends pulumi.CustomResource {
  constructor(name: string, args: Args<InputsOf<typeof withOcsp>>) {
    super(dynamicType(withOcsp), name, registeredProps(withOcsp, name, args));
  }
}

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe("the SDK class", () => {
  it("has the output in its type, and only the kinds that declare it do (checked by the compiler)", () => {
    const typed: Equals<OrderWithOcsp["ocspUrl"], pulumi.Output<string | undefined>> = true;
    // @ts-expect-error: ClientCertificateOrder's module declares no such output
    const undeclared: ClientCertificateOrder["ocspUrl"] = undefined;
    // @ts-expect-error: a misspelt output is a type error
    const misspelt = (o: ClientCertificateOrder) => o.orderID;
    expect([typed, undeclared, typeof misspelt]).toEqual([true, undefined, "function"]);
  });

  it("registers the output, so the engine's value lands on the object", async () => {
    const registered: Record<string, unknown>[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push(args.inputs);
          return { id: "1", state: { ...args.inputs, orderId: 1, status: "issued", requests: [], ocspUrl: "http://ocsp.example" } };
        },
        call: () => ({}),
      },
      "definitions-test",
      "dev",
      false,
    );
    const { ClientCertificateOrder } = await import("../../sdk");
    const order = new OrderWithOcsp("with-ocsp", orderInputs() as Args<InputsOf<typeof withOcsp>>);
    const today = new ClientCertificateOrder("today", orderInputs() as Args<InputsOf<typeof clientCertificateOrder>>);
    const ocsp = await new Promise((resolve) => order.ocspUrl.apply(resolve));
    expect(ocsp).toBe("http://ocsp.example");
    // The class of today's module asks for no such output: the engine's value is dropped.
    expect(Object.keys(today)).not.toContain("ocspUrl");
    expect(Object.keys(order)).toContain("ocspUrl");
  });
});

describe("diff's key lists and the state schema", () => {
  // The base every kind's provider extends, bound to the extended definition.
  // Its update carries the outputs over, as every kind's update that calls no API does.
  class Provider extends KindProvider<InputsOf<typeof withOcsp>, StateOf<typeof withOcsp>> {
    constructor() {
      super(withOcsp, new ProviderContext(), new MemoryLogger());
    }
    protected async onUpdate(_id: string, old: StateOf<typeof withOcsp>, inputs: InputsOf<typeof withOcsp>): Promise<dynamic.UpdateResult> {
      return { outs: this.carriedOver(inputs, old) };
    }
    protected onCreate(): Promise<dynamic.CreateResult> {
      throw new Error("not called");
    }
    protected onRead(): Promise<dynamic.ReadResult> {
      throw new Error("not called");
    }
    protected onImport(): Promise<dynamic.ReadResult> {
      throw new Error("not called");
    }
    protected onDelete(): Promise<void> {
      throw new Error("not called");
    }
  }
  const stored = { ...orderInputs(), orderId: 7, status: "issued", requests: [], ocspUrl: "http://ocsp.example/1" };

  it("lists it among the outputs, not among the keys that replace or update", () => {
    expect(withOcsp.computedKeys).toContain("ocspUrl");
    expect(withOcsp.computedKeys).toEqual([...clientCertificateOrder.computedKeys, "ocspUrl"]);
    expect([...withOcsp.replaceKeys, ...withOcsp.updateKeys]).not.toContain("ocspUrl");
  });

  it("reads it from stored state and carries it over an update; a change to it plans nothing", async () => {
    const p = new Provider();
    expect((await p.update("7", stored, orderInputs({ revocationComments: "changed" }))).outs).toMatchObject({ ocspUrl: "http://ocsp.example/1", revocationComments: "changed" });
    expect(await p.diff("7", { ...stored, ocspUrl: "other" }, orderInputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    // Today's state schema does not know it: it drops it, and reads the rest.
    expect(clientCertificateOrder.state.parse(stored)).not.toHaveProperty("ocspUrl");
    expect(withOcsp.state.parse(stored)).toHaveProperty("ocspUrl", "http://ocsp.example/1");
  });
});

describe("schema.json and the docs", () => {
  const resources = RESOURCES.map((r) => (r.kind === withOcsp.kind ? withOcsp : r));
  const schema = generateSchema("0.0.0", { ...PACKAGE, resources });
  const order = schema.resources["digicert:index:ClientCertificateOrder"]!;

  it("schema.json declares it as an output, optional, not an input", () => {
    expect(order.properties["ocspUrl"]).toEqual({ type: "string", description: OCSP });
    expect(order.required).not.toContain("ocspUrl");
    expect(order.inputProperties).not.toHaveProperty("ocspUrl");
    expect(generateSchema("0.0.0").resources["digicert:index:ClientCertificateOrder"]!.properties).not.toHaveProperty("ocspUrl");
  });

  it("the resource's page lists it among the outputs", () => {
    const page = docsPages(schema)["ClientCertificateOrder.md"]!;
    const outputs = page.slice(page.indexOf("## Outputs"), page.indexOf("## Lifecycle"));
    expect(outputs).toContain(`| \`ocspUrl\` | string | no | ${OCSP} |`);
  });
});
