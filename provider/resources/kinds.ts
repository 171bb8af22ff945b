export const RESOURCE_KINDS = ["ClientCertificateOrder", "CertificateReissue", "OrderCtStatus"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
/** The `module` argument of dynamic.Resource: types show as `pulumi-nodejs:dynamic/digicert:<Kind>`. */
export const MODULE = "digicert";
