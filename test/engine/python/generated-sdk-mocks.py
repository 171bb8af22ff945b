# Runs the Python SDK generated from schema.json (`pulumi package gen-sdk --language
# python`, installed with the `pulumi` package from PyPI) under pulumi.runtime mocks,
# and prints what the SDK sent and got back as one JSON object on stdout. The jest test
# test/engine/gen-sdk.test.ts runs it and asserts on that object; nothing is checked
# here, so that a failure shows the whole picture there.
#
#   python generated-sdk-mocks.py
import json

import pulumi

# What the mocks saw: the resources registered (type token, name, inputs as sent on
# the wire) and the invokes called (token, arguments).
registered = []
invoked = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered.append({"type": args.typ, "name": args.name, "inputs": args.inputs})
        outputs = dict(args.inputs)
        if args.typ == "digicert:index:ClientCertificateOrder":
            outputs.update(
                orderId=10000001,
                certificateId=30000001,
                status="issued",
                requests=[{"id": 20000001, "status": "approved"}],
                validTill="2027-11-30",
            )
        if args.typ == "digicert:index:CertificateReissue":
            outputs.update(certificateId=30000002, status="issued")
        return [f"{args.name}-id", outputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        invoked.append({"token": args.token, "args": args.args})
        return {
            "certificates": [
                {
                    "id": 30000009,
                    "commonName": "Lock Cole",
                    "status": "issued",
                    "dateCreated": "2026-11-30T12:00:00+00:00",
                    "serialNumber": "0A1B",
                    "daysRemaining": 365,
                }
            ]
        }


pulumi.runtime.set_mocks(Mocks(), preview=False)

import pulumi_digicert as digicert  # noqa: E402  (after set_mocks, as the SDK's docs require)

order = digicert.ClientCertificateOrder(
    "lock-cole",
    product_id=digicert.ClientProductId.CLIENT_PREMIUM_SHA2,
    certificate=digicert.ClientCertificateDetailsArgs(
        common_name="Lock Cole",
        emails=["locke.cole@example.com"],
        signature_hash="sha256",
        organization_units=["Accounting"],
    ),
    organization_id=112233,
    validity_years=1,
    skip_approval=True,
    payment_method=digicert.PaymentMethod.BALANCE,
    revocation_comments="Removed from the stack",
)
ct = digicert.OrderCtStatus("lock-cole-ct", order_id=order.order_id, disable_ct=True)
reissue = digicert.CertificateReissue(
    "lock-cole-reissue",
    order_id=order.order_id,
    # A dict input (the SDK's TypedDict form) as well as the Args class above.
    certificate={"common_name": "Lock Cole", "csr": "-----BEGIN CERTIFICATE REQUEST-----", "signature_hash": "sha256"},
    comments="Key rotation",
)
duplicates = digicert.get_order_duplicates_output(order_id=order.order_id)

# A required input left out: the SDK refuses it before anything is registered.
try:
    digicert.ClientCertificateOrder("incomplete", organization_id=112233, certificate={"common_name": "x"})
    missing_required = None
except TypeError as e:
    missing_required = str(e)

result = {}


@pulumi.runtime.test
def run():
    def record(values):
        order_id, certificate_id, status, requests, disable_ct, reissued_id, dups = values
        result.update(
            orderId=order_id,
            certificateId=certificate_id,
            status=status,
            # Nested outputs, keyed by their Python names (output types are dicts
            # too; under mocks this SDK hands back plain dicts).
            requests=[{"id": r["id"], "status": r["status"]} for r in requests],
            disableCt=disable_ct,
            reissuedCertificateId=reissued_id,
            duplicates=[
                {k: d[k] for k in ("id", "common_name", "serial_number", "days_remaining", "status", "date_created")}
                for d in dups
            ],
        )

    return pulumi.Output.all(
        order.order_id,
        order.certificate_id,
        order.status,
        order.requests,
        ct.disable_ct,
        reissue.certificate_id,
        duplicates.certificates,
    ).apply(record)


run()
print(json.dumps({"registered": registered, "invoked": invoked, "outputs": result, "missingRequired": missing_required}, sort_keys=True))
