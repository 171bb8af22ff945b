// The native plugin's provider (provider/plugin/serving.ts) against simulators over real
// HTTP: configuration per provider, CheckConfig's field-named failures, secrets kept,
// routing by type token, import reads for each kind, and the invoke.
import { startSimulator, type Simulator } from "../../simulator";
import { NativeProvider, UnknownTokenError } from "../../provider/serving/plugin/serving";
import { reveal, secret, SIG_KEY } from "../../provider/serving/plugin/wire";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { failuresForEngine } from "../../provider/kit/inputs/engine-failures";
import { CSR } from "../support/providers";
import { UNKNOWN } from "../../provider/kit/inputs/check";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { handlers } from "../../provider/serving/plugin/server";

const KEY_A = "serving-key-a-1f0e";
const KEY_B = "serving-key-b-77c2";
const ORDER = "digicert:index:ClientCertificateOrder";
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

let simA: Simulator;
let simB: Simulator;
beforeAll(async () => {
  simA = await startSimulator({ port: 0, apiKeys: [KEY_A], settings: { autoApprove: true } });
  simB = await startSimulator({ port: 0, apiKeys: [KEY_B], settings: { autoApprove: true } });
});
afterAll(async () => {
  await simA.close();
  await simB.close();
});
beforeEach(async () => {
  await simA.admin.reset();
  await simB.admin.reset();
});

function provider(sim: Simulator, key: string): NativeProvider {
  const p = new NativeProvider("1.2.3", new MemoryLogger());
  p.configure({ baseUrl: sim.baseUrl, apiKey: secret(key), waitForIssuanceSeconds: "1" });
  return p;
}

const orderInputs = (commonName: string) => ({
  productId: "client_premium_sha2",
  certificate: { commonName, emails: ["someone@example.com"], signatureHash: "sha256" },
  organizationId: 112233,
  validityYears: 1,
  paymentMethod: "balance",
});

