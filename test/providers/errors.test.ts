// A provider's own refusal is a DigiCertProviderError; DigiCert's answer stays the
// client's DigiCertError: a caller tells them apart by type, not by message.
import { DigiCertApiError, DigiCertError } from "../../provider/digicert";
import { AdoptionMismatchError, DigiCertProviderError, InvalidInputsError, RevokeRefusedError } from "../../provider/kit/runtime/errors";
import { orderInputs, reissueInputs, startFixture, type Fixture } from "../support/providers";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({}, 1);
});
afterAll(async () => {
  await f.sim.close();
});

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (err: unknown) => err,
  );
}

it("inputs found bad at apply: InvalidInputsError, naming the field", async () => {
  const err = await refusal(f.order.create(orderInputs({ organizationId: -1 })));
  expect(err).toBeInstanceOf(InvalidInputsError);
  expect(err).toBeInstanceOf(DigiCertProviderError);
  expect(err).not.toBeInstanceOf(DigiCertError);
  expect((err as InvalidInputsError).failures.map((x) => x.property)).toEqual(["organizationId"]);
});

it("an adopted order that does not match: AdoptionMismatchError", async () => {
  const placed = await f.order.create(orderInputs());
  const err = await refusal(f.order.create(orderInputs({ adoptOrderId: Number(placed.id), organizationId: 9 })));
  expect(err).toBeInstanceOf(AdoptionMismatchError);
  expect(err).toBeInstanceOf(DigiCertProviderError);
  expect((err as AdoptionMismatchError).mismatched).toEqual(["organizationId"]);
});

it("a revoke DigiCert refuses while a reissue is pending: RevokeRefusedError, DigiCert's answer as its cause", async () => {
  const placed = await f.order.create(orderInputs());
  await f.reissue.create(reissueInputs(Number(placed.id), { skipApproval: false }));
  const err = await refusal(f.order.delete(placed.id, placed.outs as unknown as Record<string, unknown>));
  expect(err).toBeInstanceOf(RevokeRefusedError);
  expect((err as RevokeRefusedError).cause).toBeInstanceOf(DigiCertApiError);
});

it("DigiCert's own refusal stays a DigiCertError, not a provider error", async () => {
  await f.sim.admin.setSettings({ ctLoggingEnabled: false });
  const placed = await f.order.create(orderInputs());
  const err = await refusal(f.ct.create({ orderId: Number(placed.id), disableCt: true }));
  expect(err).toBeInstanceOf(DigiCertApiError);
  expect(err).not.toBeInstanceOf(DigiCertProviderError);
});
