// Generates the Pulumi package schema from the provider's zod schemas, the one source
// of truth. Every object type must be named and every property described: a missing
// one fails generation (and so the build's schema test) instead of shipping a gap.
import { z } from "zod";
import { DuplicateCertificateSchema } from "../../provider/digicert";
import { SETTINGS } from "../../provider/resources/context";
import {
  CLIENT_PRODUCT_IDS,
  PAYMENT_METHODS,
  REISSUE_SIGNATURE_HASHES,
  certificateReissueInputs,
  clientCertificateDetails,
  clientCertificateOrderInputs,
  customField,
  getOrderDuplicatesInputs,
  orderCtStatusInputs,
  reissueCertificateDetails,
} from "../../provider/resources/fields";
import {
  DUPLICATE_CERTIFICATE_DESCRIPTIONS,
  certificateReissueOutputs,
  clientCertificateOrderOutputs,
  getOrderDuplicatesResult,
  orderCtStatusOutputs,
  orderRequest,
} from "../../provider/resources/outputs";

const PKG = "digicert";
const token = (name: string) => `${PKG}:index:${name}`;
const ref = (name: string) => ({ $ref: `#/types/${token(name)}` });

export interface PropertySpec {
  type?: string;
  items?: PropertySpec;
  $ref?: string;
  description?: string;
  secret?: boolean;
  defaultInfo?: { environment: string[] };
}

const serverPlatform = (DuplicateCertificateSchema.shape.serverPlatform as z.ZodOptional<z.ZodObject>).unwrap();

/** Named object types, by schema instance, with descriptions for fields that carry none. */
const OBJECT_TYPES = new Map<z.ZodType, { name: string; descriptions?: Record<string, string>; description: string }>([
  [clientCertificateDetails, { name: "ClientCertificateDetails", description: "Details of a client certificate to order." }],
  [customField, { name: "CustomField", description: "A custom order field." }],
  [reissueCertificateDetails, { name: "ReissueCertificateDetails", description: "Details of a reissued certificate." }],
  [orderRequest, { name: "OrderRequest", description: "A request on an order and its status." }],
  [
    DuplicateCertificateSchema,
    { name: "DuplicateCertificate", description: "A duplicate certificate of an order.", descriptions: DUPLICATE_CERTIFICATE_DESCRIPTIONS },
  ],
  [
    serverPlatform,
    {
      name: "ServerPlatform",
      description: "A server platform.",
      descriptions: { id: "Server platform ID.", name: "Server platform name.", installUrl: "Installation instructions URL.", csrUrl: "CSR instructions URL." },
    },
  ],
]);

/** String enums, recognised by their values. */
const ENUM_TYPES: { name: string; values: readonly string[]; description: string }[] = [
  { name: "ClientProductId", values: CLIENT_PRODUCT_IDS, description: "A DigiCert client certificate product." },
  { name: "PaymentMethod", values: PAYMENT_METHODS, description: "How an order is paid for." },
  { name: "ReissueSignatureHash", values: REISSUE_SIGNATURE_HASHES, description: "Signature hash algorithm of a reissued certificate." },
];

