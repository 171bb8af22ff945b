// Generates the Pulumi package schema from the kinds' definitions and the settings
// table, the one source of truth. Every object type must be named and every property
// described: a missing one fails generation (and so the build's schema test) instead of
// shipping a gap.
import { z } from "zod";
import { OBJECT_TYPES, type EnumTypeName, type FunctionDefinition } from "../../provider/kit/inputs/definition";
import { ENUM_TYPES } from "../../provider/kit/inputs/fields";
import { FUNCTIONS, FUNCTION_SECRETS, RESOURCES, SECRET_OUTPUTS } from "../../provider/serving/registry";
import { clientCertificateComponent } from "../../provider/components/client-certificate/schema";
import { SETTINGS, shownDefault, type Setting } from "../../provider/kit/runtime/settings";

const PKG = "digicert";
/** npm name of the Node.js SDK generated from schema.json (the native plugin's resources). */
export const NATIVE_NODEJS_PACKAGE = "@pulumi-digicert/native";
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

export interface ObjectSpec {
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}
export interface ResourceSpec extends ObjectSpec {
  isComponent?: boolean;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
}
export interface TypeSpec {
  type: string;
  description?: string;
  properties?: Record<string, PropertySpec>;
  required?: string[];
  enum?: { name: string; value: string }[];
}
/** schema.json, as far as this package uses Pulumi's package schema. */
export interface PackageSchema {
  name: string;
  displayName: string;
  version: string;
  description: string;
  keywords: string[];
  license: string;
  publisher: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec> };
  types: Record<string, TypeSpec>;
  resources: Record<string, ResourceSpec>;
  functions: Record<string, { description?: string; inputs: ObjectSpec; outputs: ObjectSpec }>;
  language: Record<string, Record<string, unknown>>;
}

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
  readonly types: Record<string, TypeSpec> = {};

  constructor(private readonly enums: readonly EnumTypeName[] = ENUM_TYPES) {}

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
      const e = this.enums.find((t) => t.values.length === values.length && t.values.every((v) => values.includes(v)));
      if (!e) throw new Error(`schema: ${where}: enum ${values.join("|")} has no name in ENUM_TYPES (provider/kit/inputs/fields.ts)`);
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
      if (!named) throw new Error(`schema: ${where}: object type has no name in OBJECT_TYPES (register it there: provider/kit/inputs/definition.ts)`);
      if (!(token(named.name) in this.types)) {
        this.types[token(named.name)] = { type: "object" }; // reserve first: types may nest
        const { properties, required } = this.object(inner, named.name, named.fieldDescriptions);
        // An empty `required` is left out, as the engine leaves it out of the schema it reads back.
        this.types[token(named.name)] = { type: "object", description: named.description, properties, ...(required.length > 0 ? { required } : {}) };
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

  object(o: z.ZodObject, where: string, descriptions?: Readonly<Record<string, string>>): { properties: Record<string, PropertySpec>; required: string[] } {
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

/** A resource as the generator needs it: its kind's definition. */
export interface ResourceToGenerate {
  readonly kind: string;
  readonly description: string;
  readonly inputs: z.ZodObject;
  readonly outputs: z.ZodObject;
}

/** A component (served by the plugin's Construct): its inputs and outputs, and which of them are secrets. */
export interface ComponentToGenerate extends ResourceToGenerate {
  readonly secrets: readonly string[];
}

export interface PackageParts {
  readonly resources: readonly ResourceToGenerate[];
  readonly components?: readonly ComponentToGenerate[];
  readonly secretOutputs?: Readonly<Record<string, readonly string[] | undefined>>;
  readonly functionSecrets?: Readonly<Record<string, readonly string[] | undefined>>;
  readonly functions: readonly FunctionDefinition[];
  readonly settings: Readonly<Record<string, Setting<unknown>>>;
}

export const PACKAGE: PackageParts = {
  resources: RESOURCES,
  components: [clientCertificateComponent],
  secretOutputs: SECRET_OUTPUTS,
  functions: FUNCTIONS,
  functionSecrets: FUNCTION_SECRETS,
  settings: SETTINGS,
};

/** The properties among `secrets`, marked secret. */
function withSecrets(props: Record<string, PropertySpec>, secrets: readonly string[]): Record<string, PropertySpec> {
  return Object.fromEntries(Object.entries(props).map(([k, p]) => [k, secrets.includes(k) ? { ...p, secret: true } : p]));
}

/** A setting in schema.json: its meaning, its default, and the environment variable that also sets it. */
function configVariable(s: Setting<unknown>): PropertySpec {
  const d = shownDefault(s);
  return {
    type: s.type,
    ...(s.secret ? { secret: true } : {}),
    description: d === undefined ? s.description : `${s.description} Default ${d}.`,
    defaultInfo: { environment: [s.env] },
  };
}

export function generateSchema(version: string, parts: PackageParts = PACKAGE): PackageSchema {
  const g = new SchemaGenerator();
  const variables = Object.fromEntries(Object.entries(parts.settings).map(([name, s]) => [name, configVariable(s)]));
  const resourceSpec = (r: ResourceToGenerate, secrets: readonly string[], isComponent: boolean): [string, ResourceSpec] => {
    const i = g.object(r.inputs, r.kind);
    const o = g.object(r.outputs, r.kind);
    return [
      token(r.kind),
      {
        description: r.description,
        ...(isComponent ? { isComponent: true } : {}),
        properties: withSecrets(o.properties, secrets),
        required: o.required,
        inputProperties: withSecrets(i.properties, secrets),
        requiredInputs: i.required,
      },
    ];
  };
  const resources = Object.fromEntries([
    ...parts.resources.map((r) => resourceSpec(r, parts.secretOutputs?.[r.kind] ?? [], false)),
    ...(parts.components ?? []).map((c) => resourceSpec(c, c.secrets, true)),
  ]);
  const functions = Object.fromEntries(
    parts.functions.map((f) => {
      const fnIn = g.object(f.inputs, f.name);
      const fnOut = g.object(f.result, `${f.name}Result`);
      const secrets = parts.functionSecrets?.[f.name] ?? [];
      return [
        token(f.name),
        {
          description: f.inputs.description,
          inputs: { properties: withSecrets(fnIn.properties, secrets), required: fnIn.required },
          outputs: { properties: withSecrets(fnOut.properties, secrets), required: fnOut.required },
        },
      ];
    }),
  );
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
    // The SDKs `pulumi package gen-sdk` generates for the native plugin (docs/dev/generated-sdks.md).
    // The Node.js one must not be called pulumi-digicert: that is this package, whose
    // classes are the dynamic resources; code `pulumi import` writes imports this name.
    // Their versions are the schema's (the package's), so the plugin version they ask
    // the engine for is the one the package's pulumi-resource-digicert reports.
    language: {
      nodejs: { packageName: NATIVE_NODEJS_PACKAGE, respectSchemaVersion: true, dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      python: { packageName: "pulumi_digicert", respectSchemaVersion: true },
    },
  };
}
