# A Pulumi program in Python, run by the real engine (test/engine/python-program.test.ts)
# with the SDK generated from schema.json and the `pulumi` package from PyPI: one client
# certificate order, placed through the native plugin against the simulator whose
# address the stack's config (digicert:baseUrl) names.
import pulumi
import pulumi_digicert as digicert

config = pulumi.Config()

order = digicert.ClientCertificateOrder(
    "lock-cole",
    product_id=digicert.ClientProductId.CLIENT_PREMIUM_SHA2,
    certificate=digicert.ClientCertificateDetailsArgs(
        common_name=config.get("commonName") or "Lock Cole",
        emails=["locke.cole@example.com"],
        signature_hash="sha256",
    ),
    organization_id=112233,
    validity_years=1,
    skip_approval=True,
    payment_method=digicert.PaymentMethod.BALANCE,
    revocation_comments="Removed from the python stack",
)

pulumi.export("orderId", order.order_id)
pulumi.export("status", order.status)