const posts = async (sim: Simulator) => (await sim.admin.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

test("check failures reach the engine so that it prints no value {<nil>}: a nested or absent field under no property, its path first", () => {
  expect(
    failuresForEngine(
      [
        { property: "certificate.commonNameIndicator", reason: "is required for client_premium" },
        { property: "organizationId", reason: "is required" },
        { property: "productId", reason: "must be one of ..." },
      ],
      { productId: "client_x", certificate: {} },
    ),
  ).toEqual([
    { property: "", reason: "certificate.commonNameIndicator: is required for client_premium" },
    { property: "", reason: "organizationId: is required" },
    { property: "productId", reason: "must be one of ..." },
  ]);
});

describe("CheckConfig", () => {
  const p = new NativeProvider("1.2.3", new MemoryLogger());

  test("each bad setting is one failure naming it and what is allowed; unknown settings are named too", () => {
    const r = p.checkConfig({ timeoutSeconds: "soon", waitForIssuanceSeconds: "-1", baseUrl: "http://www.digicert.com/services/v2", colour: "red", version: "1.2.3" });
    expect(r.failures).toEqual([
      { property: "colour", reason: expect.stringContaining('unknown setting "colour"; allowed settings: apiKey, baseUrl') },
      { property: "waitForIssuanceSeconds", reason: "digicert:waitForIssuanceSeconds must be a number of seconds, 0 or more" },
      { property: "timeoutSeconds", reason: "digicert:timeoutSeconds must be a number of seconds, more than 0" },
      { property: "baseUrl", reason: expect.stringContaining("uses plain http to a host that is not loopback") },
    ]);
  });

  test("the API key comes back a secret whether or not it was given as one; the other settings as they were", () => {
    const r = p.checkConfig({ apiKey: "plain-key", baseUrl: "https://certcentral.digicert.eu/services/v2", allowInsecureHttp: false });
    expect(r.failures).toEqual([]);
    expect(r.inputs["apiKey"]).toEqual(secret("plain-key"));
    expect(r.inputs["baseUrl"]).toBe("https://certcentral.digicert.eu/services/v2");
    expect(p.checkConfig({ apiKey: secret("k") }).inputs["apiKey"]).toEqual(secret("k"));
  });

  test("a base URL outside DigiCert's hosts and loopback is refused, naming what is allowed and the override; with it, taken", () => {
    for (const baseUrl of ["https://certcentral.example.com/services/v2", "https://api.localhost/services/v2", "https://10.0.0.5/services/v2"]) {
      expect(p.checkConfig({ baseUrl }).failures).toEqual([
        {
          property: "baseUrl",
          reason: expect.stringMatching(
            /^digicert:baseUrl \(or DIGICERT_BASE_URL\) https:\/\/\S+ is not a DigiCert host: the API key would be sent to \S+\. Allowed: https on \*\.digicert\.com or \*\.digicert\.eu, or a loopback address .* set digicert:allowNonDigicertHost \(or DIGICERT_ALLOW_NON_DIGICERT_HOST\) to true/,
          ),
        },
      ]);
      expect(p.checkConfig({ baseUrl, allowNonDigicertHost: "true" }).failures).toEqual([]);
      expect(p.checkConfig({ baseUrl, allowNonDigicertHost: true }).failures).toEqual([]);
    }
    expect(p.checkConfig({ baseUrl: "https://certcentral.digicert.eu/services/v2" }).failures).toEqual([]);
    // An override computed at preview (unknown yet) may allow it: judged at up, not refused now.
    expect(p.checkConfig({ baseUrl: "https://certcentral.example.com/services/v2", allowNonDigicertHost: UNKNOWN }).failures).toEqual([]);
  });

  test("a proxy URL is a secret, checked without being echoed", () => {
    const r = p.checkConfig({ proxyUrl: "http://corp-user:Pr0xy-pass@proxy.corp:3128" });
    expect(r.failures).toEqual([]);
    expect(r.inputs["proxyUrl"]).toEqual(secret("http://corp-user:Pr0xy-pass@proxy.corp:3128"));
    const bad = p.checkConfig({ proxyUrl: "socks5://corp-user:Pr0xy-pass@proxy.corp:1080" });
    expect(bad.failures).toEqual([{ property: "proxyUrl", reason: "digicert:proxyUrl socks5://proxy.corp:1080 must use http or https" }]);
    expect(JSON.stringify(p.checkConfig({ proxyUrl: "corp-user:Pr0xy-pass@nowhere" }).failures)).not.toMatch(/Pr0xy-pass|corp-user/);
  });

  test("a base URL whose path is not the Services API's is refused; a loopback simulator's is taken", () => {
    for (const baseUrl of ["https://www.digicert.com", "https://www.digicert.com/", "https://certcentral.digicert.eu/services/v1"]) {
      expect(p.checkConfig({ baseUrl }).failures).toEqual([
        {
          property: "baseUrl",
          reason: expect.stringMatching(/^digicert:baseUrl \(or DIGICERT_BASE_URL\) https:\/\/\S+ is not CertCentral's Services API: its path must end in \/services\/v2/),
        },
      ]);
    }
    expect(p.checkConfig({ baseUrl: "http://127.0.0.1:43210/services/v2" }).failures).toEqual([]);
  });

  test("values unknown at preview are not judged", () => {
    expect(p.checkConfig({ timeoutSeconds: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }).failures).toEqual([]);
  });

  test("DiffConfig: a changed setting updates the provider in place, never replaces it (that would replace its orders)", () => {
    expect(p.diffConfig({ baseUrl: "a", apiKey: secret("k") }, { baseUrl: "b", apiKey: secret("k") })).toEqual({
      changes: true,
      replaces: [],
      diffs: ["baseUrl"],
      deleteBeforeReplace: false,
    });
    expect(p.diffConfig({ apiKey: secret("k") }, { apiKey: "k" }).changes).toBe(false);
  });
});

test("two providers, each configured by its own arguments, reach only their own simulator", async () => {
  const a = provider(simA, KEY_A);
  const b = provider(simB, KEY_B);
  const ra = await a.create(ORDER, urn(ORDER, "a"), orderInputs("Alpha"));
  const rb = await b.create(ORDER, urn(ORDER, "b"), orderInputs("Bravo"));
  expect(ra.outs["status"]).toBe("issued");
  expect(rb.outs["status"]).toBe("issued");
  expect((await posts(simA)).filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect((await posts(simB)).filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
});

test("a secret input stays a secret in the outputs; the rest is plain", async () => {
  const p = provider(simA, KEY_A);
  const checked = await p.check(ORDER, urn(ORDER, "s"), {}, { ...orderInputs("Secretive"), revocationComments: secret("why") });
  expect(checked.failures).toEqual([]);
  expect(checked.inputs["revocationComments"]).toEqual(secret("why"));
  const r = await p.create(ORDER, urn(ORDER, "s"), checked.inputs);
  expect(r.outs["revocationComments"]).toEqual(secret("why"));
  expect(r.outs["orderId"]).toEqual(expect.any(Number));
  expect(JSON.stringify(r.outs)).not.toContain(KEY_A);
});

test("an unknown type token or function is refused, naming what the plugin serves", async () => {
  const p = provider(simA, KEY_A);
  await expect(p.check("digicert:index:Nope", urn("digicert:index:Nope", "x"), {}, {})).rejects.toThrow(UnknownTokenError);
  await expect(p.invoke("digicert:index:getNothing", {})).rejects.toThrow(/digicert:index:getOrderDuplicates/);
});

test("the invoke lists an order's duplicates through the provider's own configuration", async () => {
  const p = provider(simA, KEY_A);
  const { outs } = await p.create(ORDER, urn(ORDER, "d"), orderInputs("Duplicated"));
  await simA.admin.addDuplicate(outs["orderId"] as number, { issued: true });
  const r = await p.invoke("digicert:index:getOrderDuplicates", { orderId: outs["orderId"] });
  expect((r["certificates"] as unknown[]).length).toBe(1);
  const hidden = await p.invoke("digicert:index:getOrderDuplicates", { orderId: secret(outs["orderId"]) });
  expect((hidden["certificates"] as Record<string, unknown>)[SIG_KEY]).toBeDefined();
});

describe("import: a read with only an id builds the inputs from DigiCert, and check accepts them as they are", () => {
  test.each([
    ["ClientCertificateOrder", (orderId: number) => String(orderId)],
    ["OrderCtStatus", (orderId: number) => String(orderId)],
  ])("%s", async (kind, importId) => {
    const p = provider(simA, KEY_A);
    const { outs } = await p.create(ORDER, urn(ORDER, "src"), { ...orderInputs("Imported"), certificate: { ...orderInputs("Imported").certificate, organizationUnits: ["Ops"] } });
    const orderId = outs["orderId"] as number;
    await simA.admin.clearRequests();
    const type = `digicert:index:${kind}`;
    const r = await p.read(type, urn(type, "imp"), importId(orderId), {}, {});
    expect(r.id).toBe(String(orderId));
    const inputs = reveal(r.inputs).bag;
    if (kind === "ClientCertificateOrder") {
      expect(inputs).toEqual({ ...orderInputs("Imported"), certificate: { ...orderInputs("Imported").certificate, organizationUnits: ["Ops"] } });
      expect(r.props["certificatePem"]).toEqual(expect.stringContaining("BEGIN CERTIFICATE"));
    } else {
      expect(inputs).toEqual({ orderId, disableCt: false });
    }
    const checked = await p.check(type, urn(type, "imp"), inputs, inputs);
    expect(checked.failures).toEqual([]);
    const d = await p.diff(type, urn(type, "imp"), r.id, r.props, checked.inputs);
    expect(d.changes).toBe(false);
    expect(await posts(simA)).toEqual([]);
  });

  test("CertificateReissue: ORDER_ID/REQUEST_ID; the id becomes the order's, as create gives it", async () => {
    const p = provider(simA, KEY_A);
    const { outs } = await p.create(ORDER, urn(ORDER, "src"), orderInputs("Reissued"));
    const orderId = outs["orderId"] as number;
    const REISSUE = "digicert:index:CertificateReissue";
    const filed = await p.create(REISSUE, urn(REISSUE, "src"), { orderId, certificate: { commonName: "Reissued", csr: CSR, signatureHash: "sha256" }, skipApproval: true });
    const requestId = (filed.outs["requests"] as { id: number }[])[0]!.id;
    await simA.admin.clearRequests();
    const r = await p.read(REISSUE, urn(REISSUE, "imp"), `${orderId}/${requestId}`, {}, {});
    expect(r.id).toBe(String(orderId));
    const inputs = reveal(r.inputs).bag;
    expect(inputs).toMatchObject({ orderId, certificate: { commonName: "Reissued", csr: CSR, signatureHash: "sha256" } });
    expect((await p.check(REISSUE, urn(REISSUE, "imp"), inputs, inputs)).failures).toEqual([]);
    expect((await p.diff(REISSUE, urn(REISSUE, "imp"), r.id, r.props, inputs)).changes).toBe(false);
    await expect(p.read(REISSUE, urn(REISSUE, "bad"), String(orderId), {}, {})).rejects.toThrow(/ORDER_ID\/REQUEST_ID/);
    await expect(p.read(REISSUE, urn(REISSUE, "bad"), `${orderId}/1`, {}, {})).rejects.toThrow(/has no request 1/);
    expect(await posts(simA)).toEqual([]);
  });

  test("an order DigiCert does not know reads as gone (empty id); a malformed id is refused", async () => {
    const p = provider(simA, KEY_A);
    expect(await p.read(ORDER, urn(ORDER, "gone"), "99999999", {}, {})).toEqual({ id: "", props: {} });
    await expect(p.read(ORDER, urn(ORDER, "bad"), "abc", {}, {})).rejects.toThrow(/order id, a positive integer/);
  });
});

test("the plugin obeys only its engine: a second Configure from another gRPC client is refused, and no request reaches the URL it names", async () => {
  const p = new NativeProvider("1.2.3", new MemoryLogger());
  const server = new grpc.Server();
  server.addService(provrpc.ResourceProviderService, handlers(p, () => "{}"));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, n) => (e ? reject(e) : resolve(n))));
  const configure = (client: provrpc.ResourceProviderClient, sim: Simulator, key: string) => {
    const req = new provproto.ConfigureRequest();
    req.setArgs(structproto.Struct.fromJavaScript({ baseUrl: sim.baseUrl, apiKey: key, waitForIssuanceSeconds: "1" }));
    return new Promise<void>((resolve, reject) => client.configure(req, (e) => (e ? reject(e) : resolve())));
  };
  const engine = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const intruder = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    await configure(engine, simA, KEY_A);
    await expect(configure(intruder, simB, KEY_B)).rejects.toThrow(/configured already; a second Configure is refused and nothing is sent/);
    const r = await p.create(ORDER, urn(ORDER, "first"), orderInputs("First"));
    expect(r.outs["status"]).toBe("issued");
    expect((await posts(simA)).filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
    expect(await simB.admin.requests()).toEqual([]);
  } finally {
    engine.close();
    intruder.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  }
});

test("the pkcs12Bundle invoke checks its inputs as the SDK does: the field named, no value echoed", async () => {
  const p = provider(simA, KEY_A);
  const key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";
  const err = await p.invoke("digicert:index:pkcs12Bundle", { certificatePem: "", privateKeyPem: secret(key), password: secret("") }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toMatch(/^pkcs12Bundle: certificatePem must be the certificate \(the leaf\), PEM; password must not be empty/);
  expect((err as Error).message).not.toContain("MIGHAgEA");
});
