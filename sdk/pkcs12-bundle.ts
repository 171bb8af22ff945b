import * as pulumi from "@pulumi/pulumi";
import { bundlePkcs12, type Pkcs12BundleInputs, type Pkcs12BundleResult } from "../provider/credentials/pkcs12-inputs";
import type { Args } from "./types";

export type { Pkcs12BundleResult };
export type Pkcs12BundleArgs = Pkcs12BundleInputs;
export type Pkcs12BundleOutputArgs = Args<Pkcs12BundleInputs>;
export type { Pkcs12Profile } from "../provider/credentials/pkcs12";

/**
 * A PKCS#12 file (.p12/.pfx, base64) of a certificate, its chain and its key, for
 * programs that keep their own keys (e.g. @pulumi/tls's PrivateKey). Made in the
 * program's process: nothing is sent anywhere. `profile`: "modern" (AES-256-CBC,
 * PBKDF2-HMAC-SHA-256, SHA-256 MAC; the default) or "legacy" (3DES, SHA-1 MAC).
 * The key must be the certificate's. The same inputs give the same file. The result is
 * plain here; pkcs12BundleOutput returns it as a secret.
 */
export async function pkcs12Bundle(args: Pkcs12BundleArgs): Promise<Pkcs12BundleResult> {
  return bundlePkcs12(args);
}

/** The Output form of pkcs12Bundle: its result is a secret, whatever its inputs are. */
export function pkcs12BundleOutput(args: Pkcs12BundleOutputArgs): pulumi.Output<Pkcs12BundleResult> {
  return pulumi.secret(pulumi.output(args).apply((a) => pkcs12Bundle(a as Pkcs12BundleArgs)));
}