const pascal = (v: string) => v.replace(/(^|[_-])([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());

function unwrap(s: z.ZodType): { inner: z.ZodType; optional: boolean; description: string | undefined } {
  let optional = false;
  let description = s.description;
  let t = s;
  for (;;) {
    if (t instanceof z.ZodOptional || t instanceof z.ZodDefault) {
      optional = true;
      t = t.unwrap() as z.ZodType;
    } else if (t instanceof z.ZodPipe) {
      t = t.in as z.ZodType;
    } else break;
    description ??= t.description;
  }
  return { inner: t, optional, description };
}

export class SchemaGenerator {
  readonly types: Record<string, unknown> = {};

  private typeOf(inner: z.ZodType, where: string): PropertySpec {
    if (inner instanceof z.ZodString) return { type: "string" };
    if (inner instanceof z.ZodBoolean) return { type: "boolean" };
    if (inner instanceof z.ZodNumber) return { type: inner.isInt ? "integer" : "number" };
    if (inner instanceof z.ZodLiteral || inner instanceof z.ZodUnion) {
      const values =
        inner instanceof z.ZodLiteral ? [...inner.values] : (inner.options as z.ZodType[]).flatMap((o) => (o instanceof z.ZodLiteral ? [...o.values] : [undefined]));
      if (values.every((v) => typeof v === "string")) return { type: "string" };
      if (values.every((v) => typeof v === "number" && Number.isInteger(v))) return { type: "integer" };
      throw new Error(`schema: ${where}: a union or literal of mixed or non-scalar values has no Pulumi type`);
    }
    if (inner instanceof z.ZodEnum) {
      const values = inner.options as string[];
      const e = ENUM_TYPES.find((t) => t.values.length === values.length && t.values.every((v) => values.includes(v)));
      if (!e) throw new Error(`schema: ${where}: enum ${values.join("|")} has no name in ENUM_TYPES`);
      this.types[token(e.name)] ??= {
        type: "string",
        description: e.description,
        enum: e.values.map((value) => ({ name: pascal(value), value })),
      };
      return ref(e.name);
    }
    if (inner instanceof z.ZodArray) {
      // `items` is a Pulumi TypeSpec, which has no description (the array property carries one): Pulumi's
      // schema reader drops it, so the element's zod description is left out instead of shipped unused.
      const { description: _elementDescription, ...items } = this.property(inner.element as z.ZodType, `${where}[]`).spec;
      return { type: "array", items };
    }
    if (inner instanceof z.ZodObject) {
      const named = OBJECT_TYPES.get(inner);
      if (!named) throw new Error(`schema: ${where}: object type has no name in OBJECT_TYPES`);
      if (!(token(named.name) in this.types)) {
        this.types[token(named.name)] = {}; // reserve first: types may nest
        const { properties, required } = this.object(inner, named.name, named.descriptions);
        this.types[token(named.name)] = { type: "object", description: named.description, properties, required };
      }
      return ref(named.name);
    }
    throw new Error(`schema: ${where}: unsupported zod type ${inner.constructor.name}`);
  }

  property(s: z.ZodType, where: string, fallbackDescription?: string): { spec: PropertySpec; optional: boolean } {
    const { inner, optional, description } = unwrap(s);
    const spec = this.typeOf(inner, where);
    const d = description ?? fallbackDescription;
    return { spec: d === undefined ? spec : { ...spec, description: d }, optional };
  }

  object(o: z.ZodObject, where: string, descriptions?: Record<string, string>): { properties: Record<string, PropertySpec>; required: string[] } {
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const [key, field] of Object.entries(o.shape as Record<string, z.ZodType>)) {
      const { spec, optional } = this.property(field, `${where}.${key}`, descriptions?.[key]);
      if (spec.description === undefined) throw new Error(`schema: ${where}.${key} has no description`);
      properties[key] = spec;
      if (!optional) required.push(key);
    }
    return { properties, required };
  }
}

const CONFIG: Record<keyof typeof SETTINGS, { type: string; secret?: boolean; description: string }> = {
  apiKey: { type: "string", secret: true, description: "CertCentral API key, sent as X-DC-DEVKEY. Never stored in state." },
  baseUrl: { type: "string", description: "CertCentral Services API v2 base URL. Default https://www.digicert.com/services/v2." },
  allowInsecureHttp: { type: "boolean", description: "Allow a plain http:// base URL that is not loopback. Default false." },
  waitForIssuanceSeconds: { type: "number", description: "How long create waits for approval and issuance before returning a pending order. Default 60." },
  timeoutSeconds: { type: "number", description: "Timeout of each HTTP request to DigiCert, per attempt, in seconds. Default 30." },
  orderLookupSeconds: {
    type: "number",
    description:
      "When an order or reissue request failed without a definite answer (timeout, reset, 5xx), how long create keeps looking for what it may have placed before reporting that nothing was placed. Default 60.",
  },
};

export function generateSchema(version: string): Record<string, unknown> {
  const g = new SchemaGenerator();
  const variables: Record<string, PropertySpec> = {};
  for (const [k, v] of Object.entries(CONFIG) as [keyof typeof SETTINGS, (typeof CONFIG)[keyof typeof SETTINGS]][]) {
    variables[k] = { ...v, defaultInfo: { environment: [SETTINGS[k].env] } };
  }
  const resource = (inputs: z.ZodObject, outputs: z.ZodObject, name: string) => {
    const i = g.object(inputs, name);
    const o = g.object(outputs, name);
    return { description: inputs.description, properties: o.properties, required: o.required, inputProperties: i.properties, requiredInputs: i.required };
  };
  const resources = {
    [token("ClientCertificateOrder")]: resource(clientCertificateOrderInputs, clientCertificateOrderOutputs, "ClientCertificateOrder"),
    [token("CertificateReissue")]: resource(certificateReissueInputs, certificateReissueOutputs, "CertificateReissue"),
    [token("OrderCtStatus")]: resource(orderCtStatusInputs, orderCtStatusOutputs, "OrderCtStatus"),
  };
  const fnIn = g.object(getOrderDuplicatesInputs, "getOrderDuplicates");
  const fnOut = g.object(getOrderDuplicatesResult, "getOrderDuplicatesResult");
  const functions = {
    [token("getOrderDuplicates")]: {
      description: getOrderDuplicatesInputs.description,
      inputs: { properties: fnIn.properties, required: fnIn.required },
      outputs: { properties: fnOut.properties, required: fnOut.required },
    },
  };
  const sortedTypes = Object.fromEntries(Object.entries(g.types).sort(([a], [b]) => a.localeCompare(b)));
  return {
    name: PKG,
    displayName: "DigiCert",
    version,
    description: "Order, reissue and revoke DigiCert CertCentral client certificates, and set their CT-log status.",
    keywords: ["pulumi", "digicert", "certcentral", "certificates", "pki"],
    license: "Apache-2.0",
    publisher: "pulumi-digicert",
    config: { variables },
    provider: { description: "The DigiCert CertCentral provider.", inputProperties: variables },
    types: sortedTypes,
    resources,
    functions,
    language: {
      nodejs: { packageName: "pulumi-digicert", dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      python: { packageName: "pulumi_digicert" },
    },
  };
}
